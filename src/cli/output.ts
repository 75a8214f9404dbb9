/**
 * Writing results: to stdout, or to --out through a temporary file renamed into place, so an interrupted or failed
 * command never leaves a half-written file and an existing file is replaced only on success.
 */
import { closeSync, existsSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../common/errors';

/** Checks an --out path before any work is done: its folder exists, it is not a folder, not one of the inputs. */
export function checkOutPath(out: string, inputs: readonly string[] = []): string {
  let target = resolve(out);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UserError(`--out ${out}: the folder ${folder} does not exist`);
  if (existsSync(target)) {
    const stat = statSync(target);
    if (stat.isDirectory()) throw new UserError(`--out ${out}: is a folder; give a file name`);
    // a device, pipe or socket would be replaced by the rename, not written to
    if (!stat.isFile()) throw new UserError(`--out ${out}: is not a regular file (a device, pipe or socket); give a file name, or leave out --out to write to standard output`);
    target = realpathSync(target); // through a symlink: replace the file it points to, keep the link
  }
  for (const input of inputs) {
    if (realOrResolved(input) === target) throw new UserError(`--out ${out}: is also an input file; refusing to overwrite it`);
  }
  return target;
}

const realOrResolved = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** Atomic write: temp file in the same folder, fsync, rename. */
export function writeFileAtomic(target: string, text: string): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'w', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`cannot write ${target}: ${code === 'ENOSPC' ? 'no space left on device' : (code ?? (error as Error).message)}`);
  }
}

/** Writes to stdout, resolving when flushed; a closed pipe (e.g. `| head -1`) ends quietly. */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    if (text === '') return resolvePromise();
    // the callback runs once the text is flushed, or with the error (a full disk; a closed pipe is no error here)
    process.stdout.write(text, (error) => {
      const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
      if (!error || code === 'EPIPE') resolvePromise();
      else reject(new UserError(`cannot write to standard output: ${code === 'ENOSPC' ? 'no space left on device' : (code ?? error.message)}`));
    });
  });
}
