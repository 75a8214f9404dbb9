/** The power analysis of a scenario body under a rule, and of textbook weighted games. Pure: no I/O. */
import { UserError } from '../../common/errors';
import { observersVote, type DecisionRule, type Tally } from '../../rules/types';
import type { Scenario } from '../../scenario/types';
import { compileModel } from '../../floor/model';
import { bruteForceCounts } from './brute';
import { exactCounts } from './exact';
import { gameOfRule, type BodyMember, type PowerGame } from './game';
import { powerIndices, type PowerResult } from './indices';

export interface PowerOptions {
  /** force a method (tests compare them); default: the cheaper exact method */
  readonly method?: 'class-enumeration' | 'sums-dp' | 'brute-force';
}

export function powerOfGame(game: PowerGame, options: PowerOptions = {}): PowerResult {
  const counts = options.method === 'brute-force' ? bruteForceCounts(game) : exactCounts(game, options.method);
  return powerIndices(game, counts);
}

/**
 * The members of a scenario body as a rule sees them: participants (and observers when the rule gives them a vote),
 * in scenario order, with the simulator's own electorate (present, deciding, not the excluded party concerned).
 */
export function bodyUnderRule(scenario: Scenario, rule: DecisionRule): BodyMember[] {
  const model = compileModel(scenario, rule);
  const position = new Map(model.ids.map((id, i) => [id, i]));
  return scenario.participants
    .filter((p) => p.role === 'participant' || observersVote(rule))
    .map((p) => {
      const i = position.get(p.id)!;
      // a member with a vote in the rule's check or in its fallback vote is a player
      const votes = model.voting[i] === 1 || model.voteVoting[i] === 1;
      const note = votes
        ? undefined
        : !p.present
          ? 'absent'
          : rule.electorate.excludeSubject && p.id === scenario.subject
            ? 'party concerned: cannot block under this rule'
            : 'no vote under this rule';
      return { id: p.id, name: p.name, weight: p.weight, votes, ...(note ? { note } : {}), groups: model.groups.map((g) => g[i] === 1) };
    });
}

export interface RulePowerOptions extends PowerOptions {
  /** count participants marked absent (`present: false`) as voters: the body as constituted, not as it met */
  readonly allPresent?: boolean;
}

/**
 * A-priori voting power of every member of a scenario's body under a rule (the rule's `wins` on coalition tallies).
 * Members absent from the meeting have no vote (as in the simulator) unless `allPresent`.
 */
export function powerOfRule(scenario: Scenario, rule: DecisionRule, options: RulePowerOptions = {}): PowerResult {
  const body = options.allPresent ? { ...scenario, participants: scenario.participants.map((p) => ({ ...p, present: true })) } : scenario;
  return powerOfGame(gameOfRule(rule, bodyUnderRule(body, rule)), options);
}

export interface WeightedGameOptions {
  /** at least this many yes voters as well (e.g. a double condition "weight >= q and at least m members") */
  readonly minMembers?: number;
  /** player ids; default p1..pn */
  readonly names?: readonly string[];
}

/**
 * The weighted voting game [quota; w1, ..., wn]: a coalition wins when its weight reaches the quota (and it has at
 * least `minMembers` members). Weights must be whole numbers >= 0, the quota a whole number from 1 to the total.
 */
export function weightedGame(weights: readonly number[], quota: number, options: WeightedGameOptions = {}): PowerGame {
  if (weights.length === 0) throw new UserError('--weights: the body is empty; give at least one weight (e.g. --weights 4,4,4,2,2,1)');
  const bad = weights.findIndex((w) => !Number.isInteger(w) || w < 0 || !Number.isSafeInteger(w));
  if (bad >= 0) throw new UserError(`--weights: weight ${bad + 1} is ${weights[bad]}; weights must be whole numbers >= 0 (scale decimal weights, e.g. 0.5,1.5 → 1,3)`);
  const total = weights.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(quota) || quota < 1) throw new UserError(`--quota: ${quota} is not a whole number >= 1`);
  if (quota > total) throw new UserError(`--quota: ${quota} is above the total weight ${total}; nothing could ever pass`);
  const m = options.minMembers ?? 0;
  if (!Number.isInteger(m) || m < 0 || m > weights.length) throw new UserError(`--min-members: ${m} is not a whole number from 0 to ${weights.length} (the number of players)`);
  const names = options.names ?? weights.map((_, i) => `p${i + 1}`);
  if (names.length !== weights.length) throw new UserError(`--names: ${names.length} names for ${weights.length} weights`);
  const dup = names.find((name, i) => names.indexOf(name) !== i);
  if (dup !== undefined) throw new UserError(`--names: "${dup}" is given twice`);
  const shown = weights.length <= 16 ? weights.join(', ') : `${weights.slice(0, 8).join(', ')}, … (${weights.length} weights)`;
  const spec = `[${quota}; ${shown}]${m > 0 ? ` and at least ${m} members` : ''}`;
  return {
    spec,
    title: 'weighted voting game',
    uses: { counts: m > 0, weights: true, groups: false },
    groupIds: [],
    members: weights.map((w, i) => ({ id: names[i], name: names[i], weight: w, votes: true, groups: [] })),
    adopts: (t: Tally) => t.yesWeight >= quota && (m === 0 || t.support >= m),
    weightCap: quota,
  };
}

/** Exact Banzhaf, Shapley–Shubik and Coleman indices of [quota; weights] (the bench entry point). */
export function powerOfWeightedGame(weights: readonly number[], quota: number, options: WeightedGameOptions & PowerOptions = {}): PowerResult {
  return powerOfGame(weightedGame(weights, quota, options), options);
}
