/**
 * The floor model of a scenario that does not name one: the model that scored best out of sample on the bundled
 * case library (26 cases, `plenary backtest --models ordinal,spatial,compromise,ensemble`, 1,000 runs, seed
 * "swakopmund-2009"; no model has parameters fitted to the cases, so every score is out of sample):
 *
 *   model        hits   mean p(recorded)  Brier  log score
 *   ordinal      23/26  0.745             0.196  0.329
 *   spatial      26/26  0.823             0.095  0.209
 *   compromise   26/26  0.785             0.121  0.256
 *   ensemble     26/26  0.780             0.123  0.261
 *   baselines: nothing adopted 10/26, Brier 1.231; first tabled passes 13/26, Brier 1.000
 *
 * docs/model.md ("Choosing the default") explains; change it only with a new backtest.
 */
import type { FloorModelName } from '../scenario/schema';

export const DEFAULT_FLOOR_MODEL: FloorModelName = 'spatial';
