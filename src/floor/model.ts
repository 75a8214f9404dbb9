/**
 * A scenario under a rule, compiled into flat arrays for the Monte Carlo: members in follow order (leaders before
 * the members who follow them), cumulative stance probabilities per tabled option, movement probabilities,
 * pressure and concession effects. Pure; computed once per (scenario, rule).
 */
import { UserError } from '../common/errors';
import { leaderOf } from '../scenario/checks';
import type { Scenario } from '../scenario/types';
import { STANCES, type DecisionRule } from '../rules/types';
import { ACT_CHANGES_ITEM, ACT_ENDS_ITEM, type ProcedureInput } from '../procedure/machine';
import type { FloorModelName } from '../scenario/schema';
import { DEFAULT_FLOOR_MODEL } from './defaultModel';

export interface MemberEffect {
  /** member index */
  readonly member: number;
  /** pressure: the member index of who presses (its walkout or absence ends it), -1 unknown */
  readonly by?: number;
  /** stance code the effect pushes toward */
  readonly stance: number;
  readonly probability: number;
}

export interface CompiledConcession {
  readonly id: string;
  readonly name: string;
  readonly round: number;
  readonly effects: readonly MemberEffect[];
}

/** How an option reaches the floor: tabled in order (TABLE), drafted on the floor (DRAFT), declared by the chair (DECLARE). */
export type OptionKind = 'tabled' | 'draft' | 'declared';

export interface CompiledOption {
  readonly id: string;
  readonly name: string;
  readonly kind: OptionKind;
  /** election: the member whose candidacy this is, when its veto of rivals is tied to it (-1 otherwise) */
  readonly vetoingCandidate: number;
  /** cumulative stance probabilities, 4 per member: P(<= support), P(<= accept), P(<= abstain), 1 */
  readonly cumulative: Float64Array;
  /** per member: observer pressure during consultations on this option */
  readonly pressure: readonly (readonly MemberEffect[])[];
  readonly concessions: readonly CompiledConcession[];
}

export interface Model {
  readonly scenario: Scenario;
  readonly rule: DecisionRule;
  /** the floor model that moves the stances (src/floor/models.ts): `--model`, else the scenario's `model.name`, else the default */
  readonly floor: FloorModelName;
  /** members = participants and observers, in follow order */
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly size: number;
  /** 1 when the member's stance counts in the rule's tally */
  readonly voting: Uint8Array;
  /** the electorate of the rule's fallback vote: the same array as `voting` unless the electorates differ */
  readonly voteVoting: Uint8Array;
  readonly weight: Float64Array;
  /** every member weighs 1 (one member, one vote): the tally counts stances instead of summing weights */
  readonly unitWeights: boolean;
  /** per rule group: 1 when the member belongs */
  readonly groups: readonly Uint8Array[];
  /** follow order index of the member's leader, or -1 */
  readonly leader: Int32Array;
  /** per member: chance of taking its leader's stance at tabling and in each round (bloc cohesion damped by salience) */
  readonly cohesion: Float64Array;
  /** chance per consultation round that an objecting or abstaining member softens one step */
  readonly soften: Float64Array;
  /** tabled options, in the order the chair tables them */
  readonly options: readonly CompiledOption[];
  /**
   * outcome ids: the floor options (tabled, then declared, then drafted), then options only a voluntary act can end
   * the item with, then no-decision, then deferred, then referred (only when the scenario allows a referral)
   */
  readonly outcomes: readonly string[];
  /** indices into outcomes */
  readonly noDecisionOutcome: number;
  readonly deferredOutcome: number;
  /** -1 when the scenario allows no referral */
  readonly referredOutcome: number;
  /** the instruments of the item (issue 13); undefined when the scenario uses none of the runtime ones */
  readonly instruments?: CompiledInstruments;
  readonly procedure: ProcedureInput;
  readonly sessionHours: number;
}

/** A voluntary act, compiled. */
export interface CompiledAct {
  readonly name: string;
  /** member index of the actor */
  readonly by: number;
  readonly probability: number;
  readonly fromRound: number;
  /** option index, or -1 for any */
  readonly option: number;
  /** an outcome index the item ends with (adopted), ACT_ENDS_ITEM (no decision) or ACT_CHANGES_ITEM (effects) */
  readonly ends: number;
  readonly effects: readonly MemberEffect[];
}

export interface CompiledWalkout {
  readonly members: readonly number[];
  readonly round: number;
  readonly probability: number;
  readonly option: number;
}

