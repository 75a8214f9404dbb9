/**
 * Writing a file so that it is either complete or not there at all: a temporary file in the same folder, every
 * byte written and counted, fsync, then rename over the target. A short write or a full disk throws a UserError
 * (exit 2) after removing the temporary file; the old target is left as it was.
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors';

/** The few file-system calls the writer uses; tests inject a disk that fills up. */
export interface WriteFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
}

export const NODE_FS: WriteFs = nodeFs;

/** Why a write failed, in words (ENOSPC → "no space left on device"). */
export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EFBIG':
      return 'the file would be too large';
    case 'EIO':
      return 'input/output error';
    case 'ENOENT':
      return 'the folder does not exist';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** A write that stored fewer bytes than asked and then could store none. */
export class ShortWrite extends Error {
  constructor(
    readonly written: number,
    readonly expected: number,
  ) {
    super(`short write: ${written} of ${expected} bytes`);
    this.name = 'ShortWrite';
  }
}

/** Writes every byte of `data` to `fd`, looping over partial writes; a write that stores nothing throws ShortWrite. */
export function writeAll(fd: number, data: Uint8Array, fs: Pick<WriteFs, 'writeSync'> = NODE_FS): void {
  let offset = 0;
  while (offset < data.length) {
    const n = fs.writeSync(fd, data, offset, data.length - offset);
    if (!Number.isInteger(n) || n <= 0) throw new ShortWrite(offset, data.length);
    offset += n;
  }
}

/** The temporary file next to `target` (hidden, named after the process so that two writers do not collide). */
export const tempPathFor = (target: string): string => join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);

/** Atomic write: temp file in the same folder, all bytes checked, fsync, rename. */
export function writeFileAtomic(target: string, text: string, fs: WriteFs = NODE_FS): void {
  const temp = tempPathFor(target);
  const data = Buffer.from(text, 'utf8');
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'w', 0o644);
    writeAll(fd, data, fs);
    fs.fsyncSync(fd);
    const done = fd;
    fd = undefined;
    fs.closeSync(done);
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the temp file goes below
      }
    }
    fs.rmSync(temp, { force: true });
    const why = error instanceof ShortWrite ? `only ${error.written} of ${error.expected} bytes could be written (is the disk full?)` : writeProblem(error);
    throw new UserError(`cannot write ${target}: ${why}; the previous file, if any, is unchanged`);
  }
}

/**
 * Checks before any work that a file can be created in `folder` (a read-only file system, a folder without write
 * permission): creates and removes a probe file. Returns the problem in words, or undefined.
 */
export function folderWriteProblem(folder: string, fs: Pick<WriteFs, 'openSync' | 'closeSync' | 'rmSync'> = NODE_FS): string | undefined {
  const probe = join(folder, `.plenary-probe.${process.pid}.tmp`);
  try {
    fs.closeSync(fs.openSync(probe, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined; // a probe of ours: creating works
    return writeProblem(error);
  } finally {
    try {
      fs.rmSync(probe, { force: true });
    } catch {
      // nothing was created
    }
  }
  return undefined;
}
