/**
 * `--format rows` (CSV) and `--format jsonl`: one record per run (and rule or setting), which an analyst can sum back
 * to exactly the numbers the table and JSON show; the same bytes whatever the threads and however the job is split.
 */
import { describe, expect, it } from 'vitest';
import { compareCommand } from '../../src/cli/commands/compare';
import { runCommand } from '../../src/cli/commands/run';
import { sweepCommand } from '../../src/cli/commands/sweep';
import { RECORD_COLUMNS, type RunRecord } from '../../src/engine/record';
import { csvCell } from '../../src/report/rows';
import type { Summary } from '../../src/engine/summarize';

const FIXTURE = 'test/fixtures/valid/three-members.yaml';
const lines = (text: string) => text.trimEnd().split('\n');
const records = (jsonl: string): RunRecord[] => lines(jsonl).map((l) => JSON.parse(l) as RunRecord);

describe('plenary run --format rows', () => {
  it('1000 runs: a header and 1000 records, one per run in run order', async () => {
    const { text, partial } = await runCommand({ runs: 1000, seed: 'rows', format: 'rows' });
    expect(partial).toBe(false);
    const all = lines(text);
    expect(all[0]).toBe(RECORD_COLUMNS.join(','));
    expect(all).toHaveLength(1001);
    expect(all.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 1000 }, (_, k) => k));
  });

  it('the records sum to the summary: outcome counts, decisive shares, mean hours and rounds', async () => {
    const base = { runs: 700, seed: 'sum' } as const;
    const summary = JSON.parse((await runCommand({ ...base, format: 'json' })).text) as Summary;
    const rows = records((await runCommand({ ...base, format: 'jsonl' })).text);
    expect(rows).toHaveLength(700);
    for (const o of summary.outcomes) expect(rows.filter((r) => r.outcome === o.outcome).length).toBe(o.count);
    for (const b of summary.blockers) expect(Math.round((rows.filter((r) => r.decisive.includes(b.participant)).length / 700) * 1e6) / 1e6).toBe(b.decisiveShare);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.round(mean(rows.map((r) => r.hours)) * 1000) / 1000).toBe(summary.hours.mean);
    expect(Math.round(mean(rows.map((r) => r.rounds)) * 1000) / 1000).toBe(summary.rounds.mean);
    for (const r of rows) {
      expect(r.option === '' ? r.decidedBy : r.option).toBe(r.option === '' ? '' : r.outcome);
      expect(['consensus', 'vote', 'written', '']).toContain(r.decidedBy);
    }
  });

  it('the same bytes with 1, 2 or 3 threads, and the shards concatenate to the whole', async () => {
    const base = { scenario: 'scenarios/synthetic/ga-193.yaml', runs: 900, seed: 'threads', format: 'rows' as const };
    const one = (await runCommand({ ...base, workers: 1 })).text;
    for (const workers of [2, 3]) expect((await runCommand({ ...base, workers })).text).toBe(one);
    const parts: string[] = [];
    for (let index = 1; index <= 3; index++) parts.push((await runCommand({ ...base, shard: { index, count: 3 } })).text);
    expect(parts.join('')).toBe(one);
  });
});

describe('compare and sweep in rows sum back to their tables', () => {
  it('compare: per rule and outcome, the count of records is the count the JSON shows; the table shows their shares', async () => {
    const base = { scenario: FIXTURE, rules: 'consensus,simple-majority,qualified-majority:2/3', runs: 400, seed: 'c' };
    const json = JSON.parse((await compareCommand({ ...base, format: 'json' })).text) as { rules: { spec: string; outcomes: { outcome: string; count: number; share: number }[] }[] };
    const table = (await compareCommand({ ...base, format: 'table' })).text;
    const rows = records((await compareCommand({ ...base, format: 'jsonl' })).text);
    expect(rows).toHaveLength(400 * json.rules.length);
    for (const rule of json.rules) {
      for (const o of rule.outcomes) {
        const count = rows.filter((r) => r.setting === rule.spec && r.outcome === o.outcome).length;
        expect(count, `${rule.spec} ${o.outcome}`).toBe(o.count);
        if (count > 0) expect(table).toContain(`${((count / 400) * 100).toFixed(1)}%`);
      }
    }
    // the CSV rows say the same as the JSON Lines
    const csv = lines((await compareCommand({ ...base, format: 'rows' })).text);
    expect(csv).toHaveLength(rows.length + 1);
    expect(csv[1].split(',').slice(0, 3)).toEqual([String(rows[0].run), rows[0].setting, rows[0].outcome]);
  });

  it('sweep: per setting, rule and outcome, the count of records is the count the JSON and CSV show', async () => {
    const base = { scenario: FIXTURE, vary: ['participants.a.flexibility=0:1:0.5'], rules: 'consensus,simple-majority', runs: 200, seed: 's' };
    const json = JSON.parse((await sweepCommand({ ...base, format: 'json' })).text) as { rows: { setting: Record<string, number>; rule: string; outcome: string; count: number }[] };
    const rows = records((await sweepCommand({ ...base, format: 'jsonl' })).text);
    expect(rows).toHaveLength(200 * 3 * 2);
    for (const row of json.rows) {
      const id = `${Object.entries(row.setting).map(([p, v]) => `${p}=${v}`).join(',')} | ${row.rule}`;
      expect(rows.filter((r) => r.setting === id && r.outcome === row.outcome).length, `${id} ${row.outcome}`).toBe(row.count);
    }
  });
});

describe('CSV cells', () => {
  it('text that a spreadsheet would read as a formula gets a leading quote; numbers stay numbers', () => {
    for (const bad of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx']) expect(csvCell(bad).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('=a,"b"')).toBe('"\'=a,""b"""');
  });
});
