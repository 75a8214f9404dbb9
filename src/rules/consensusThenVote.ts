import { COUNTS_ONLY, EVERYONE, NO_GROUPS, plural, type RuleDefinition } from './definition';
import { noFormalObjection } from './consensus';
import { fractionText, parseThreshold, reaches, type Fraction } from './fraction';
import { qualifiedMajorityRule } from './qualifiedMajority';
import { simpleMajorityRule } from './simpleMajority';
import { yesVotes, type DecisionRule, type Tally } from './types';

/** Yes votes reach `threshold` of the members present (abstaining counts like voting no). DDI 2017: "2/3 of those present". */
export const qualifiedMajorityOfPresent = (threshold: Fraction) => (t: Tally): boolean =>
  t.members > 0 && reaches(yesVotes(t), t.members, threshold);

export function qualifiedMajorityOfPresentRule(threshold: Fraction): DecisionRule {
  const q = fractionText(threshold);
  const adopts = qualifiedMajorityOfPresent(threshold);
  return {
    spec: `qualified-majority:${q}:present`,
    name: 'qualified-majority',
    title: `Qualified majority (${q} of those present)`,
    description: `Adopted when at least ${q} of the members present vote yes; abstaining counts against.`,
    source: 'DDI 2017 proposal ("⅔ of those present"): docs/sources/kp-reference.md §4',
    mode: 'vote',
    electorate: EVERYONE,
    groups: NO_GROUPS,
    uses: COUNTS_ONLY,
    adopts,
    explain: (t) => `${yesVotes(t)} yes of ${t.members} present, ${q} of those present needed`,
  };
}

/**
 * Consensus first; when consultations are exhausted the chair puts the option to `fallback` (a voting rule).
 * The main check is consensus; the procedure machine calls the fallback (guard `voteFallbackAvailable`).
 */
export function consensusThenVoteRule(fallback: DecisionRule, spec: string): DecisionRule {
  return {
    spec,
    name: 'consensus-then-vote',
    title: `Consensus, then ${fallback.title.charAt(0).toLowerCase()}${fallback.title.slice(1)}`,
    description: `Consensus first; if consultations fail, the chair puts the option to a vote: ${fallback.description}`,
    source: 'WTO Agreement Art. IX:1; CWC Art. VIII(18) [U]; DDI 2017 proposal: docs/sources/kp-reference.md §4, §5',
    mode: 'consensus-then-vote',
    electorate: fallback.electorate,
    groups: fallback.groups,
    uses: { counts: true, weights: fallback.uses.weights, groups: fallback.uses.groups },
    adopts: noFormalObjection,
    fallback,
    explain: (t) =>
      noFormalObjection(t)
        ? 'no formal objection (consensus)'
        : `${plural(t.object, 'formal objection')}, so no consensus; in the vote: ${fallback.explain(t)}`,
  };
}

/**
 * `consensus-then-vote:<threshold>` (qualified majority of votes cast), `consensus-then-vote:<threshold>:present`,
 * `consensus-then-vote:majority` (simple majority, WTO) or `consensus-then-vote:<voting rule spec>` (e.g.
 * `consensus-then-vote:double-majority:2/3:a:b`). `parse` parses the nested voting rule (injected by the registry).
 */
export function makeConsensusThenVote(parse: (spec: string) => DecisionRule | string): RuleDefinition {
  return {
    name: 'consensus-then-vote',
    syntax: 'consensus-then-vote:<threshold>[:present] | :majority | :<voting rule>',
    example: 'consensus-then-vote:2/3',
    summary: 'consensus first; if consultations fail, a vote (threshold of votes cast, of those present, simple majority, or any voting rule)',
    source: 'WTO Art. IX:1, CWC Art. VIII(18) [U], DDI 2017, Montreal Art. 2(9) [U]: docs/sources/kp-reference.md §4, §5',
    build(params) {
      const usage = 'e.g. consensus-then-vote:2/3, consensus-then-vote:2/3:present, consensus-then-vote:majority, consensus-then-vote:double-majority:2/3:<group>:<group>';
      if (params.length === 0) return `consensus-then-vote needs the vote taken when consensus fails (${usage})`;
      const [first, ...rest] = params;
      if (first === 'majority') {
        if (rest.length > 0) return `consensus-then-vote:majority takes no further parameters (received "${rest.join(':')}")`;
        return consensusThenVoteRule(simpleMajorityRule, 'consensus-then-vote:majority');
      }
      if (/^[\d./\s]+$/.test(first)) {
        const threshold = parseThreshold(first);
        if (typeof threshold === 'string') return `consensus-then-vote:${params.join(':')}: ${threshold}`;
        const q = fractionText(threshold);
        if (rest.length === 0) return consensusThenVoteRule(qualifiedMajorityRule(threshold), `consensus-then-vote:${q}`);
        if (rest.length === 1 && rest[0] === 'present') return consensusThenVoteRule(qualifiedMajorityOfPresentRule(threshold), `consensus-then-vote:${q}:present`);
        return `consensus-then-vote:${params.join(':')}: after the threshold only "present" is allowed (${usage})`;
      }
      const nested = parse(params.join(':'));
      if (typeof nested === 'string') return `consensus-then-vote: ${nested}`;
      if (nested.mode !== 'vote') return `consensus-then-vote:${params.join(':')}: the rule after consensus must be a voting rule, "${nested.name}" is not (${usage})`;
      return consensusThenVoteRule(nested, `consensus-then-vote:${nested.spec}`);
    },
  };
}
