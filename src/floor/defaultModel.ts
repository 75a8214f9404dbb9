/**
 * The floor model of a scenario that does not name one: the model that scored best out of sample on the bundled
 * case library (28 cases, `plenary backtest --models ordinal,spatial,compromise,ensemble`, 1,000 runs, seed
 * "swakopmund-2009"; no model has parameters fitted to the cases, so every score is out of sample):
 *
 *   model        hits   mean p(recorded)  Brier  log score
 *   ordinal      23/28  0.704             0.283  0.590
 *   spatial      27/28  0.791             0.163  0.450
 *   compromise   27/28  0.748             0.200  0.507
 *   ensemble     27/28  0.744             0.199  0.510
 *   baselines: nothing adopted 11/28, Brier 1.214; first tabled passes 14/28, Brier 1.000
 *
 * docs/model.md ("Choosing the default") explains; change it only with a new backtest.
 */
import type { FloorModelName } from '../scenario/schema';

export const DEFAULT_FLOOR_MODEL: FloorModelName = 'spatial';
