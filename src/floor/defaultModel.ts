/**
 * The floor model of a scenario that does not name one. Chosen by the out-of-sample backtest on the bundled case
 * library (docs/model.md, "Choosing the default"): change it only with a new backtest.
 */
import type { FloorModelName } from '../scenario/schema';

export const DEFAULT_FLOOR_MODEL: FloorModelName = 'ordinal';
