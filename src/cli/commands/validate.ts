/** `plenary validate`: check scenario files (or folders of them); every problem with file:line. */
import { EXIT_OK, EXIT_USAGE } from '../../common/errors';
import { validateFile, validateRosterFile } from '../../scenario/load';
import { renderProblem, type Problem } from '../../scenario/problems';
import { readReform } from '../../analyses/reforms';
import { expandScenarioPaths } from '../scenarioFiles';

export interface ValidateResult {
  readonly text: string;
  readonly exitCode: number;
}

/** A scenario, or a roster or reform file checked by its own schema (recognised by its content, as validateFile does). */
function validateAnyFile(file: string): { result: { errors: readonly Problem[]; warnings: readonly Problem[] }; kind?: 'roster' | 'reform' } {
  const result = validateFile(file);
  const only = result.errors.length === 1 ? result.errors[0].message : '';
  if (only.startsWith('is a roster file')) return { result: { errors: validateRosterFile(file), warnings: [] }, kind: 'roster' };
  if (only.startsWith('is a reform file')) return { result: { errors: readReform(file).problems, warnings: [] }, kind: 'reform' };
  return { result };
}

export function validateCommand(paths: readonly string[], options: { strict?: boolean } = {}): ValidateResult {
  const files = expandScenarioPaths(paths, true);
  const lines: string[] = [];
  let failed = 0;
  for (const file of files) {
    const { result, kind } = validateAnyFile(file);
    const bad = result.errors.length > 0 || (options.strict === true && result.warnings.length > 0);
    if (bad) failed++;
    lines.push(`${bad ? 'invalid' : 'ok'}  ${file}${kind ? ` (${kind})` : ''}${result.warnings.length > 0 ? ` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})` : ''}`);
    for (const p of [...result.errors, ...result.warnings]) lines.push(`  ${renderProblem(p)}`);
  }
  if (files.length === 0) {
    return { text: 'no scenario files found\n', exitCode: EXIT_USAGE };
  }
  lines.push('', `${files.length - failed} of ${files.length} file${files.length === 1 ? '' : 's'} valid`);
  return { text: `${lines.join('\n')}\n`, exitCode: failed > 0 ? EXIT_USAGE : EXIT_OK };
}
