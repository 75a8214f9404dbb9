/** `plenary validate`: check scenario files (or folders of them); every problem with file:line. */
import { EXIT_OK, EXIT_USAGE } from '../../common/errors';
import { validateFile } from '../../scenario/load';
import { renderProblem } from '../../scenario/problems';
import { expandScenarioPaths } from '../scenarioFiles';

export interface ValidateResult {
  readonly text: string;
  readonly exitCode: number;
}

export function validateCommand(paths: readonly string[], options: { strict?: boolean } = {}): ValidateResult {
  const files = expandScenarioPaths(paths);
  const lines: string[] = [];
  let failed = 0;
  for (const file of files) {
    const result = validateFile(file);
    const bad = result.errors.length > 0 || (options.strict === true && result.warnings.length > 0);
    if (bad) failed++;
    lines.push(`${bad ? 'invalid' : 'ok'}  ${file}${result.warnings.length > 0 ? ` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})` : ''}`);
    for (const p of [...result.errors, ...result.warnings]) lines.push(`  ${renderProblem(p)}`);
  }
  if (files.length === 0) {
    return { text: 'no scenario files found\n', exitCode: EXIT_USAGE };
  }
  lines.push('', `${files.length - failed} of ${files.length} file${files.length === 1 ? '' : 's'} valid`);
  return { text: `${lines.join('\n')}\n`, exitCode: failed > 0 ? EXIT_USAGE : EXIT_OK };
}
