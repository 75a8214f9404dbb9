/** What the trainer screen shows besides the session: the view, help, list, page, picker, play speed. */
import type { ProcedureEvent } from '../procedure/machine';

/** A group of members a press can target (a bloc, or one member). */
export interface Target {
  readonly label: string;
  readonly members: readonly number[];
}

/** The choice the screen is asking for (which option to table, whom to press, toward what). */
export type Picker =
  | { readonly kind: 'table'; readonly options: readonly { readonly label: string; readonly event: ProcedureEvent }[] }
  | { readonly kind: 'press-whom'; readonly by: number; readonly targets: readonly Target[] }
  | { readonly kind: 'press-toward'; readonly by: number; readonly target: Target };

/** What the screen shows besides the session. */
export interface ViewState {
  view: 'run' | 'debrief';
  help: boolean;
  /** everyone listed by name instead of the blocs */
  list: boolean;
  page: number;
  picker?: Picker;
  message?: string;
  /** the rule selected in the debrief, -1 for none */
  alt: number;
  playing: boolean;
  /** index into SPEEDS */
  speed: number;
}
