import { COUNTS_ONLY, EVERYONE, NO_GROUPS, plural, type RuleDefinition } from './definition';
import type { DecisionRule, Tally } from './types';

/** At most `n` formal objections. */
export const atMostObjections = (n: number) => (t: Tally): boolean => t.object <= n;

export function consensusMinusNRule(n: number): DecisionRule {
  const adopts = atMostObjections(n);
  return {
    spec: `consensus-minus-n:${n}`,
    name: 'consensus-minus-n',
    title: `Consensus minus ${n}`,
    description: `Adopted unless more than ${plural(n, 'participant')} formally object.`,
    source: 'OSCE "consensus-minus-two" (Stockholm 1992) generalised: docs/sources/kp-reference.md §5 [U]',
    mode: 'consensus',
    electorate: EVERYONE,
    groups: NO_GROUPS,
    uses: COUNTS_ONLY,
    adopts,
    explain: (t) => `${plural(t.object, 'formal objection')}, at most ${n} allowed`,
  };
}

export const consensusMinusN: RuleDefinition = {
  name: 'consensus-minus-n',
  syntax: 'consensus-minus-n:<n>',
  example: 'consensus-minus-n:2',
  summary: 'adopted unless more than n participants formally object',
  source: 'OSCE consensus-minus-one / minus-two practice: docs/sources/kp-reference.md §5',
  build(params) {
    if (params.length !== 1) return 'consensus-minus-n needs one parameter, the number of objections tolerated (e.g. consensus-minus-n:2)';
    const text = params[0];
    if (!/^\d+$/.test(text)) return `consensus-minus-n:${text}: "${text}" is not a whole number >= 0`;
    const n = Number(text);
    if (n > 100_000) return `consensus-minus-n:${text}: at most 100000 objections can be tolerated`;
    return consensusMinusNRule(n);
  },
};