/** What the engine does on the floor's turns for the instruments: runtime presence, acts, the friends of the chair. */
export interface CompiledInstruments {
  readonly acts: readonly CompiledAct[];
  readonly walkouts: readonly CompiledWalkout[];
  /** members whose attendance is drawn per run: `count` of them, or each with `probability` */
  readonly attendance?: { readonly among: readonly number[]; readonly count?: number; readonly probability?: number };
  /** the friends of the chair (member mask) and their rounds */
  readonly friends?: { readonly members: Uint8Array; readonly rounds: number };
  /** some option's candidate vetoes its rivals */
  readonly tiedVetoes: boolean;
}

/** Members in an order where every leader comes before its followers (validation has ruled out cycles). */
function followOrder(scenario: Scenario, leaders: Map<string, string>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const place = (id: string, depth: number) => {
    if (placed.has(id) || depth > scenario.participants.length) return;
    const leader = leaders.get(id);
    if (leader !== undefined) place(leader, depth + 1);
    placed.add(id);
    order.push(id);
  };
  for (const p of scenario.participants) place(p.id, 0);
  return order;
}

export interface CompileOptions {
  /** overrides the scenario's floor model (`--model`) */
  readonly floor?: FloorModelName;
}

/** The floor model a scenario runs under: the override, else the one it names, else the default. */
export const floorModelName = (scenario: Scenario, override?: FloorModelName): FloorModelName => override ?? scenario.model.name ?? DEFAULT_FLOOR_MODEL;

