/** `plenary backtest` on a synthetic folder with known answers, bad input, the gate, and the blindness of the engine. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest, blind, forecastCase } from '../../../src/analyses/backtest/backtest';
import { backtestCommand, caseFiles, HISTORY_DIR } from '../../../src/cli/commands/backtest';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { checkOutPath, writeFileAtomic } from '../../../src/cli/output';
import { UserError } from '../../../src/common/errors';
import { DEFAULT_SCENARIO } from '../../../src/common/paths';
import { simulate } from '../../../src/index';
import { loadScenario } from '../../../src/scenario/load';
import type { Scenario } from '../../../src/scenario/types';

const CASES = join(__dirname, 'fixtures', 'cases');
const BAD = join(__dirname, 'fixtures', 'bad');
const RUNS = 200;

function fakeIO(): CliIO & { out: string[]; errors: string[] } {
  const out: string[] = [];
  const errors: string[] = [];
  return {
    out,
    errors,
    async emit(text) {
      out.push(text);
    },
    err: (text) => void errors.push(text),
    interactive: false,
    exitCode: 0,
    interrupted: () => false,
  };
}

describe('backtest on a synthetic folder with known answers', async () => {
  const { result, text, exitCode } = await backtestCommand({ paths: [CASES], runs: RUNS, seed: 'known', format: 'table' });

  it('scores each case: certain and right (p = 1, Brier 0), certain block, certain miss (Brier 2)', () => {
    expect(exitCode).toBe(0);
    const byId = Object.fromEntries(result.cases.map((c) => [c.id, c]));
    expect(result.cases.map((c) => c.id)).toEqual(['certain-adopt', 'certain-block', 'certain-miss']); // by date
    expect(byId['certain-adopt'].score).toMatchObject({ modal: 'act', hit: true, pActual: 1, brier: 0, logScore: 0 });
    expect(byId['certain-block'].actual).toMatchObject({ outcome: 'nothing', inModel: 'no-decision', blockers: ['a'] });
    expect(byId['certain-block'].score).toMatchObject({ modal: 'no-decision', hit: true, pActual: 1, brier: 0, blockerRecall: 1 });
    expect(byId['certain-block'].score.blockers).toEqual([{ participant: 'a', decisiveShare: 1, found: true }]);
    expect(byId['certain-miss'].score).toMatchObject({ modal: 'act', hit: false, pActual: 0, brier: 2 });
    expect(byId['certain-miss'].score.logScore).toBeCloseTo(Math.log(RUNS + 1), 12);
  });

  it('overall: hit rate 2/3, mean p 2/3, Brier 2/3, log score ln(runs+1)/3, blockers 1 of 1', () => {
    const o = result.overall;
    expect(o).toMatchObject({ cases: 3, hits: 2, blockersNamed: 1, blockersFound: 1, blockerRecall: 1 });
    expect(o.hitRate).toBeCloseTo(2 / 3, 12);
    expect(o.meanPActual).toBeCloseTo(2 / 3, 12);
    expect(o.brier).toBeCloseTo(2 / 3, 12);
    expect(o.logScore).toBeCloseTo(Math.log(RUNS + 1) / 3, 12);
  });

  it('skips a case without `actual` with a note, not an error', () => {
    expect(result.skipped).toEqual([{ id: 'no-actual', file: join(CASES, 'no-actual.yaml'), reason: expect.stringMatching(/records no actual outcome/) }]);
    expect(text).toMatch(/skipped: .*no-actual\.yaml: records no actual outcome/);
  });

  it('the table shows each case, the overall figures and the log-score floor', () => {
    expect(text).toMatch(/certain-miss\s+2003-01-01\s+consensus\s+no-decision\s+act 100\.0%\s+0\.000\s+NO/);
    expect(text).toMatch(/certain-block .* nothing \(= no-decision\)/);
    expect(text).toContain('Hit rate (most likely simulated outcome = recorded outcome): 2 of 3 (66.7%)');
    expect(text).toContain(`p floored at 1/(runs+1) = ${(1 / (RUNS + 1)).toFixed(6)}`);
  });

  it('JSON and Markdown read the same result; JSON is byte-identical across invocations', async () => {
    const a = await backtestCommand({ paths: [CASES], runs: RUNS, seed: 'known', format: 'json' });
    const b = await backtestCommand({ paths: [CASES], runs: RUNS, seed: 'known', format: 'json' });
    expect(a.text).toBe(b.text);
    const json = JSON.parse(a.text);
    expect(json.overall.hits).toBe(2);
    expect(json.cases).toHaveLength(3);
    const md = (await backtestCommand({ paths: [CASES], runs: RUNS, seed: 'known', format: 'markdown' })).text;
    expect(md).toMatch(/^### Backtest: 3 historical cases/);
    expect(md).toContain('| certain-adopt | 2001-01-01 | consensus | act | act 100.0% | 1.000 | yes | — |');
  });
});

describe('the gate --min-hit-rate', () => {
  it('exit 0 at or above the rate, 1 below it (a verdict, not a usage error)', async () => {
    expect(await backtestCommand({ paths: [CASES], runs: 50, seed: 'g', format: 'table', minHitRate: 0.6 })).toMatchObject({ exitCode: 0, gate: { minHitRate: 0.6, passed: true } });
    const failed = await backtestCommand({ paths: [CASES], runs: 50, seed: 'g', format: 'json', minHitRate: 0.7 });
    expect(failed).toMatchObject({ exitCode: 1, gate: { passed: false } });
    expect(JSON.parse(failed.text).gate).toEqual({ minHitRate: 0.7, passed: false });
  });

  it('through the CLI: exit code 1 and a message on stderr; the report still printed', async () => {
    const io = fakeIO();
    const code = await main(['node', 'plenary', 'backtest', CASES, '--runs', '50', '--min-hit-rate', '0.9'], io);
    expect(code).toBe(1);
    expect(io.out.join('')).toContain('Gate --min-hit-rate 0.9: FAILED');
    expect(io.errors.join('\n')).toMatch(/hit rate 2\/3 is below --min-hit-rate 0.9/);
    const ok = fakeIO();
    expect(await main(['node', 'plenary', 'backtest', CASES, '--runs', '50', '--min-hit-rate', '60%'], ok)).toBe(0);
  });

  it('a bad --min-hit-rate is a usage error (exit 2)', async () => {
    const io = fakeIO();
    expect(await main(['node', 'plenary', 'backtest', CASES, '--min-hit-rate', '1.5'], io)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/outside 0..1/);
  });
});

describe('bad input', () => {
  it('an actual outcome that names no option is an error listing the known outcomes (exit 2)', async () => {
    await expect(backtestCommand({ paths: [BAD], runs: 10, seed: 's', format: 'table' })).rejects.toThrow(UserError);
    await expect(backtestCommand({ paths: [BAD], runs: 10, seed: 's', format: 'table' })).rejects.toThrow(/actual\.outcome: unknown outcome "acts".*Did you mean "act"/s);
    const io = fakeIO();
    expect(await main(['node', 'plenary', 'backtest', BAD, '--runs', '10'], io)).toBe(2);
    expect(io.out).toEqual([]);
  });

  it('a folder without case files is an error (exit 2)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'plenary-empty-'));
    expect(() => caseFiles([empty])).toThrow(/no case files/);
  });

  it('--out writes the report to the file (replacing it) and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-bt-'));
    const out = join(dir, 'backtest.md');
    writeFileSync(out, 'old');
    const io = fakeIO();
    const stdout: string[] = [];
    io.emit = async (text, options) => {
      if (options?.out) writeFileAtomic(checkOutPath(options.out, options.inputs), text);
      else stdout.push(text);
    };
    expect(await main(['node', 'plenary', 'backtest', CASES, '--runs', '20', '--format', 'markdown', '--out', out], io)).toBe(0);
    expect(stdout).toEqual([]);
    expect(readFileSync(out, 'utf8')).toMatch(/^### Backtest: 3 historical cases, 20 runs each/);
  });
});

describe('honesty: the engine never sees the recorded outcome', () => {
  const kasane = loadScenario(join(HISTORY_DIR, 'kp-2022-kasane.yaml'));
  const withActual = (s: Scenario, actual: Scenario['actual']): Scenario => ({ ...s, ...(actual ? { actual } : {}) });

  it('blind() removes `actual` (also from the document the scenario carries) and nothing else', () => {
    const b = blind(kasane);
    expect('actual' in b).toBe(false);
    expect(kasane.document && 'actual' in kasane.document).toBe(true);
    expect(b.document && 'actual' in b.document).toBe(false);
    const { actual: _a, ...documentRest } = kasane.document!;
    expect(b.document).toEqual(documentRest);
    expect({ ...b, actual: kasane.actual, document: kasane.document }).toEqual(kasane);
  });

  it('changing `actual` changes nothing in the simulation: same seed, identical summary JSON', () => {
    const { actual: _drop, ...none } = kasane;
    const base = JSON.stringify(simulate(none, { runs: 300, seed: 'blind' }));
    fc.assert(
      fc.property(
        fc.constantFrom('ukraine-item', 'agenda-without-item', 'no-decision', 'deferred'),
        fc.subarray(kasane.participants.map((p) => p.id), { maxLength: 6 }),
        (outcome, blockers) => {
          const changed = withActual(kasane, { outcome, blockers, source: 'x' });
          expect(JSON.stringify(simulate(changed, { runs: 300, seed: 'blind' }))).toBe(base);
          expect(JSON.stringify(forecastCase(changed, { runs: 300, seed: 'blind' }).forecast)).toBe(JSON.stringify(forecastCase(none, { runs: 300, seed: 'blind' }).forecast));
        },
      ),
      { numRuns: 8 },
    );
  });

  it('in the backtest result only the actual-derived fields differ', () => {
    const a = backtest([withActual(kasane, { outcome: 'no-decision', blockers: ['russia'] })], { runs: 300, seed: 'blind' });
    const b = backtest([withActual(kasane, { outcome: 'ukraine-item', blockers: ['mali', 'china'] })], { runs: 300, seed: 'blind' });
    const strip = (r: typeof a) => r.cases.map(({ actual: _a, score: _s, ...rest }) => rest);
    expect(strip(a)).toEqual(strip(b));
    expect(a.cases[0].score.modal).toBe(b.cases[0].score.modal);
    expect(a.cases[0].score.hit).not.toBe(b.cases[0].score.hit);
  });
});

describe('the default case set', () => {
  it('is the bundled history folder plus the default Swakopmund 2009 scenario', () => {
    const files = caseFiles(undefined);
    // named as the working folder sees them (this checkout): relative, no machine path
    expect(files.every((f) => !isAbsolute(f))).toBe(true);
    const paths = files.map((f) => resolve(f));
    expect(paths).toContain(DEFAULT_SCENARIO);
    expect(paths.filter((f) => f.startsWith(HISTORY_DIR)).length).toBeGreaterThanOrEqual(6);
    expect(new Set(paths).size).toBe(files.length);
  });
});
