/**
 * The backtest's leave-one-out row: when the global parameters were fitted on some of the cases (plenary calibrate),
 * the score each case got from a fit that never saw it, as the parameters file records it. The same words in every
 * format. Pure.
 */
import type { LeaveOneOutNote } from '../analyses/backtest/backtest';

export const leaveOneOutLabel = (loo: LeaveOneOutNote): string => `${loo.floor !== undefined ? `${loo.floor}, ` : ''}fitted parameters, leave-one-out (plenary calibrate, ${loo.cases} cases)`;

export const LEAVE_ONE_OUT_FITTED = 'none: each case scored by a fit without it (the honest figure; recorded in the parameters file)';
