/**
 * Writing results: to stdout, or to --out through a temporary file renamed into place (src/common/atomicWrite.ts),
 * so that a failed or interrupted command never leaves a half-written file and an existing file is replaced only
 * on success. `--out -` means stdout; `--out ''` is refused. The folder is checked for writability before any work.
 */
import { existsSync, fstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { folderWriteProblem, NODE_FS, ShortWrite, writeAll, writeFileAtomic, writeProblem, type WriteFs } from '../common/atomicWrite';
import { UserError } from '../common/errors';
import { inputAt, outputIsInput, realOrResolved } from '../common/inputFiles';
import { cutForMessage } from '../common/terminalText';

export { writeFileAtomic };

/** `--out -`: standard output, as if --out were not given. */
export const STDOUT_PATH = '-';

/**
 * Checks an --out path before any work is done: not empty, its folder exists and a file can be created there, it is
 * not a folder or a device, and not one of the inputs named so far. Returns the resolved target.
 */
export function checkOutPath(out: string, inputs: readonly string[] = []): string {
  const shown = cutForMessage(out, 200);
  if (out.trim() === '') throw new UserError(`--out: the file name is empty; give a file name, or --out - (or no --out) for standard output`);
  let target = resolve(out);
  const folder = dirname(target);
  if (!existsSync(folder)) throw new UserError(`--out ${shown}: the folder ${cutForMessage(folder, 200)} does not exist`);
  if (!statSync(folder).isDirectory()) throw new UserError(`--out ${shown}: ${cutForMessage(folder, 200)} is not a folder`);
  if (existsSync(target)) {
    const stat = statSync(target);
    if (stat.isDirectory()) throw new UserError(`--out ${shown}: is a folder; give a file name`);
    // a device, pipe or socket would be replaced by the rename, not written to
    if (!stat.isFile()) throw new UserError(`--out ${shown}: is not a regular file (a device, pipe or socket); give a file name, or leave out --out to write to standard output`);
    target = realpathSync(target); // through a symlink: replace the file it points to, keep the link
  }
  for (const input of inputs) {
    if (realOrResolved(input) === target) throw new UserError(`--out ${shown}: is also an input file; refusing to overwrite it`);
  }
  const problem = folderWriteProblem(dirname(target));
  if (problem) throw new UserError(`--out ${shown}: cannot write in ${cutForMessage(dirname(target), 200)}: ${problem}`);
  return target;
}

/** The last check before writing: the target is not a file the command read (a roster, a reform, a shard part). */
export function writeOut(out: string, text: string, inputs: readonly string[] = [], fs: WriteFs = NODE_FS): void {
  const target = checkOutPath(out, inputs);
  const input = inputAt(target);
  if (input) throw outputIsInput(cutForMessage(out, 200), input.file, input.what);
  writeFileAtomic(target, text, fs);
}

/**
 * Writes to stdout, resolving when flushed. Redirected to a file (`> result.json`), every byte is written and
 * counted (Node's own file stream ignores short writes), so a full disk is an error, not a truncated file.
 * A closed pipe (e.g. `| head -1`) ends quietly.
 */
export function writeStdout(text: string, fs: Pick<WriteFs, 'writeSync'> = NODE_FS): Promise<void> {
  if (text === '') return Promise.resolve();
  if (stdoutIsFile()) {
    try {
      writeAll(1, Buffer.from(text, 'utf8'), fs);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(stdoutError(error));
    }
  }
  return new Promise((resolvePromise, reject) => {
    // the callback runs once the text is flushed, or with the error (a full disk; a closed pipe is no error here)
    process.stdout.write(text, (error) => {
      const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
      if (!error || code === 'EPIPE') resolvePromise();
      else reject(stdoutError(error));
    });
  });
}

function stdoutIsFile(): boolean {
  try {
    return fstatSync(1).isFile();
  } catch {
    return false;
  }
}

const stdoutError = (error: unknown): UserError =>
  new UserError(
    `cannot write to standard output: ${error instanceof ShortWrite ? `only ${error.written} of ${error.expected} bytes could be written (is the disk full?)` : writeProblem(error)}`,
  );
