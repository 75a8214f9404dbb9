/**
 * The simulated chair: which procedural move it makes in each state. A plain policy over the procedure machine's
 * context; in trainer mode a human takes its place. The machine's guards still decide what is allowed.
 */
import { checks, type ProcedureContext, type ProcedureEvent, type ProcedureState } from '../procedure/machine';

export type ChairPolicy = (state: ProcedureState, context: ProcedureContext, fallbackToNextOption: boolean) => ProcedureEvent;

const fits = (c: ProcedureContext, hours: number): boolean => c.hours + hours <= c.itemBudgetHours + 1e-9;

function nextUntabled(c: ProcedureContext): number {
  for (let i = 0; i < c.options.length; i++) if ((c.tabledMask & (1 << i)) === 0) return i;
  return -1;
}

/**
 * Table options in order; call for consensus (or a vote, if the rule votes); on objection, offer a concession when one
 * is due, else consult while rounds remain (not under a written procedure: one circulation, no consultations); then the rule's fallback vote, if any; then the next option. Out of time:
 * defer. Out of options: close with no decision (the status quo stands).
 */
export const simulatedChair: ChairPolicy = (state, c, fallbackToNextOption) => {
  switch (state) {
    case 'chairToMove': {
      const next = nextUntabled(c);
      if (next >= 0 && fits(c, c.hoursToTable)) return { type: 'TABLE', option: next };
      return next >= 0 ? { type: 'DEFER' } : { type: 'CLOSE' };
    }
    case 'positionsStated':
      return checks.ruleCallsForVote(c, { type: 'CALL_VOTE' }) ? { type: 'CALL_VOTE' } : { type: 'CALL_FOR_CONSENSUS' };
    case 'objected': {
      // a written procedure is one circulation: a written objection ends it, there is no floor to consult
      const consults = c.rule.mode !== 'written';
      if (consults && checks.concessionDue(c, { type: 'OFFER_CONCESSION' })) return { type: 'OFFER_CONCESSION' };
      if (consults && checks.roundLeft(c, { type: 'CONSULT' })) return { type: 'CONSULT' };
      if (consults && c.round < c.maxRoundsPerOption) return { type: 'DEFER' }; // rounds left but no time for one
      if (checks.voteFallbackAvailable(c, { type: 'CALL_VOTE' })) return { type: 'CALL_VOTE' };
      const next = fallbackToNextOption ? nextUntabled(c) : -1;
      if (next >= 0) return fits(c, c.hoursToTable) ? { type: 'TABLE', option: next } : { type: 'DEFER' };
      return { type: 'CLOSE' };
    }
    default:
      throw new Error(`the chair has no move in state ${state}`);
  }
};
