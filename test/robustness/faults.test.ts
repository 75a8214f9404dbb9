/**
 * Faults: the single exit point (main) maps every error to a message and an exit code; results are written
 * atomically (an existing file is replaced only on success, no temporary files are left behind).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/common/errors';
import { packageVersion } from '../../src/common/paths';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { checkOutPath, writeFileAtomic } from '../../src/cli/output';

const FIXTURE = resolve(__dirname, '../fixtures/valid/three-members.yaml');

function fakeIO(options: { emit?: CliIO['emit']; interrupted?: () => boolean } = {}) {
  const err: string[] = [];
  const out: string[] = [];
  const io: CliIO = {
    emit: options.emit ?? (async (text) => void out.push(text)),
    err: (text) => void err.push(text),
    interactive: false,
    exitCode: 0,
    interrupted: options.interrupted ?? (() => false),
  };
  return { io, err, out };
}

const argv = (...args: string[]) => ['node', 'plenary', ...args];
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|<anonymous>)$/m;

describe('main: one exit point, fixed exit codes', () => {
  it('an internal fault: one line asking for a report with the version and the command, exit 1, no stack trace', async () => {
    const { io, err } = fakeIO({ emit: async () => Promise.reject(new Error('emit exploded\nsecond line')) });
    expect(await main(argv('rules'), io)).toBe(1);
    expect(err).toEqual([
      `plenary: internal error (emit exploded). Please report it with the version (plenary ${packageVersion()}) and the command (plenary rules). Run again with --debug for the stack trace.`,
    ]);
  });

  it('the stack trace only with --debug', async () => {
    const { io, err } = fakeIO({ emit: async () => Promise.reject(new TypeError('boom')) });
    expect(await main(argv('--debug', 'rules'), io)).toBe(1);
    expect(err[0]).toMatch(/^plenary: internal error \(boom\)\. Please report it .*\(plenary --debug rules\)\.$/);
    expect(err.slice(1).join('\n')).toMatch(STACK_FRAME);
  });

  it('a thrown non-Error value is still one line', async () => {
    const { io, err } = fakeIO({ emit: async () => Promise.reject('just a string') });
    expect(await main(argv('rules'), io)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('internal error (just a string)');
  });

  it('a user error: the message, exit 2, no stack trace', async () => {
    const { io, err } = fakeIO({ emit: async () => Promise.reject(new UserError('cannot write /x: no space left on device')) });
    expect(await main(argv('rules'), io)).toBe(2);
    expect(err).toEqual(['plenary: cannot write /x: no space left on device']);
  });

  it('a closed pipe (EPIPE) ends quietly with exit 0', async () => {
    const { io, err } = fakeIO({ emit: async () => Promise.reject(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) });
    expect(await main(argv('rules'), io)).toBe(0);
    expect(err).toEqual([]);
  });

  it('an interrupted run: a partial table marked PARTIAL, exit 130; JSON and CSV print nothing', async () => {
    for (const format of ['table', 'json', 'csv', 'markdown']) {
      let calls = 0;
      const { io, err, out } = fakeIO({ interrupted: () => ++calls > 3 }); // Ctrl-C after the first few runs
      const code = await main(argv('run', FIXTURE, '--runs', '1000000', '--format', format, '--quiet'), io);
      expect(code, `${format}: ${err.join('\n')}`).toBe(130);
      expect(err).toEqual(['plenary: interrupted']);
      if (format === 'json' || format === 'csv') expect(out).toEqual([]);
      else {
        expect(out).toHaveLength(1);
        expect(out[0]).toMatch(/partial/i);
      }
    }
  });

  it('an interrupted run with --out leaves the existing file alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-int-'));
    try {
      const file = join(dir, 'result.json');
      writeFileSync(file, 'previous result');
      let calls = 0;
      const emitted: { text: string; out?: string }[] = [];
      const { io } = fakeIO({ emit: async (text, o) => void emitted.push({ text, out: o?.out }), interrupted: () => ++calls > 3 });
      expect(await main(argv('run', FIXTURE, '--runs', '1000000', '--format', 'json', '--out', file), io)).toBe(130);
      expect(emitted).toEqual([]);
      expect(readFileSync(file, 'utf8')).toBe('previous result');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writeFileAtomic and checkOutPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const leftovers = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.tmp'));

  it('replaces an existing file on success, leaving no temporary file', () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(leftovers(dir)).toEqual([]);
  });

  it('on failure: a UserError, the target untouched, no temporary file left', () => {
    const target = join(dir, 'occupied');
    mkdirSync(join(target, 'child'), { recursive: true }); // rename onto a non-empty folder fails
    expect(() => writeFileAtomic(target, 'text')).toThrow(UserError);
    expect(readdirSync(target)).toEqual(['child']);
    expect(leftovers(dir)).toEqual([]);
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.txt'), 'text')).toThrow(/cannot write .*missing\/x\.txt: the folder does not exist; the previous file, if any, is unchanged/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses a missing folder, a folder, a device, and the input file (also through a symlink)', () => {
    expect(() => checkOutPath(join(dir, 'nope', 'x.json'))).toThrow(/--out .*: the folder .*nope does not exist/);
    expect(() => checkOutPath(dir)).toThrow(/is a folder; give a file name/);
    expect(() => checkOutPath('/dev/null')).toThrow(/is not a regular file \(a device, pipe or socket\)/);
    const input = join(dir, 'scenario.yaml');
    writeFileSync(input, 'id: x\n');
    symlinkSync(input, join(dir, 'alias.yaml'));
    expect(() => checkOutPath(input, [input])).toThrow(/is also an input file; refusing to overwrite it/);
    expect(() => checkOutPath(join(dir, 'alias.yaml'), [input])).toThrow(/is also an input file/);
    expect(() => checkOutPath(input, [join(dir, 'alias.yaml')])).toThrow(/is also an input file/);
  });

  it('writing through a symlink replaces the file it points to and keeps the link', () => {
    const real = join(dir, 'real.txt');
    const link = join(dir, 'link.txt');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    writeFileAtomic(checkOutPath(link), 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readFileSync(link, 'utf8')).toBe('new');
  });
});
