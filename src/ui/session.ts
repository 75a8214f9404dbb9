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
import { simulatedChair } from '../chair/inOrder';
import type { Model } from '../floor/model';
import { runRng } from '../engine/rng';
import { PlenaryRun } from '../engine/plenaryRun';
import { UNDECIDED } from '../floor/stanceTable';
import { buildDebrief, type AlternativeRun, type Debrief, type DebriefStep } from '../report/debrief';

/** Who the trainee is. */
export type Seat = { readonly kind: 'chair' } | { readonly kind: 'member'; readonly member: number } | { readonly kind: 'none' };

/** The human decision taken at one step, if any (undefined members: simulated). */
export interface StepRecord {
  readonly chairMove?: ProcedureEvent;
  readonly answer?: Stance;
}

/**
 * What one step did, for the log and the debrief: a debrief step (hours before and after, the trainee's decision,
 * what happened — the seat's own simulated moves left out, the trainee's answer replaced them) with its place.
 */
export interface TimelineEntry extends DebriefStep {
  readonly step: number;
  /** procedural state after the step */
  readonly state: ProcedureState;
}

/** A choice offered to the trainee now. */
export interface Choice {
  /** the key that picks it ("1".."9") */
  readonly key: string;
  readonly label: string;
  readonly chairMove?: ProcedureEvent;
  readonly answer?: Stance;
}

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
    case 'DEFER':
      return 'defer the item';
    case 'CLOSE':
      return 'close the item without a decision';
    case 'ANSWERS':
      return 'the floor answers';
  }
}

export class TrainerSession {
  run!: PlenaryRun;
  /** one record per step taken so far */
  readonly steps: StepRecord[] = [];
  readonly timeline: TimelineEntry[] = [];

  constructor(
    readonly model: Model,
    readonly seed: string,
    readonly runIndex: number,
    readonly seat: Seat = { kind: 'none' },
  ) {
    this.reset();
  }

  private reset(): void {
    this.run = new PlenaryRun(this.model, runRng(this.seed, this.runIndex), { narrate: true });
    this.steps.length = 0;
    this.timeline.length = 0;
  }

  get done(): boolean {
    return this.run.done;
  }

  /** The trainee must decide before the run can go on: as chair on the chair's turn, as a delegation on the floor's. */
  get awaiting(): 'chair' | 'answer' | undefined {
    if (this.run.done) return undefined;
    if (this.seat.kind === 'chair' && !this.run.floorNext) return 'chair';
    if (this.seat.kind === 'member' && this.run.floorNext) return 'answer';
    return undefined;
  }

  /** The chair moves the statechart allows now (read from its guards), in words. */
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

  /** What the simulated chair would do now (shown when the trainee is not in the chair). */
  simulatedChairMove(): ProcedureEvent | undefined {
    if (this.run.done || this.run.floorNext) return undefined;
    return simulatedChair(this.run.state, this.run.context, this.model.scenario.procedure.fallbackToNextOption);
  }

  /** The choices the trainee has now, numbered from 1. */
  choices(): Choice[] {
    const awaiting = this.awaiting;
    if (awaiting === 'chair') return this.allowedMoves().map((m, i) => ({ key: String(i + 1), label: m.label, chairMove: m.event }));
    if (awaiting === 'answer') return STANCES.map((s, i) => ({ key: String(i + 1), label: s, answer: i as Stance }));
    return [];
  }

  /** One simulated step; refused (false) when the trainee must decide or the run is over. */
  stepSimulated(): boolean {
    if (this.awaiting !== undefined || this.run.done) return false;
    return this.apply({});
  }

  /** The trainee picks a choice by its key. Returns false for a key that is not offered. */
  choose(key: string): boolean {
    const choice = this.choices().find((c) => c.key === key);
    if (!choice) return false;
    return this.apply(choice.chairMove ? { chairMove: choice.chairMove } : { answer: choice.answer });
  }

  /** Back to before the last step: a fresh run from the same generator, the recorded decisions re-applied. */
  back(): boolean {
    if (this.steps.length === 0) return false;
    const keep = this.steps.slice(0, -1);
    this.reset();
    for (const record of keep) if (!this.apply(record)) throw new Error('replaying the recorded decisions diverged');
    return true;
  }

  /** Runs simulated steps until the trainee must decide or the run ends. Returns the number of steps taken. */
  stepUntilDecision(limit = 10_000): number {
    let n = 0;
    while (n < limit && this.stepSimulated()) n++;
    return n;
  }

  /** Who the trainee is, in words. */
  seatLabel(): string {
    return this.seat.kind === 'chair' ? 'the Chair' : this.seat.kind === 'member' ? this.model.names[this.seat.member] : 'nobody (replay)';
  }

  /** The debrief of the session as it stands (finished or not), with the given other-rule runs. */
  debrief(alternatives: readonly AlternativeRun[] = []): Debrief {
    return buildDebrief({
      model: this.model,
      seed: this.seed,
      runIndex: this.runIndex,
      seat: this.seatLabel(),
      steps: this.timeline,
      result: this.run.result(),
      finished: this.run.done,
      alternatives,
    });
  }

  private apply(record: StepRecord): boolean {
    const run = this.run;
    const before = run.log.length;
    const startHours = run.context.hours;
    const moveLabel = record.chairMove ? this.moveLabel(record.chairMove) : undefined;
    const seat = this.seat.kind === 'member' && record.answer !== undefined ? { member: this.seat.member, stance: record.answer } : undefined;
    if (!run.step(record.chairMove, seat)) return false;
    this.steps.push(record);
    // the seat's own simulated moves were overridden by the trainee's answer: leave them out
    const events = run.log.slice(before).map((e) => (seat && e.kind === 'round' ? { ...e, moves: e.moves.filter((m) => m.member !== seat.member) } : e));
    const lines: string[] = [];
    for (const event of events) {
      lines.push(...narrate(this.model, event));
      if (seat && (event.kind === 'tabled' || event.kind === 'round')) lines.push(`  You (${this.model.names[seat.member]}) answer: ${STANCES[seat.stance]}.`);
    }
    const option = this.model.options[run.context.option]?.name;
    const decision = record.chairMove
      ? `you (the Chair): ${moveLabel}`
      : seat
        ? `you (${this.model.names[seat.member]}): ${STANCES[seat.stance]} on "${option}"`
        : undefined;
    this.timeline.push({ step: this.steps.length, startHours, hours: run.context.hours, state: run.state, ...(decision ? { decision } : {}), events, lines });
    return true;
  }
}
