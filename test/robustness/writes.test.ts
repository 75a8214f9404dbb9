/**
 * Every write is checked: a short write or a full disk fails with exit 2 and one line, the old file stays as it
 * was and no temporary file is left. On a tiny tmpfs when this process may mount one (root), and always with an
 * injected file system that fills up; stdout redirected to a full disk exits non-zero with a message.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderWriteProblem, NODE_FS, writeAll, writeFileAtomic, type WriteFs } from '../../src/common/atomicWrite';
import { UserError } from '../../src/common/errors';
import { checkOutPath, writeStdout } from '../../src/cli/output';
import { buildCli, ROOT, runCli } from './cli';

const FIXTURE = 'test/fixtures/valid/three-members.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'plenary-writes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A disk with `free` bytes left: writes store what fits (a short write), then fail with ENOSPC. */
function fillingDisk(free: number, options: { shortOnly?: boolean } = {}): WriteFs & { stored: number } {
  const fs = {
    ...NODE_FS,
    stored: 0,
    writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number {
      const room = free - fs.stored;
      if (room <= 0) {
        if (options.shortOnly) return 0;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      const n = NODE_FS.writeSync(fd, buffer, offset, Math.min(length, room));
      fs.stored += n;
      return n;
    },
  };
  return fs;
}

const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('the atomic writer (simulated short writes)', () => {
  it.each([
    ['a short write, then ENOSPC', {}],
    ['a short write, then a write of 0 bytes', { shortOnly: true }],
  ])('%s: UserError, old file intact, no temp file', (_name, options) => {
    const dir = mkdtempSync(join(tmp, 'sim-'));
    const target = join(dir, 'result.json');
    writeFileSync(target, 'previous result');
    const text = JSON.stringify({ runs: 'x'.repeat(14_000) });
    expect(() => writeFileAtomic(target, text, fillingDisk(4096, options))).toThrow(UserError);
    try {
      writeFileAtomic(target, text, fillingDisk(4096, options));
    } catch (error) {
      expect((error as Error).message).toMatch(/^cannot write .*result\.json: (no space left on device|only 4096 of \d+ bytes could be written \(is the disk full\?\)); the previous file, if any, is unchanged$/);
    }
    expect(readFileSync(target, 'utf8')).toBe('previous result');
    expect(temps(dir)).toEqual([]);
  });

  it('writes every byte when the disk hands out small pieces', () => {
    const target = join(tmp, 'pieces.txt');
    const text = 'é'.repeat(50_000);
    let calls = 0;
    const pieces: WriteFs = { ...NODE_FS, writeSync: (fd, b, o, l) => (calls++, NODE_FS.writeSync(fd, b, o, Math.min(l, 777))) };
    writeFileAtomic(target, text, pieces);
    expect(readFileSync(target, 'utf8')).toBe(text);
    expect(calls).toBeGreaterThan(100);
  });

  it('writeAll refuses a write that stores nothing instead of looping', () => {
    expect(() => writeAll(99, new Uint8Array(10), { writeSync: () => 0 })).toThrow(/short write: 0 of 10 bytes/);
  });

  it('a folder where no file can be created is found before any work', () => {
    const denied = { ...NODE_FS, openSync: () => { throw Object.assign(new Error('EROFS'), { code: 'EROFS' }); } };
    expect(folderWriteProblem(tmp, denied)).toBe('the file system is read-only');
    expect(folderWriteProblem(tmp)).toBeUndefined();
    expect(temps(tmp)).toEqual([]);
  });

  it("--out '' is refused; a missing folder names the folder", () => {
    expect(() => checkOutPath('')).toThrow(/--out: the file name is empty; give a file name, or --out - \(or no --out\) for standard output/);
    expect(() => checkOutPath(join(tmp, 'nope', 'r.json'))).toThrow(/the folder .*nope does not exist/);
  });

  it('stdout to a full disk (simulated): rejects with one line', async () => {
    // only meaningful when stdout is a regular file; otherwise the stream path is covered end to end below
    const isFile = (() => {
      try {
        return statSync('/dev/stdout').isFile();
      } catch {
        return false;
      }
    })();
    if (!isFile) return;
    await expect(writeStdout('x'.repeat(100), { writeSync: () => 0 })).rejects.toThrow(/cannot write to standard output: only 0 of 100 bytes/);
  });
});

/** Mounts a tmpfs of `size` on a fresh folder; undefined when this process may not mount (not root, a container). */
function mountTmpfs(size: string, extra = ''): string | undefined {
  const dir = mkdtempSync(join(tmp, 'mnt-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${extra}`, 'tmpfs', dir], { encoding: 'utf8' });
  return r.status === 0 ? dir : undefined;
}
const unmount = (dir: string) => spawnSync('umount', [dir]);

describe('end to end on a tiny disk', () => {
  let bin = '';
  let remove = () => {};
  let tiny: string | undefined;
  let readOnly: string | undefined;
  beforeAll(async () => {
    ({ bin, remove } = await buildCli());
    tiny = mountTmpfs('16k');
    readOnly = mountTmpfs('16k', ',ro');
  });
  afterAll(() => {
    if (tiny) unmount(tiny);
    if (readOnly) unmount(readOnly);
    remove();
  });

  // the default scenario's JSON result of 200 runs is about 20 KB: more than the 16 KB disk holds
  it('--out on a full tmpfs: exit 2, one line, the old file intact, no temp file (skipped if mount is not permitted)', (ctx) => {
    if (!tiny) return ctx.skip();
    const out = join(tiny, 'result.json');
    writeFileSync(out, 'previous');
    const r = runCli(bin, ['run', '--runs', '200', '--format', 'json', '--out', out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe(`plenary: cannot write ${out}: no space left on device; the previous file, if any, is unchanged\n`);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(temps(tiny)).toEqual([]);
    // a result that fits is written whole
    const small = runCli(bin, ['run', FIXTURE, '--runs', '5', '--format', 'json', '--out', out]);
    expect(small.status, small.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).runs).toBe(5);
  });

  it('stdout redirected to a full tmpfs: non-zero exit and a message, never exit 0 with a truncated file', (ctx) => {
    if (!tiny) return ctx.skip();
    const out = join(tiny, 'redirected.json');
    const fd = openSync(out, 'w');
    const r = spawnSync(process.execPath, [bin, 'run', '--runs', '200', '--format', 'json'], {
      cwd: ROOT,
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
    });
    closeSync(fd);
    rmSync(out, { force: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('plenary: cannot write to standard output: no space left on device\n');
  });

  it('a read-only --out folder is refused at once, before the work (skipped if mount is not permitted)', (ctx) => {
    if (!readOnly) return ctx.skip();
    const r = runCli(bin, ['compare', '--reforms', '--runs', '10000000', '--out', join(readOnly, 'x.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`plenary: --out ${join(readOnly, 'x.html')}: cannot write in ${readOnly}: the file system is read-only\n`);
  });

  it("--out - writes to stdout; --out '' is refused before any work", () => {
    const dash = runCli(bin, ['run', join(ROOT, FIXTURE), '--runs', '3', '--format', 'json', '--out', '-'], { cwd: tmp });
    expect(dash.status, dash.stderr).toBe(0);
    expect(JSON.parse(dash.stdout).runs).toBe(3);
    expect(existsSync(join(tmp, '-'))).toBe(false);
    const empty = runCli(bin, ['run', join(ROOT, FIXTURE), '--runs', '10000000', '--out', '']);
    expect(empty.status).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe("plenary: --out: the file name is empty; give a file name, or --out - (or no --out) for standard output\n");
  });

  it('a missing --out folder is refused at once', () => {
    mkdirSync(join(tmp, 'here'), { recursive: true });
    const r = runCli(bin, ['sweep', '--vary', 'model.cohesion=0:1:0.1', '--runs', '10000000', '--out', join(tmp, 'here', 'missing', 'x.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^plenary: --out .*missing\/x\.csv: the folder .*missing does not exist\n$/);
  });
});
