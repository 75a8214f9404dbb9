/**
 * The narration of a run, as events (what happened in each step): tabling, consultation rounds with the moves,
 * checks with their explanation and objectors, the chair's moves and the end. Only produced when a run is narrated
 * (trace, trainer, debrief); report/narrate.ts turns the events into sentences.
 */
import type { ProcedureContext, ProcedureEvent } from '../procedure/machine';
import type { Model } from '../floor/model';
import type { StanceMove } from '../floor/types';
import { OBJECT, type Tally } from '../rules/types';
import { checkOf } from './deciding';
import type { InstrumentEvent } from './instruments';

/** What happened in a step, for narration (trace, trainer). */
export type RunEvent =
  | { kind: 'tabled'; option: number; stances: Uint8Array }
  | { kind: 'round'; option: number; round: number; concession: boolean; moves: readonly StanceMove[]; stances: Uint8Array }
  | { kind: 'check'; option: number; check: 'consensus' | 'vote'; passed: boolean; tally: Tally; explanation: string; objectors: readonly number[]; declaration?: boolean; quorum?: boolean }
  | { kind: 'chair'; event: ProcedureEvent }
  | { kind: 'instrument'; event: InstrumentEvent }
  | { kind: 'end'; outcome: number; hours: number; deferredBy?: 'time' | 'chair'; settledBy?: 'declaration' | 'act' };

export class Narrator {
  readonly log: RunEvent[] = [];

  constructor(private readonly model: Model) {}

  reset(): void {
    this.log.length = 0;
  }

  tabled(option: number, stances: Uint8Array): void {
    this.log.push({ kind: 'tabled', option, stances: stances.slice() });
  }

  round(option: number, round: number, concession: boolean, moves: readonly StanceMove[], stances: Uint8Array): void {
    this.log.push({ kind: 'round', option, round, concession, moves, stances: stances.slice() });
  }

  chair(event: ProcedureEvent): void {
    this.log.push({ kind: 'chair', event });
  }

  /** what an instrument did on the floor (attendance, a walkout, a voluntary act, the friends of the chair) */
  instrument(event: InstrumentEvent): void {
    this.log.push({ kind: 'instrument', event });
  }

  /** the check just made (the context's last check) on this floor; `declaration`: whether anyone objects to the chair's declaration */
  check(context: ProcedureContext, stances: Uint8Array, declaration?: 'declaration'): void {
    const check = context.lastCheck!;
    const { rule, voting, byFallback } = checkOf(this.model, check.kind);
    const tally = byFallback ? (context.voteTally ?? context.tally!) : context.tally!;
    const objectors: number[] = [];
    for (let i = 0; i < this.model.size; i++) if (voting[i] === 1 && stances[i] === OBJECT) objectors.push(i);
    const explanation = context.quorumFailed && !check.passed ? `${tally.members} present, below the quorum of ${context.quorum}` : declaration !== undefined ? (tally.object === 0 ? 'no participant objects' : `${tally.object} object`) : rule.explain(tally);
    this.log.push({
      kind: 'check',
      option: context.option,
      check: check.kind,
      passed: check.passed,
      tally,
      explanation,
      objectors,
      ...(declaration !== undefined ? { declaration: true } : {}),
      ...(context.quorumFailed && !check.passed ? { quorum: true } : {}),
    });
  }

  end(outcome: number, hours: number, result?: { readonly deferredBy?: 'time' | 'chair'; readonly settledBy?: 'declaration' | 'act' }): void {
    this.log.push({ kind: 'end', outcome, hours, ...(result?.deferredBy !== undefined ? { deferredBy: result.deferredBy } : {}), ...(result?.settledBy !== undefined ? { settledBy: result.settledBy } : {}) });
  }
}
