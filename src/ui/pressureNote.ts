/**
 * The trainer's word on observer pressure when it cannot act. With the calibrated global parameters
 * (scenarios/parameters/model.yaml version 2) pressureEffect is 0: an observer's press is still a move of the
 * procedure, but it moves nobody. A trainee in an observer seat is told so once, plainly, with where the 0 comes from
 * and how to run with pressure (`--param pressureEffect=1`), instead of being offered a move that silently does
 * nothing. Pure: a session and the seats of one screen in, words out.
 */
import { parameterOrigin } from '../scenario/parameterOrigin';
import { sameSeat, type Seat, type TrainerSession } from './session';

/** An observer seat among the seats of this screen (the one a press would come from), if any. */
function observerSeat(session: TrainerSession, viewer: readonly Seat[]): { readonly member: number } | undefined {
  const seat = viewer.find((x) => x.kind === 'member' && !session.decides(x.member));
  return seat?.kind === 'member' && session.seats.some((x) => sameSeat(x, seat)) ? seat : undefined;
}

/** Where the run's pressureEffect 0 comes from, in words (decided by the one resolver of model parameters). */
function originOfZero(session: TrainerSession): string {
  const origin = parameterOrigin(session.model.scenario, 'pressureEffect');
  if (origin === '--param') return 'it was started with --param pressureEffect=0';
  if (origin === 'scenario') return 'this scenario sets pressureEffect 0';
  return 'the calibrated parameters set pressureEffect 0 (docs/uncertainty.md)';
}

/**
 * The note for a screen whose seats include an observer, when pressure has no effect in this run; undefined when
 * pressure acts or nobody on this screen can press.
 */
export function pressureNote(session: TrainerSession, viewer: readonly Seat[]): string | undefined {
  if (session.model.scenario.model.pressureEffect !== 0) return undefined;
  const observer = observerSeat(session, viewer);
  if (!observer) return undefined;
  const id = session.model.ids[observer.member];
  return `Observer pressure has no effect in this run: ${originOfZero(session)}. To let it act: plenary play --as ${id} --param pressureEffect=1`;
}

/** What a press leads to, said after the trainee pressed. */
export function pressOutcome(session: TrainerSession): string {
  return session.model.scenario.model.pressureEffect === 0
    ? 'no effect in this run (pressureEffect 0).'
    : 'it acts in the next consultation rounds on this option.';
}
