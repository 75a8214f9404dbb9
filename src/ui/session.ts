/**
 * A trainer session: one run of the Plenary stepped by hand, with a human in one seat (the chair, one delegation,
 * or none for a replay). No React, no I/O: the ink screen displays it, tests drive it directly.
 *
 * Runs are deterministic given (scenario, rule, seed, run index) and the human's decisions, so "back" rebuilds a new
 * `PlenaryRun` from the same generator and re-applies the recorded decisions up to the previous step.
 */
import type { ProcedureEvent, ProcedureState } from '../procedure/machine';
import { narrate } from '../report/narrate';
import { STANCES, type Stance } from '../rules/types';
import type { MemberEffect, Model } from '../floor/model';
import { runRng } from '../engine/rng';
import { PlenaryRun, type SeatAnswer } from '../engine/plenaryRun';
import { UNDECIDED } from '../floor/stanceTable';
import { buildDebrief, endingOf, type AlternativeRun, type Debrief, type DebriefStep } from '../report/debrief';
import { idProblem, matchId } from '../common/typedIds';

/** A trainee's seat: the chair, one delegation or observer, or none (a replay). */
export type Seat = { readonly kind: 'chair' } | { readonly kind: 'member'; readonly member: number } | { readonly kind: 'none' };

/** An observer (or anyone in an observer seat) presses delegations toward a stance on the option on the floor. */
export interface Press {
  readonly by: number;
  readonly on: readonly number[];
  readonly toward: Stance;
  readonly option: number;
}

/** What was decided at one step (the trainees' decisions; anything left out was simulated). */
export interface StepRecord {
  readonly chairMove?: ProcedureEvent;
  readonly answers?: readonly SeatAnswer[];
  /** a press changes no state of the procedure: it takes effect in the next consultation rounds */
  readonly press?: Press;
  /** the host stepped past a trainee who had not decided (their move simulated) */
  readonly forced?: boolean;
}

/** Whose decision the run waits for. */
export type Turn = { readonly kind: 'chair'; readonly seat: Seat } | { readonly kind: 'answer'; readonly seat: Seat; readonly member: number };

/**
 * What one step did, for the log and the debrief: a debrief step (hours before and after, the trainee's decision,
 * what happened — the seat's own simulated moves left out, the trainee's answer replaced them) with its place.
 */
export interface TimelineEntry extends DebriefStep {
  readonly step: number;
  /** procedural state after the step */
  readonly state: ProcedureState;
}

/** The strength of a trainee observer's pressure, as a scenario's `pressure[].strength`. */
export const PRESS_STRENGTH = 0.5;

export const STANCE_SYMBOL = ['✓', '○', '–', '✗', '·'] as const;
export const stanceName = (s: number): string => (s === UNDECIDED ? 'undecided' : STANCES[s]);

/** A chair move in words (the option names and concession names from the scenario). */
export function describeMove(model: Model, event: ProcedureEvent): string {
  switch (event.type) {
    case 'TABLE':
      return `table "${model.options[event.option]?.name ?? event.option}"`;
    case 'CALL_FOR_CONSENSUS':
      return 'call for consensus';
    case 'CALL_VOTE':
      return 'put it to a vote';
    case 'CONSULT':
      return `open consultations (+${model.procedure.hoursPerRound} h)`;
    case 'OFFER_CONCESSION':
      return `offer a concession (+${model.procedure.hoursPerRound} h)`;
    case 'EXTEND':
      return `extend the item's time within the session (${model.sessionHours} h)`;
    case 'DEFER':
      return 'defer the item';
    case 'CLOSE':
      return 'close the item without a decision';
    case 'DRAFT':
      return `draft a compromise text: "${model.options[event.option]?.name ?? event.option}" (+${model.procedure.hoursToTable} h)`;
    case 'DECLARE':
      return `declare "${model.options[event.option]?.name ?? event.option}" (it stands unless a participant objects)`;
    case 'CONVENE_FRIENDS':
      return `convene the friends of the Chair (+${model.procedure.friendsHours ?? 0} h)`;
    case 'REFER':
      return `refer the item to ${model.scenario.procedure.referral?.to === 'written-procedure' ? 'a written procedure' : 'an intersessional meeting'}`;
    case 'ANSWERS':
      return 'the floor answers';
    case 'ACT':
      return 'a voluntary act';
    case 'WALKOUT':
      return 'a walkout';
  }
}

