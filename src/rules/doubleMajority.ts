import { EVERYONE, type RuleDefinition } from './definition';
import { fractionText, parseThreshold, type Fraction } from './fraction';
import { qualifiedMajorityOfVotesCast } from './qualifiedMajority';
import { votesCast, yesVotes, type DecisionRule, type Tally } from './types';

/** In group k, more members present and voting vote yes than no (a majority of the group's votes cast). */
export const groupMajority = (t: Tally, k: number): boolean => t.groupYes[k] > t.groupNo[k];

/** The qualified majority of all votes cast, and a majority of the votes cast within every group. */
export const doubleMajorityAdopts = (threshold: Fraction) => {
  const overall = qualifiedMajorityOfVotesCast(threshold);
  return (t: Tally): boolean => {
    if (!overall(t)) return false;
    for (let k = 0; k < t.groupYes.length; k++) if (!groupMajority(t, k)) return false;
    return true;
  };
};

export function doubleMajorityRule(threshold: Fraction, groups: readonly string[]): DecisionRule {
  const q = fractionText(threshold);
  const adopts = doubleMajorityAdopts(threshold);
  return {
    spec: `double-majority:${q}:${groups.join(':')}`,
    name: 'double-majority',
    title: `Double majority (${q}, and a majority within ${groups.join(' and ')})`,
    description: `Adopted when at least ${q} of those present and voting vote yes, including a majority of the votes cast within each of ${groups.join(', ')}.`,
    source: 'Montreal Protocol Art. 2(9)(c) double majority [U]: docs/sources/kp-reference.md §5',
    mode: 'vote',
    electorate: EVERYONE,
    groups,
    uses: { counts: true, weights: false, groups: true },
    adopts,
    explain: (t) =>
      `${yesVotes(t)} yes of ${votesCast(t)} votes cast (${q} needed); ` +
      groups.map((g, k) => `${g}: ${t.groupYes[k]} yes, ${t.groupNo[k]} no (${groupMajority(t, k) ? 'majority' : 'no majority'})`).join('; '),
  };
}

const GROUP_ID = /^[a-z0-9][a-z0-9-]*$/;

export const doubleMajority: RuleDefinition = {
  name: 'double-majority',
  syntax: 'double-majority:<threshold>:<group>:<group>[:<group>...]',
  example: 'double-majority:2/3:adpa:western',
  summary: 'threshold of those present and voting, plus a majority of the votes cast within each named group (scenario blocs)',
  source: 'Montreal Protocol Art. 2(9)(c) [U]: docs/sources/kp-reference.md §5',
  build(params) {
    const usage = 'e.g. double-majority:2/3:adpa:western (groups are bloc ids of the scenario, separated by ":")';
    if (params.length < 3) return `double-majority needs a threshold and at least two groups (${usage})`;
    const [first, ...groups] = params;
    const threshold = parseThreshold(first);
    if (typeof threshold === 'string') return `double-majority:${params.join(':')}: ${threshold}`;
    const bad = groups.filter((g) => !GROUP_ID.test(g));
    if (bad.length > 0) return `double-majority: "${bad[0]}" is not a bloc id (lower-case letters, digits and dashes; ${usage})`;
    const dup = groups.find((g, i) => groups.indexOf(g) !== i);
    if (dup !== undefined) return `double-majority: group "${dup}" is named twice`;
    return doubleMajorityRule(threshold, groups);
  },
};
