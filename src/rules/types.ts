/**
 * Decision rules are pure predicates over a tally of the floor. No XState, no randomness, no I/O.
 * The procedure machine names them in its guards; the voting-power analysis enumerates the same
 * predicates over a-priori coalitions. One definition per rule.
 */

/** Stances on an option, ordered from most to least favourable. The numeric order is the ordinal scale. */
export const STANCES = ['support', 'accept', 'abstain', 'object'] as const;
export type StanceName = (typeof STANCES)[number];
export const SUPPORT = 0;
export const ACCEPT = 1;
export const ABSTAIN = 2;
export const OBJECT = 3;
export type Stance = 0 | 1 | 2 | 3;

/**
 * Counts of the electorate's stances on the option on the floor. In a vote, `support` and `accept` vote
 * yes, `object` votes no and `abstain` does not vote. Group arrays follow the rule's `groups`.
 */
export interface Tally {
  /** members of the electorate present */
  readonly members: number;
  readonly support: number;
  readonly accept: number;
  readonly abstain: number;
  readonly object: number;
  /** summed weights of yes (support + accept), no (object) and all members */
  readonly yesWeight: number;
  readonly noWeight: number;
  readonly totalWeight: number;
  /** per rule group: yes votes, no votes, members */
  readonly groupYes: readonly number[];
  readonly groupNo: readonly number[];
  readonly groupSize: readonly number[];
}

/** Who has a say under a rule. Observers never block unless a rule gives their groupings a vote. */
export interface Electorate {
  /** the participant concerned by the item cannot block (consensus minus one, UN Charter Art. 27(3)) */
  readonly excludeSubject: boolean;
  /** observer groupings cast one vote each (DDI 2017 proposal) */
  readonly observersVote: boolean;
}

/** How the chair takes the decision under this rule. */
export type DecisionMode =
  /** the chair calls for consensus; objections lead to consultations */
  | 'consensus'
  /** the chair puts the option to a vote at once */
  | 'vote'
  /** consensus first; when consultations are exhausted, a vote under `fallback` */
  | 'consensus-then-vote'
  /** replies in writing by a deadline; silence counts as no objection */
  | 'written'
  /** the measure stands unless there is consensus to stop it */
  | 'reverse';

/** The parts of a tally a predicate reads: tells the exact power analysis which sums it must track. */
export interface TallyUse {
  readonly counts: boolean;
  readonly weights: boolean;
  readonly groups: boolean;
}

export interface DecisionRule {
  /** canonical command-line form, e.g. `qualified-majority:2/3` */
  readonly spec: string;
  /** registry name, e.g. `qualified-majority` */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly source: string;
  readonly mode: DecisionMode;
  readonly electorate: Electorate;
  /** bloc ids whose members form the groups of a double majority, in order */
  readonly groups: readonly string[];
  readonly uses: TallyUse;
  /** the main check: does the option pass on this tally? */
  adopts(tally: Tally): boolean;
  /** for `consensus-then-vote`: the vote taken when consensus fails */
  readonly fallback?: DecisionRule;
  /** one sentence: which check passed or failed and by how much */
  explain(tally: Tally): string;
}

/** The a-priori simple game of a rule: a coalition wins if the option passes by the main check or the fallback. */
export function wins(rule: DecisionRule, tally: Tally): boolean {
  return rule.adopts(tally) || (rule.fallback !== undefined && rule.fallback.adopts(tally));
}

/** Observers have a vote somewhere in the rule: in its vote, or in the fallback vote after failed consensus. */
export const observersVote = (rule: DecisionRule): boolean => rule.electorate.observersVote || rule.fallback?.electorate.observersVote === true;

export const yesVotes = (t: Tally): number => t.support + t.accept;
export const votesCast = (t: Tally): number => t.support + t.accept + t.object;
