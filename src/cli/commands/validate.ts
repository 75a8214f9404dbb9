/** `plenary validate`: check scenario files (or folders of them); every problem with file:line, as text or JSON. */
import { EXIT_OK, EXIT_USAGE } from '../../common/errors';
import { validateFile, validateRosterFile } from '../../scenario/load';
import { renderProblem, type Problem } from '../../scenario/problems';
import { readReform } from '../../analyses/reforms';
import { expandScenarioPaths } from '../scenarioFiles';

export type ValidateFormat = 'text' | 'json';

export interface ValidateResult {
  readonly text: string;
  readonly exitCode: number;
}

/** One problem in the JSON: where (file, line, column, field path) and what. */
export interface ValidateProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly path: string;
  readonly message: string;
}

/** The JSON of `plenary validate --format json`: per file ok or its problems; the exit code is the text's. */
export interface ValidateReport {
  readonly kind: 'validation';
  readonly files: readonly {
    readonly file: string;
    /** what the file was checked as (recognised by its content) */
    readonly as: 'scenario' | 'roster' | 'reform';
    /** no errors (and, with --strict, no warnings) */
    readonly ok: boolean;
    readonly errors: readonly ValidateProblem[];
    readonly warnings: readonly ValidateProblem[];
  }[];
  readonly valid: number;
  readonly invalid: number;
  readonly strict: boolean;
}

/** A scenario, or a roster or reform file checked by its own schema (recognised by its content, as validateFile does). */
function validateAnyFile(file: string): { result: { errors: readonly Problem[]; warnings: readonly Problem[] }; kind?: 'roster' | 'reform' } {
  const result = validateFile(file);
  const only = result.errors.length === 1 ? result.errors[0].message : '';
  if (only.startsWith('is a roster file')) return { result: { errors: validateRosterFile(file), warnings: [] }, kind: 'roster' };
  if (only.startsWith('is a reform file')) return { result: { errors: readReform(file).problems, warnings: [] }, kind: 'reform' };
  return { result };
}

const problemOf = (p: Problem): ValidateProblem => ({ file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), ...(p.column !== undefined ? { column: p.column } : {}), path: p.path, message: p.message });

export function validateCommand(paths: readonly string[], options: { strict?: boolean; format?: ValidateFormat } = {}): ValidateResult {
  const files = expandScenarioPaths(paths, true);
  const lines: string[] = [];
  const report: ValidateReport['files'][number][] = [];
  let failed = 0;
  for (const file of files) {
    const { result, kind } = validateAnyFile(file);
    const bad = result.errors.length > 0 || (options.strict === true && result.warnings.length > 0);
    if (bad) failed++;
    lines.push(`${bad ? 'invalid' : 'ok'}  ${file}${kind ? ` (${kind})` : ''}${result.warnings.length > 0 ? ` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})` : ''}`);
    for (const p of [...result.errors, ...result.warnings]) lines.push(`  ${renderProblem(p)}`);
    report.push({ file, as: kind ?? 'scenario', ok: !bad, errors: result.errors.map(problemOf), warnings: result.warnings.map(problemOf) });
  }
  const exitCode = files.length === 0 || failed > 0 ? EXIT_USAGE : EXIT_OK;
  if (options.format === 'json') {
    const json: ValidateReport = { kind: 'validation', files: report, valid: files.length - failed, invalid: failed, strict: options.strict === true };
    return { text: `${JSON.stringify(json, null, 2)}\n`, exitCode };
  }
  if (files.length === 0) return { text: 'no scenario files found\n', exitCode };
  lines.push('', `${files.length - failed} of ${files.length} file${files.length === 1 ? '' : 's'} valid`);
  return { text: `${lines.join('\n')}\n`, exitCode };
}