/** The procedure's last check on the option on the floor (none after a new tabling), from the run's log. */
export interface LastCall {
  readonly check: 'consensus' | 'vote';
  readonly passed: boolean;
  readonly option: number;
}

export class TrainerSession {
  run!: PlenaryRun;
  /** the session's own copy of the model: an observer seat's pressure is added to its options */
  readonly model: Model;
  /** one record per step taken so far */
  readonly steps: StepRecord[] = [];
  readonly timeline: TimelineEntry[] = [];
  /** the seats taken by trainees (none: a replay); a room adds seats as trainees join */
  readonly seats: Seat[];
  /** answers given by seats for the coming floor step, while other seats still have to answer */
  readonly pending = new Map<number, Stance>();
  private readonly basePressure: readonly (readonly (readonly MemberEffect[])[])[];
  private lastCallSeen: LastCall | undefined;

  constructor(
    model: Model,
    readonly seed: string,
    readonly runIndex: number,
    seats: Seat | readonly Seat[] = [],
  ) {
    // pressure arrays copied: a trainee observer's pressing adds effects to this session's options only
    this.model = { ...model, options: model.options.map((o) => ({ ...o, pressure: o.pressure.map((p) => [...p]) })) };
    this.basePressure = model.options.map((o) => o.pressure.map((p) => [...p]));
    this.seats = (Array.isArray(seats) ? [...(seats as readonly Seat[])] : [seats as Seat]).filter((x) => x.kind !== 'none');
    this.reset();
  }

  /** The first seat (compatibility: one trainee), or none. */
  get seat(): Seat {
    return this.seats[0] ?? { kind: 'none' };
  }

  private reset(): void {
    this.run = new PlenaryRun(this.model, runRng(this.seed, this.runIndex), { narrate: true });
    this.steps.length = 0;
    this.timeline.length = 0;
    this.pending.clear();
    this.lastCallSeen = undefined;
    this.model.options.forEach((o, k) => {
      const pressure = o.pressure as MemberEffect[][];
      pressure.forEach((list, m) => list.splice(0, list.length, ...this.basePressure[k][m]));
    });
  }

  get done(): boolean {
    return this.run.done;
  }

  /** A trainee takes a seat (a room: a trainee joins). Seats are never given back: a dropped trainee rejoins. */
  claim(seat: Seat): void {
    if (seat.kind === 'none' || this.seats.some((x) => sameSeat(x, seat))) return;
    this.seats.push(seat);
  }

  /** Delegation seats that answer on the floor (observers never decide: their stance stays simulated). */
  answeringMembers(): number[] {
    const out: number[] = [];
    for (const s of this.seats) if (s.kind === 'member' && this.decides(s.member)) out.push(s.member);
    return out;
  }

  /** The member is a participant (an observer's seat presses, it does not decide). */
  decides(member: number): boolean {
    return this.roleOf(member) === 'participant';
  }

  roleOf(member: number): 'participant' | 'observer' {
    return this.model.scenario.participants.find((p) => p.id === this.model.ids[member])?.role ?? 'participant';
  }

  /** Whose decision the run waits for: the chair on the chair's turn, each delegation seat on the floor's. */
  get turn(): Turn | undefined {
    if (this.run.done) return undefined;
    if (!this.run.floorNext) {
      const chair = this.seats.find((s) => s.kind === 'chair');
      return chair ? { kind: 'chair', seat: chair } : undefined;
    }
    for (const member of this.answeringMembers()) if (!this.pending.has(member)) return { kind: 'answer', seat: { kind: 'member', member }, member };
    return undefined;
  }

  /** The trainee must decide before the run can go on. */
  get awaiting(): 'chair' | 'answer' | undefined {
    return this.turn?.kind;
  }

  /**
   * The chair moves the statechart allows now (read from its guards), in words: the same set every simulated chair
   * chooses from (one chair-policy interface, src/chair/types.ts).
   */
  allowedMoves(): { readonly event: ProcedureEvent; readonly label: string }[] {
    return this.run.allowedChairMoves().map((event) => ({ event, label: this.moveLabel(event) }));
  }

