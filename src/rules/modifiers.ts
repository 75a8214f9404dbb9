/**
 * Rule modifiers, appended with `+`: `<rule>+observers` (observer groupings vote, one vote each: DDI 2017) and
 * `<rule>+quorum:<fraction>` (a participation quorum on the vote). They wrap any rule; the wrapped rule stays one
 * object shared by the simulator and the voting-power analysis (`uses` and `electorate` stay accurate).
 */
import { fractionText, parseFraction, reaches, type Fraction } from './fraction';
import { votesCast, type DecisionRule, type Tally } from './types';

export interface ModifierDefinition {
  readonly name: string;
  readonly syntax: string;
  readonly summary: string;
  readonly source: string;
  apply(rule: DecisionRule, params: readonly string[]): DecisionRule | string;
}

/**
 * Observer groupings get one vote each where the rule votes: in the vote of a voting rule, and only in the fallback
 * vote of a rule that seeks consensus first (observers never block a consensus, DDI 2017 included).
 */
export function withObservers(rule: DecisionRule): DecisionRule {
  const voting = { ...rule.electorate, observersVote: true };
  const renamed = { spec: `${rule.spec}+observers`, title: `${rule.title}, observers voting`, description: `${rule.description} Each observer grouping has one vote.` };
  if (rule.fallback) return { ...rule, ...renamed, fallback: { ...rule.fallback, electorate: { ...rule.fallback.electorate, observersVote: true } } };
  return { ...rule, ...renamed, electorate: voting };
}

/** At least `quorum` of the electorate present take part in the vote (vote yes or no; abstainers do not count). */
export const participationQuorum = (quorum: Fraction) => (t: Tally): boolean => t.members > 0 && reaches(votesCast(t), t.members, quorum);

function quorumOn(vote: DecisionRule, quorum: Fraction): DecisionRule {
  const met = participationQuorum(quorum);
  const q = fractionText(quorum);
  const inner = vote.adopts;
  return {
    ...vote,
    adopts: (t) => met(t) && inner(t),
    uses: { ...vote.uses, counts: true },
    explain: (t) => (met(t) ? `${vote.explain(t)}; quorum met (${votesCast(t)} of ${t.members} voted)` : `quorum not met: ${votesCast(t)} of ${t.members} present voted, ${q} needed`),
  };
}

export function withQuorum(rule: DecisionRule, quorum: Fraction): DecisionRule | string {
  const q = fractionText(quorum);
  const renamed = { spec: `${rule.spec}+quorum:${q}`, title: `${rule.title}, quorum ${q}`, description: `${rule.description} Quorum: ${q} of those present must vote.` };
  if (rule.mode === 'vote') return { ...quorumOn(rule, quorum), ...renamed };
  if (rule.fallback) {
    const fallback = quorumOn(rule.fallback, quorum);
    return { ...rule, ...renamed, fallback, uses: { ...rule.uses, counts: true } };
  }
  return `quorum applies to votes; "${rule.spec}" takes no vote (use it with qualified-majority, simple-majority, weighted, double-majority or consensus-then-vote)`;
}

export const MODIFIERS: readonly ModifierDefinition[] = [
  {
    name: 'observers',
    syntax: '<rule>+observers',
    summary: 'observer groupings vote too, one vote each (in the vote only; they never block a consensus)',
    source: 'DDI 2017 proposal ("votes for Observers, one per grouping"): docs/sources/kp-reference.md §4',
    apply: (rule, params) => (params.length > 0 ? `+observers takes no parameters (received "${params.join(':')}")` : withObservers(rule)),
  },
  {
    name: 'quorum',
    syntax: '<rule>+quorum:<fraction>',
    summary: 'the vote counts only if at least this fraction of those present vote yes or no (participation quorum)',
    source: 'CWC Art. VIII(16) quorum (a majority of members): docs/sources/kp-reference.md §5',
    apply(rule, params) {
      if (params.length !== 1) return '+quorum needs one parameter, the fraction of those present who must vote (e.g. +quorum:1/2)';
      const f = parseFraction(params[0]);
      if (typeof f === 'string') return `+quorum:${params[0]}: ${f}`;
      if (f.num <= 0 || f.num > f.den) return `+quorum:${params[0]}: a quorum must lie in (0, 1]`;
      return withQuorum(rule, f);
    },
  },
];
