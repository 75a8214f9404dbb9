/** `plenary import ktab FILE.csv`: a KTAB spatial-model CSV as a scenario file, with what had to be assumed. */
import { readFileSync, statSync } from 'node:fs';
import { noteInputRead } from '../../common/inputFiles';
import { MAX_FILE_BYTES } from '../../scenario/source';
import { UserError } from '../../common/errors';
import { importKtab } from '../../import/ktab';
import { validateText } from '../../scenario/load';
import { renderProblem } from '../../scenario/problems';
import type { CliIO } from '../io';
import { checkOutPath } from '../output';

export interface ImportKtabResult {
  readonly yaml: string;
  readonly assumptions: readonly string[];
}

/** Converts the CSV and checks that the result is a valid scenario (an importer bug must not reach the user's file). */
export function importKtabCommand(file: string): ImportKtabResult {
  let text: string;
  noteInputRead(file, 'the KTAB CSV'); // --out may not overwrite it
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) throw new UserError(`${file}: is ${(size / 1024 / 1024).toFixed(1)} MB; input files are limited to ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${file}: cannot read the KTAB CSV (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const result = importKtab(text, file);
  const check = validateText(result.yaml, `${file} (converted)`);
  if (check.errors.length > 0) throw new Error(`the converted scenario does not validate:\n${check.errors.map(renderProblem).join('\n')}`);
  return { yaml: result.yaml, assumptions: result.assumptions };
}

/** `plenary import ktab FILE [--out]`: the action (declared in src/cli/program.ts). */
export async function importKtabAction(file: string, opts: { out?: string }, io: CliIO): Promise<void> {
  if (opts.out) checkOutPath(opts.out, [file]);
  const result = importKtabCommand(file);
  await io.emit(result.yaml, { out: opts.out, inputs: [file] });
  io.err(`plenary: imported ${file}; assumed (edit the scenario to change):\n${result.assumptions.map((a) => `  - ${a}`).join('\n')}`);
}