  moveLabel(event: ProcedureEvent): string {
    if (event.type === 'OFFER_CONCESSION') {
      const c = this.run.context;
      const names = this.model.options[c.option]?.concessions.filter((x) => x.round === c.round + 1).map((x) => x.name) ?? [];
      return `offer a concession${names.length > 0 ? `: ${names.join('; ')}` : ''} (+${this.model.procedure.hoursPerRound} h)`;
    }
    return describeMove(this.model, event);
  }

  /** What the simulated chair would do now (shown when no trainee is in the chair). */
  simulatedChairMove(): ProcedureEvent | undefined {
    return this.run.chairChoice();
  }

  /** The last call for consensus or vote, if it was on the option now on the floor (a new tabling clears it). */
  lastCall(): LastCall | undefined {
    const c = this.run.context;
    if (this.lastCallSeen === undefined || this.lastCallSeen.option !== c.option || this.run.state === 'floor' || this.run.state === 'positionsStated') return undefined;
    return this.lastCallSeen;
  }

  /** One simulated step; refused (false) when a trainee must decide or the run is over. */
  stepSimulated(): boolean {
    if (this.turn !== undefined || this.run.done) return false;
    return this.apply(this.pending.size > 0 ? { answers: this.pendingAnswers() } : {});
  }

  /** The host steps on although a trainee has not decided: the trainee's move is simulated this once. */
  stepForced(): boolean {
    if (this.run.done) return false;
    if (this.turn === undefined) return this.stepSimulated();
    const answers = this.pendingAnswers();
    return this.apply({ ...(answers.length > 0 ? { answers } : {}), forced: true });
  }

  /** The chair seat makes a move; false when it is not the chair's turn or the statechart refuses the move. */
  move(event: ProcedureEvent): boolean {
    if (this.turn?.kind !== 'chair') return false;
    return this.apply({ chairMove: event });
  }

  /** A delegation seat answers; the floor speaks once every delegation seat has answered. */
  answer(member: number, stance: Stance): boolean {
    const turn = this.turn;
    if (turn?.kind !== 'answer' || !this.answeringMembers().includes(member) || this.pending.has(member)) return false;
    this.pending.set(member, stance);
    if (this.turn === undefined) return this.apply({ answers: this.pendingAnswers() });
    return true;
  }

  /** An observer seat presses delegations toward a stance on the option on the floor (from the next round on). */
  press(by: number, on: readonly number[], toward: Stance): boolean {
    const option = this.run.context.option;
    if (this.run.done || option < 0 || on.length === 0) return false;
    return this.apply({ press: { by, on: [...on], toward, option } });
  }

  /** The pressure a trainee observer's press adds to a member, as the scenario's own pressure would. */
  pressEffect(member: number, toward: Stance): MemberEffect {
    const p = this.model.scenario.participants.find((x) => x.id === this.model.ids[member]);
    const { resistance, pressureEffect } = this.model.scenario.model;
    const probability = Math.min(1, Math.max(0, PRESS_STRENGTH * pressureEffect * (1 - resistance * (p?.salience ?? 0))));
    return { member, stance: toward, probability };
  }

  /** Back to before the last step: a fresh run from the same generator, the recorded decisions re-applied. */
  back(): boolean {
    if (this.pending.size > 0) {
      this.pending.clear();
      return true;
    }
    if (this.steps.length === 0) return false;
    const keep = this.steps.slice(0, -1);
    this.reset();
    for (const record of keep) if (!this.apply(record)) throw new Error('replaying the recorded decisions diverged');
    return true;
  }

  /** Runs simulated steps until a trainee must decide or the run ends. Returns the number of steps taken. */
  stepUntilDecision(limit = 10_000): number {
    let n = 0;
    while (n < limit && this.stepSimulated()) n++;
    return n;
  }

  /** A seat in words. */
  seatName(seat: Seat): string {
    return seat.kind === 'chair' ? 'the Chair' : seat.kind === 'member' ? this.model.names[seat.member] : 'nobody (replay)';
  }

  /** Who the trainees are, in words. */
  seatLabel(): string {
    return this.seats.length === 0 ? 'nobody (replay)' : this.seats.map((s) => this.seatName(s)).join(', ');
  }

  /** The debrief of the session as it stands (finished or not), with the runs the caller simulated to compare. */
  debrief(alternatives: readonly AlternativeRun[] = [], simulated?: AlternativeRun): Debrief {
    return buildDebrief({
      model: this.model,
      seed: this.seed,
      runIndex: this.runIndex,
      seat: this.seatLabel(),
      steps: this.timeline,
      result: this.run.result(),
      finished: this.run.done,
      budget: this.run.context.itemBudgetHours,
      alternatives,
      ...(simulated ? { simulated } : {}),
    });
  }

