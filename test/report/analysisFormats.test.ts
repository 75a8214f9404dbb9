/**
 * The formats of sweep, backtest and what-would-it-take (issue 15) say the same as their JSON: backtest CSV rows
 * average to the JSON's scores, sweep Markdown shows the JSON's shares and intervals, what-would-it-take's JSON sets
 * are the text's; and --out's extension picks the format.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestCommand } from '../../src/cli/commands/backtest';
import { sweepCommand } from '../../src/cli/commands/sweep';
import { whatWouldItTakeCommand } from '../../src/cli/commands/whatWouldItTake';
import { interval, pct } from '../../src/report/table';
import { plenaryInProcess } from '../robustness/inProcess';
import { csvCells } from './csvCells';

const FIXTURE = 'test/fixtures/valid/three-members.yaml';
const CASES = ['scenarios/history/kp-2007-venezuela.yaml', 'scenarios/history/kp-2009-guinea.yaml', 'scenarios/history/kp-2025-definition.yaml', 'scenarios/history/cites-2010-bluefin-tuna.yaml'];

const cells = csvCells;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('backtest --format csv', () => {
  it('one row per case and model; their means are the JSON scores, their probabilities the JSON distributions', async () => {
    const base = { paths: CASES, runs: 150, seed: 'csv', models: ['ordinal', 'spatial'] as const };
    const json = JSON.parse((await backtestCommand({ ...base, format: 'json' })).text);
    const lines = (await backtestCommand({ ...base, format: 'csv' })).text.trimEnd().split('\n').map(cells);
    const header = lines[0];
    expect(new Set(lines.map((l) => l.length))).toEqual(new Set([header.length]));
    const rows = lines.slice(1).map((l) => Object.fromEntries(header.map((h, i) => [h, l[i]])));
    const caseRows = (model: string) => rows.filter((r) => r.section === 'case' && r.model === model);
    const summary = (model: string) => rows.find((r) => r.section === 'summary' && r.model === model)!;
    const scored = [
      ...json.models.map((m: { model: string; overall: Record<string, number>; cases: { id: string; outcomes: { outcome: string; share: number }[] }[] }) => ({ model: m.model, overall: m.overall, cases: m.cases })),
      ...json.baselines.map((b: { name: string; overall: Record<string, number> }) => ({ model: `baseline:${b.name}`, overall: b.overall, cases: undefined })),
    ];
    expect(scored.map((s) => s.model)).toEqual(['ordinal', 'spatial', 'baseline:nothing-adopted', 'baseline:first-tabled-passes']);
    for (const s of scored) {
      const own = caseRows(s.model);
      expect(own, s.model).toHaveLength(CASES.length);
      expect(mean(own.map((r) => Number(r.brier))), s.model).toBeCloseTo(s.overall.brier, 12);
      expect(mean(own.map((r) => Number(r.log_score))), s.model).toBeCloseTo(s.overall.logScore, 12);
      expect(mean(own.map((r) => Number(r.hit))), s.model).toBeCloseTo(s.overall.hitRate, 12);
      expect(mean(own.map((r) => Number(r.p_recorded))), s.model).toBeCloseTo(s.overall.meanPActual, 12);
      expect(Number(summary(s.model).brier)).toBe(s.overall.brier);
      expect(Number(summary(s.model).cases)).toBe(s.overall.cases);
      for (const r of own) {
        const predicted = Object.fromEntries(r.predicted.split(';').map((p) => p.split('=')).map(([k, v]) => [k, Number(v)]));
        expect(Object.values(predicted).reduce((a, b) => a + b, 0), `${s.model} ${r.case}`).toBeCloseTo(1, 9);
        expect(predicted[r.modal]).toBe(Number(r.p_modal));
        expect(predicted[r.recorded] ?? 0).toBe(Number(r.p_recorded));
        const c = s.cases?.find((x: { id: string }) => x.id === r.case);
        if (c) expect(predicted).toEqual(Object.fromEntries(c.outcomes.map((o: { outcome: string; share: number }) => [o.outcome, o.share])));
      }
    }
  });
});

describe('sweep --format markdown', () => {
  it('a table per rule of the charted outcome against the varied value, with the JSON\'s shares and intervals', async () => {
    const base = { scenario: FIXTURE, vary: ['participants.a.flexibility=0:1:0.25'], rules: 'consensus,qualified-majority:2/3', outcome: 'act', runs: 120, seed: 'md' };
    const json = JSON.parse((await sweepCommand({ ...base, format: 'json' })).text);
    const md = (await sweepCommand({ ...base, format: 'markdown' })).text;
    const sections = md.split(/^#### /m).slice(1);
    expect(sections).toHaveLength(2);
    json.rules.forEach((rule: string, i: number) => {
      expect(sections[i]).toContain(`(\`${rule}\`)`);
      const tableRows = sections[i].split('\n').filter((l) => /^\| [\d.]+ \|/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
      const expected = json.rows.filter((r: { rule: string; outcome: string }) => r.rule === rule && r.outcome === 'act').map((r: { setting: Record<string, number>; share: number; ci95: [number, number] }) => [String(r.setting['participants.a.flexibility']), pct(r.share), interval(r.ci95)]);
      expect(tableRows, rule).toEqual(expected);
      expect(tableRows).toHaveLength(5);
    });
  });
});

describe('what-would-it-take --format json', () => {
  it('the target, the current chance with its interval, the candidates and the sets are those of the text', async () => {
    const base = { target: 'suspend', rule: 'consensus-then-vote:2/3:present+observers', to: 'support' as const, maxSize: 3, candidates: 12, runs: 200, seed: 'wwit' };
    const json = JSON.parse((await whatWouldItTakeCommand({ ...base, format: 'json' })).text);
    const text = (await whatWouldItTakeCommand({ ...base, format: 'table' })).text;
    expect(json.target).toBe('suspend');
    expect(text).toContain(`Target: "${json.targetLabel}"`);
    expect(text).toContain(`Now: ${pct(json.baseline.share)} (${interval(json.baseline.ci95)})`);
    expect(json.candidates.length).toBeGreaterThan(0);
    for (const c of json.candidates) expect(text).toContain(c.name);
    expect(['exact', 'greedy']).toContain(json.method);
    expect(json.sets.length).toBeGreaterThan(0);
    // the table's rows: participants, chance, interval (columns apart by two spaces or more)
    const tableRows = text.split('\n').map((l: string) => l.trim().split(/ {2,}/)).filter((c: string[]) => c.length === 3 && /%$/.test(c[1]));
    expect(tableRows).toEqual(json.sets.slice(0, 15).map((s: { names: string[]; share: number; ci95: [number, number] }) => [s.names.join(' + '), pct(s.share), interval(s.ci95)]));
  });
});

describe('--out picks the format from the extension', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-out-'));
  it.each([
    [['sweep', FIXTURE, '--vary', 'participants.a.flexibility=0:1:0.5', '--runs', '20'], 'x.md', /^### Three members/],
    [['backtest', ...CASES.slice(0, 1), '--runs', '20'], 'x.csv', /^section,model,floor,case,/],
    [['backtest', ...CASES.slice(0, 1), '--runs', '20'], 'x.html', /^<!DOCTYPE html>/],
    [['what-would-it-take', FIXTURE, '--target', 'act', '--runs', '20'], 'x.json', /^\{\n {2}"scenario"/],
  ])('%j --out %s', async (args, name, start) => {
    const out = join(dir, `${args[0]}-${name}`);
    const r = await plenaryInProcess([...args, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(start);
  });
});