export function compileModel(scenario: Scenario, rule: DecisionRule, choice: CompileOptions = {}): Model {
  if (rule.electorate.excludeSubject && scenario.subject === undefined) {
    throw new UserError(`rule "${rule.spec}" excludes the party concerned, but scenario "${scenario.id}" names no subject`);
  }
  const blocIds = scenario.blocs.map((b) => b.id);
  const missing = rule.groups.filter((g) => !blocIds.includes(g));
  if (missing.length > 0) {
    throw new UserError(`rule "${rule.spec}" needs the group(s) ${missing.map((g) => `"${g}"`).join(', ')}, which scenario "${scenario.id}" does not define as blocs (blocs: ${blocIds.join(', ') || 'none'})`);
  }
  const leaders = leaderOf({
    participants: scenario.participants.map((p) => ({ ...p, stances: undefined, note: undefined, source: undefined })),
    blocs: scenario.blocs.map((b) => ({ ...b, defaults: undefined, source: undefined, note: undefined })),
  } as never);
  const ids = followOrder(scenario, leaders);
  const index = new Map(ids.map((id, i) => [id, i]));
  const byId = new Map(scenario.participants.map((p) => [p.id, p]));
  const members = ids.map((id) => byId.get(id)!);
  const size = members.length;
  const blocMembers = new Map(scenario.blocs.map((b) => [b.id, b.members]));
  const cohesionOf = new Map(scenario.blocs.map((b) => [b.id, b.cohesion]));
  /** the bloc through which a member follows its leader */
  const followBloc = (id: string): string | undefined =>
    byId.get(id)!.blocs.find((b) => scenario.blocs.find((x) => x.id === b)?.leader === leaders.get(id));

  const voting = new Uint8Array(size);
  const weight = new Float64Array(size);
  const leader = new Int32Array(size).fill(-1);
  const cohesion = new Float64Array(size);
  const soften = new Float64Array(size);
  const { resistance, pressureEffect } = scenario.model;
  const votes = (p: (typeof members)[number], electorate: DecisionRule['electorate']): 0 | 1 =>
    (p.role === 'participant' || electorate.observersVote) && p.present && !(electorate.excludeSubject && p.id === scenario.subject) ? 1 : 0;
  const fallbackElectorate = rule.fallback?.electorate;
  const sameElectorate =
    fallbackElectorate === undefined ||
    (fallbackElectorate.observersVote === rule.electorate.observersVote && fallbackElectorate.excludeSubject === rule.electorate.excludeSubject);
  const voteVoting = sameElectorate ? voting : new Uint8Array(size);
  members.forEach((p, i) => {
    voting[i] = votes(p, rule.electorate);
    if (!sameElectorate) voteVoting[i] = votes(p, fallbackElectorate!);
    weight[i] = p.weight;
    const l = leaders.get(p.id);
    if (l !== undefined) {
      leader[i] = index.get(l)!;
      // salient actors hold their own position: the bloc cue is damped like every other movement
      cohesion[i] = clamp01((cohesionOf.get(followBloc(p.id) ?? '') ?? scenario.model.cohesion) * (1 - resistance * p.salience));
    }
    soften[i] = clamp01(p.flexibility * (1 - resistance * p.salience));
  });
  const groups = rule.groups.map((g) => {
    const mask = new Uint8Array(size);
    for (const m of blocMembers.get(g) ?? []) mask[index.get(m)!] = 1;
    return mask;
  });
  /** participant or bloc ids → member indices */
  const expand = (targets: readonly string[]): number[] => [
    ...new Set(targets.flatMap((t) => (index.has(t) ? [index.get(t)!] : (blocMembers.get(t) ?? []).map((m) => index.get(m)!)))),
  ];
  const stanceCode = (s: string): number => STANCES.indexOf(s as (typeof STANCES)[number]);
  const kindOf = (o: Scenario['options'][number]): OptionKind | undefined => (o.chairsAction === true ? 'declared' : o.draft === true ? 'draft' : o.tabled ? 'tabled' : undefined);
  // tabled options in file order first (their indices are those of a scenario without instruments), then declared, then drafted
  const tabled = (['tabled', 'declared', 'draft'] as const).flatMap((kind) => scenario.options.filter((o) => kindOf(o) === kind));
  const present = (id: string): boolean => byId.get(id)?.present !== false;
  const options: CompiledOption[] = tabled.map((o) => {
    const cumulative = new Float64Array(size * 4);
    members.forEach((p, i) => {
      const v = p.stances[o.id];
      cumulative[i * 4] = v[0];
      cumulative[i * 4 + 1] = v[0] + v[1];
      cumulative[i * 4 + 2] = v[0] + v[1] + v[2];
      cumulative[i * 4 + 3] = 1;
    });
    const pressure: MemberEffect[][] = members.map(() => []);
    for (const pr of scenario.pressure) {
      if (pr.option !== undefined && pr.option !== o.id) continue;
      // an absent observer or participant presses nobody
      if (!present(pr.by)) continue;
      const by = index.get(pr.by) ?? -1;
      for (const m of expand(pr.on)) {
        const p = members[m];
        pressure[m].push({ member: m, stance: stanceCode(pr.toward), probability: clamp01(pr.strength * pressureEffect * (1 - resistance * p.salience)), by });
      }
    }
    const concessions = o.concessions.map((c) => ({
      id: c.id,
      name: c.name,
      round: c.offeredAtRound,
      effects: c.effects.flatMap((e) => expand(e.on).map((m) => ({ member: m, stance: stanceCode(e.to), probability: e.probability }))),
    }));
    const vetoingCandidate = o.candidate !== undefined && o.vetoesRivals === true ? (index.get(o.candidate) ?? -1) : -1;
    return { id: o.id, name: o.name, kind: kindOf(o)!, vetoingCandidate, cumulative, pressure, concessions };
  });
  const optionIndex = new Map(options.map((o, i) => [o.id, i]));
  // options a voluntary act can end the item with that never reach the floor
  const actOutcomes = [...new Set(scenario.voluntaryActs.flatMap((a) => (a.ends !== undefined && a.ends !== 'no-decision' && !optionIndex.has(a.ends) ? [a.ends] : [])))];
  const outcomes = [...options.map((o) => o.id), ...actOutcomes, 'no-decision', 'deferred', ...(scenario.procedure.referral !== undefined ? ['referred'] : [])];
  const instruments = compileInstruments(scenario, { index, expand, members, optionIndex, outcomes, stanceCode });
  const mask = (kind: OptionKind) => options.reduce((m, o, i) => (o.kind === kind ? m | (1 << i) : m), 0);
  if (tabled.length > 30) throw new UserError(`scenario "${scenario.id}" tables ${tabled.length} options; at most 30 can be tabled`);
  return {
    scenario,
    rule,
    floor: floorModelName(scenario, choice.floor),
    ids,
    names: members.map((p) => p.name),
    size,
    voting,
    voteVoting,
    weight,
    unitWeights: weight.every((w) => w === 1),
    groups,
    leader,
    cohesion,
    soften,
    options,
    outcomes,
    noDecisionOutcome: outcomes.indexOf('no-decision'),
    deferredOutcome: outcomes.indexOf('deferred'),
    referredOutcome: outcomes.indexOf('referred'),
    ...(instruments !== undefined ? { instruments } : {}),
    procedure: {
      rule,
      options: options.map((o) => o.id),
      concessionRounds: options.map((o) => o.concessions.map((c) => c.round)),
      itemBudgetHours: scenario.procedure.itemBudgetHours,
      hoursToTable: scenario.procedure.hoursToTable,
      hoursPerRound: scenario.procedure.hoursPerRound,
      maxRoundsPerOption: scenario.procedure.maxRoundsPerOption,
      nextOptionAfterFailure: scenario.procedure.fallbackToNextOption,
      sessionHours: Math.max(scenario.procedure.sessionHours, scenario.procedure.itemBudgetHours),
      ...(mask('draft') !== 0 ? { draftMask: mask('draft') } : {}),
      ...(mask('declared') !== 0 ? { declaredMask: mask('declared') } : {}),
      ...(scenario.procedure.referral !== undefined ? { referral: true } : {}),
      ...(scenario.procedure.friendsOfTheChair !== undefined ? { friendsHours: scenario.procedure.friendsOfTheChair.hours } : {}),
      ...(scenario.procedure.quorum !== undefined ? { quorum: scenario.procedure.quorum } : {}),
    },
    sessionHours: scenario.procedure.sessionHours,
  };
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

interface InstrumentContext {
  readonly index: ReadonlyMap<string, number>;
  readonly expand: (targets: readonly string[]) => number[];
  readonly members: readonly Scenario['participants'][number][];
  readonly optionIndex: ReadonlyMap<string, number>;
  readonly outcomes: readonly string[];
  readonly stanceCode: (s: string) => number;
}

/** The runtime instruments of a scenario, or undefined when it uses none (the engine then does no extra work). */
function compileInstruments(scenario: Scenario, x: InstrumentContext): CompiledInstruments | undefined {
  const { index, expand, members, optionIndex, outcomes, stanceCode } = x;
  const acts: CompiledAct[] = scenario.voluntaryActs.map((a) => ({
    name: a.name,
    by: index.get(a.by) ?? -1,
    probability: a.probability,
    fromRound: a.fromRound,
    option: a.option === undefined ? -1 : (optionIndex.get(a.option) ?? -2),
    ends: a.ends === undefined ? ACT_CHANGES_ITEM : a.ends === 'no-decision' ? ACT_ENDS_ITEM : outcomes.indexOf(a.ends),
    effects: a.effects.flatMap((e) => expand(e.on).map((m) => ({ member: m, stance: stanceCode(e.to), probability: e.probability }))),
  }));
  const walkouts: CompiledWalkout[] = scenario.walkouts.map((w) => ({
    members: expand(w.by).filter((m) => members[m].present),
    round: w.round,
    probability: w.probability,
    option: w.option === undefined ? -1 : (optionIndex.get(w.option) ?? -2),
  }));
  const a = scenario.attendance;
  const attendance =
    a === undefined
      ? undefined
      : {
          among:
            a.among !== undefined && a.among.length > 0
              ? expand(a.among).filter((m) => members[m].present)
              : members.flatMap((p, m) => (p.role === 'participant' && p.present && p.id !== scenario.meeting.chair && p.id !== scenario.subject ? [m] : [])),
          ...(a.count !== undefined ? { count: a.count } : {}),
          ...(a.probability !== undefined ? { probability: a.probability } : {}),
        };
  const f = scenario.procedure.friendsOfTheChair;
  let friends: CompiledInstruments['friends'];
  if (f !== undefined) {
    const group = new Uint8Array(members.length);
    if (f.members !== undefined && f.members.length > 0) for (const m of expand(f.members)) group[m] = 1;
    else {
      const stake = (m: number) => members[m].salience * members[m].weight;
      const candidates = members.flatMap((p, m) => (p.role === 'participant' && p.present ? [m] : [])).sort((i, j) => stake(j) - stake(i) || i - j);
      for (const m of candidates.slice(0, f.size ?? 5)) group[m] = 1;
    }
    friends = { members: group, rounds: f.rounds };
  }
  const tiedVetoes = scenario.options.some((o) => o.candidate !== undefined && o.vetoesRivals === true);
  if (acts.length === 0 && walkouts.length === 0 && attendance === undefined && friends === undefined && !tiedVetoes) return undefined;
  return { acts, walkouts, ...(attendance !== undefined ? { attendance } : {}), ...(friends !== undefined ? { friends } : {}), tiedVetoes };
}