  private pendingAnswers(): SeatAnswer[] {
    // in member order, whoever answered first: the record (and the debrief) do not depend on key timing
    return [...this.pending].sort((a, b) => a[0] - b[0]).map(([member, stance]) => ({ member, stance }));
  }

  private apply(record: StepRecord): boolean {
    const run = this.run;
    if (record.press) {
      const { option, on, toward } = record.press;
      const pressure = this.model.options[option].pressure as MemberEffect[][];
      for (const m of on) pressure[m].push(this.pressEffect(m, toward));
      this.steps.push(record);
      const names = on.map((m) => this.model.names[m]);
      const line = `${this.model.names[record.press.by]} presses ${names.join(', ')} toward ${STANCES[toward]} on "${this.model.options[option].name}" (from the next consultation round).`;
      const decision = `you (${this.model.names[record.press.by]}): press ${names.join(', ')} toward ${STANCES[toward]}`;
      this.timeline.push({ step: this.steps.length, startHours: run.context.hours, hours: run.context.hours, state: run.state, decision, events: [], lines: [line] });
      return true;
    }
    const before = run.log.length;
    const startHours = run.context.hours;
    const moveLabel = record.chairMove ? this.moveLabel(record.chairMove) : undefined;
    const answers = record.answers ?? [];
    if (!run.step(record.chairMove, answers.length > 0 ? answers : undefined)) return false;
    this.pending.clear();
    this.steps.push(record);
    const seated = new Set(answers.map((a) => a.member));
    // the seats' own simulated moves were overridden by the trainees' answers: leave them out
    const events = run.log.slice(before).map((e) => (seated.size > 0 && e.kind === 'round' ? { ...e, moves: e.moves.filter((m) => !seated.has(m.member)) } : e));
    const lines: string[] = [];
    for (const event of events) {
      if (event.kind === 'end') {
        const ending = endingOf(this.model, event.outcome, run.result().adoptedBy, event.hours, this.timeline.flatMap((t) => t.events).concat(events), record.chairMove !== undefined, run.context.itemBudgetHours);
        lines.push(`Outcome: ${ending}, after ${event.hours} h on the item.`);
      } else lines.push(...narrate(this.model, event));
      if (event.kind === 'tabled' || event.kind === 'round') for (const a of answers) lines.push(`  You (${this.model.names[a.member]}) answer: ${STANCES[a.stance]}.`);
      if (event.kind === 'check') this.lastCallSeen = { check: event.check, passed: event.passed, option: event.option };
    }
    const option = this.model.options[run.context.option]?.name;
    const decisions: string[] = [];
    if (record.chairMove) decisions.push(`you (the Chair): ${moveLabel}`);
    for (const a of answers) decisions.push(`you (${this.model.names[a.member]}): ${STANCES[a.stance]} on "${option}"`);
    const decision = decisions.length > 0 ? decisions.join('; ') : undefined;
    this.timeline.push({ step: this.steps.length, startHours, hours: run.context.hours, state: run.state, ...(decision ? { decision } : {}), events, lines });
    return true;
  }
}

/**
 * The seat a trainee names (`--as`, a room's join): "chair", or a participant or observer by id or name in any case
 * (`Zimbabwe`, `"South Africa"`). The seat and its id as the scenario writes it, or the message saying why not
 * (`where`: the option as typed, e.g. `--as Zimbabw`).
 */
export function seatNamed(model: Model, typed: string, where: string): { readonly seat: Seat; readonly id: string } | string {
  const entries = [{ id: 'chair', name: 'Chair' }, ...model.ids.map((id, i) => ({ id, name: model.names[i] }))];
  const match = matchId(typed, entries);
  if ('id' in match) return { seat: match.id === 'chair' ? { kind: 'chair' } : { kind: 'member', member: model.ids.indexOf(match.id) }, id: match.id };
  return idProblem(typed, match, entries, { where, kind: 'participant', scope: `scenario "${model.scenario.id}"`, listed: 'seats', hint: 'plenary participants SCENARIO lists them' });
}

export const sameSeat = (a: Seat, b: Seat): boolean => a.kind === b.kind && (a.kind !== 'member' || (b.kind === 'member' && a.member === b.member));
