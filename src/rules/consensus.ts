import { COUNTS_ONLY, EVERYONE, NO_GROUPS, noParams, plural, type RuleDefinition } from './definition';
import type { DecisionRule, Tally } from './types';

/** No formal objection among the participants present. Abstention lets consensus form; observers never block. */
export const noFormalObjection = (t: Tally): boolean => t.object === 0;

export const consensusRule: DecisionRule = {
  spec: 'consensus',
  name: 'consensus',
  title: 'Consensus',
  description: 'Adopted when no participant present formally objects; one objection blocks.',
  source: 'KP practice, "absolute consensus": docs/sources/kp-reference.md §0, §1.1',
  mode: 'consensus',
  electorate: EVERYONE,
  groups: NO_GROUPS,
  uses: COUNTS_ONLY,
  adopts: noFormalObjection,
  explain: (t) =>
    noFormalObjection(t) ? 'no formal objection' : `${plural(t.object, 'formal objection')} (consensus needs none)`,
};

export const consensus: RuleDefinition = {
  name: 'consensus',
  syntax: 'consensus',
  example: 'consensus',
  summary: 'no formal objection among participants present (KP rule in force)',
  source: consensusRule.source,
  build: (params) => noParams('consensus', params) ?? consensusRule,
};
