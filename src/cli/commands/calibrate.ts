/**
 * `plenary calibrate`: fit the model's global parameters on a case library (grid search, Brier or log score), print
 * the in-sample and leave-one-out scores beside the current parameters and the trivial baselines, and with --write
 * write the fitted values into the parameters file with their provenance. The command body; declared in
 * src/cli/program.ts.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../common/paths';
import { UserError } from '../../common/errors';
import { writeFileAtomic } from '../output';
import type { FloorModelName } from '../../scenario/schema';
import { stampOf, type Invocation } from '../stamp';
import type { JobHooks, JobOutcome } from '../job';
import type { CalibrationFormat } from '../../report/calibration';
import type { ScoreName } from '../../analyses/calibrate/calibrate';
import { hasOverrides, overridesText, type ParameterOverrides } from '../../scenario/parameterOverrides';

export interface CalibrateCommandOptions extends JobHooks {
  /** case files or folders (default: the bundled library, as for backtest) */
  readonly paths?: readonly string[];
  readonly runs: number;
  readonly seed: string;
  readonly score: ScoreName;
  readonly model?: FloorModelName;
  readonly format: CalibrationFormat;
  /** write the fitted values: true for the bundled parameters file, or a path */
  readonly write?: boolean | string;
  /** `--param`: parameters fixed for every case (over the file and the cases' own model: values); not fitted */
  readonly overrides?: ParameterOverrides;
  readonly invocation?: Invocation;
}

export async function prepareCalibration(options: CalibrateCommandOptions) {
  const [{ caseFiles, loadCases }, { DEFAULT_GRIDS, gridPoints }, { floorModelName }] = await Promise.all([import('./backtest'), import('../../analyses/calibrate/calibrate'), import('../../floor/model')]);
  if (hasOverrides(options.overrides) && options.write !== undefined && options.write !== false) {
    throw new UserError(`calibrate: --write cannot be combined with --param ${overridesText(options.overrides!, ',')}: the parameters file holds fitted values only (drop --param to write, or --write to explore)`);
  }
  const cases = loadCases(caseFiles(options.paths), options.overrides).filter((c) => c.actual !== undefined);
  if (cases.length < 2) throw new UserError(`calibrate: ${cases.length} case${cases.length === 1 ? '' : 's'} with a recorded outcome (actual:); at least two are needed`);
  const floors = new Set(cases.map((c) => floorModelName(c, options.model)));
  // parameters fixed with --param are not in the grid (src/analyses/calibrate/calibrate.ts)
  const grid = Object.fromEntries(Object.entries(DEFAULT_GRIDS[floors.size === 1 ? [...floors][0] : 'ensemble']).filter(([name]) => options.overrides?.[name as keyof ParameterOverrides] === undefined));
  // the current value may add one value per parameter: an upper bound for the progress bar
  const points = gridPoints(Object.fromEntries(Object.entries(grid).map(([k, v]) => [k, [...(v ?? []), -1]]))).length;
  return { cases, plannedRuns: points * cases.length * options.runs };
}

export async function calibrateCommand(options: CalibrateCommandOptions, prepared?: Awaited<ReturnType<typeof prepareCalibration>>): Promise<JobOutcome> {
  const [{ calibrate }, { renderCalibration, parametersYaml }, { defaultParameters, PARAMETERS_FILE, readParametersVersion }] = await Promise.all([
    import('../../analyses/calibrate/calibrate'),
    import('../../report/calibration'),
    import('../../scenario/parameters'),
  ]);
  const { cases } = prepared ?? (await prepareCalibration(options));
  const current = defaultParameters();
  const result = await calibrate(cases, current, {
    runs: options.runs,
    seed: options.seed,
    score: options.score,
    ...(options.model ? { floor: options.model } : {}),
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    ...(options.onProgress ? { onProgress: (done: number) => options.onProgress!({ runs: done * options.runs, counts: [] }) } : {}),
    pause: () => new Promise((resolvePause) => setImmediate(resolvePause)),
  });
  const stamp = stampOf(cases, options.seed, options.invocation);
  let text = renderCalibration(result, options.format, stamp);
  if (options.write !== undefined && options.write !== false && !result.partial) {
    if (!stamp) throw new UserError('calibrate --write needs the command line for the provenance (run it from the CLI)');
    const target = typeof options.write === 'string' ? resolve(options.write) : PARAMETERS_FILE;
    const { source: _source, ...previous } = current;
    // case files named relative to the package (the file is versioned with it), else as given
    const named = { ...result, cases: result.cases.map((c) => (c.file && isAbsolute(c.file) && !relative(PACKAGE_ROOT, c.file).startsWith('..') ? { ...c, file: relative(PACKAGE_ROOT, c.file) } : c)) };
    writeFileAtomic(target, parametersYaml(named, previous, readParametersVersion(target), stamp));
    if (options.format !== 'json') text += `\nWritten: ${target} (scenarios use it for every model: value they do not set)\n`;
  }
  return { text, partial: result.partial, marked: options.format !== 'json' };
}
