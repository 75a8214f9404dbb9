/**
 * The provenance stamp on sweep, backtest and what-would-it-take (issue 14): every format carries it, re-running the
 * stamp's command gives the same result all but the date, per-run rows carry it on the first record (the convention
 * of run and compare, test/report/provenance.test.ts) and the parts of a split job still concatenate to the whole,
 * and merged sweep and backtest shards carry the unsplit command's stamp.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/common/paths';
import { shellQuote, shellSplit } from '../../src/report/provenance';
import { RECORD_COLUMNS } from '../../src/engine/record';
import { plenaryInProcess } from '../robustness/inProcess';
import { csvCells } from './csvCells';

const FIXTURE = 'test/fixtures/valid/three-members.yaml';
const VENEZUELA = 'scenarios/history/kp-2007-venezuela.yaml';
const GUINEA = 'scenarios/history/kp-2009-guinea.yaml';

/** `plenary ARGS` in-process on the date given; the command must succeed. */
async function plenary(args: readonly string[], date: string): Promise<string> {
  process.env.PLENARY_DATE = date;
  const r = await plenaryInProcess(args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

afterEach(() => {
  delete process.env.PLENARY_DATE;
});

const SWEEP = ['sweep', FIXTURE, '--vary', 'participants.a.flexibility=0:1:0.5', '--rules', 'consensus,simple-majority', '--runs', '60', '--seed', 'a seed'];
const BACKTEST = ['backtest', VENEZUELA, GUINEA, '--runs', '80', '--seed', 'bt'];
const WWIT = ['what-would-it-take', FIXTURE, '--target', 'act', '--runs', '60', '--max-size', '2'];

describe('the stamp of sweep, backtest and what-would-it-take', () => {
  it('re-running the command from the stamp gives the same result, all but the date', async () => {
    for (const args of [SWEEP, BACKTEST, WWIT]) {
      const first = JSON.parse(await plenary([...args, '--format', 'json'], '2026-01-02'));
      expect(first.provenance.date, args[0]).toBe('2026-01-02');
      const replay = shellSplit(first.provenance.command);
      expect(replay.slice(0, 2)).toEqual(['plenary', args[0]]);
      const second = JSON.parse(await plenary(replay.slice(1), '2027-03-04'));
      expect(second.provenance.date).toBe('2027-03-04');
      expect({ ...second, provenance: { ...second.provenance, date: first.provenance.date } }, args[0]).toEqual(first);
    }
  });

  it("a backtest's stamp covers every case file with its rosters", async () => {
    const stamp = JSON.parse(await plenary([...BACKTEST, '--format', 'json'], '2026-01-02')).provenance;
    expect(stamp.plenary).toBe(packageVersion());
    expect(stamp.files.slice(0, 2)).toEqual([VENEZUELA, 'scenarios/rosters/kp-2007.yaml']);
    expect(stamp.files).toContain(GUINEA);
    expect(stamp.files).toContain('scenarios/rosters/kp-2009.yaml');
    const expected = createHash('sha256');
    for (const f of stamp.files as string[]) expected.update(readFileSync(f, 'utf8')).update('\0');
    expect(stamp.scenarioSha256).toBe(expected.digest('hex'));
  });

  it('every output format carries the command and the date', async () => {
    const cases: [string[], string[]][] = [
      [SWEEP, ['table', 'json', 'csv', 'markdown', 'rows', 'jsonl']],
      [BACKTEST, ['table', 'json', 'csv', 'markdown', 'html']],
      [WWIT, ['table', 'json']],
    ];
    for (const [args, formats] of cases) {
      for (const format of formats) {
        const text = await plenary([...args, '--format', format], '2026-01-02');
        const command = `plenary ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')} --format ${format}`;
        expect(text, `${args[0]} ${format}`).toContain(command);
        expect(text, `${args[0]} ${format}`).toContain('2026-01-02');
      }
    }
  });
});

const cells = csvCells;

describe('the stamp in per-run rows of a sweep', () => {
  const ROWS = ['sweep', FIXTURE, '--vary', 'participants.a.flexibility=0:1:0.5', '--runs', '30', '--seed', 'r'];

  it('JSON Lines and CSV rows carry it on the first record; every line still has the same columns', async () => {
    const jsonl = (await plenary([...ROWS, '--format', 'jsonl'], '2026-01-02')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(jsonl).toHaveLength(30 * 3);
    expect((jsonl[0].provenance as { command: string }).command).toBe(`plenary ${ROWS.join(' ')} --format jsonl`);
    for (const r of jsonl.slice(1)) expect(Object.keys(r)).toEqual([...RECORD_COLUMNS]);

    const csv = (await plenary([...ROWS, '--format', 'rows'], '2026-01-02')).trimEnd().split('\n');
    expect(cells(csv[0])).toEqual([...RECORD_COLUMNS, 'provenance']);
    expect(csv).toHaveLength(1 + 30 * 3);
    expect(new Set(csv.map((l) => cells(l).length))).toEqual(new Set([RECORD_COLUMNS.length + 1]));
    expect(JSON.parse(cells(csv[1])[RECORD_COLUMNS.length])).toMatchObject({ command: `plenary ${ROWS.join(' ')} --format rows`, date: '2026-01-02' });
    expect(csv.slice(2).every((l) => cells(l)[RECORD_COLUMNS.length] === '')).toBe(true);
  });

  it('the parts of a split job concatenate to the unsplit output, stamp included', async () => {
    for (const format of ['rows', 'jsonl']) {
      const whole = await plenary([...ROWS, '--format', format], '2026-01-02');
      const parts: string[] = [];
      for (let i = 1; i <= 3; i++) parts.push(await plenary([...ROWS, '--format', format, '--shard', `${i}/3`], '2026-01-02'));
      expect(parts.join(''), format).toBe(whole);
    }
  });
});

const undated = (x: { provenance: { date: string } }) => ({ ...x, provenance: { ...x.provenance, date: '' } });

describe('merged sweep and backtest shards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-stamp-b-'));

  it('every part records the unsplit job\'s stamp; the merged JSON equals the unsplit JSON all but the date, and re-running its stamp gives it again', async () => {
    for (const args of [SWEEP, BACKTEST]) {
      const files: string[] = [];
      for (let i = 1; i <= 2; i++) {
        const file = join(dir, `${args[0]}-${i}.json`);
        writeFileSync(file, await plenary([...args, '--shard', `${i}/2`], '2026-01-02'));
        files.push(file);
        const part = JSON.parse(readFileSync(file, 'utf8'));
        expect(shellSplit(part.provenance.command), args[0]).toEqual(['plenary', ...args]);
      }
      const merged = JSON.parse(await plenary(['merge', ...files, '--format', 'json'], '2026-05-06'));
      expect(merged.provenance.date).toBe('2026-05-06');
      expect(merged.provenance.command).toBe(['plenary', ...args, '--format', 'json'].map(shellQuote).join(' '));
      const unsplit = JSON.parse(await plenary([...args, '--format', 'json'], '2026-01-02'));
      expect(undated(merged), args[0]).toEqual(undated(unsplit));
      const replay = shellSplit(merged.provenance.command).slice(1);
      expect(undated(JSON.parse(await plenary(replay, '2027-03-04'))), args[0]).toEqual(undated(merged));
      for (const format of args[0] === 'sweep' ? ['table', 'csv', 'markdown'] : ['table', 'csv', 'markdown', 'html']) {
        const text = await plenary(['merge', ...files, '--format', format], '2026-05-06');
        // the merged stamp names the command that prints this very output (table: no --format)
        expect(text, `${args[0]} ${format}`).toBe(await plenary(format === 'table' ? args : [...args, '--format', format], '2026-05-06'));
      }
    }
  });
});
