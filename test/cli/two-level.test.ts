/**
 * A run of a scenario with uncertain inputs (two-level: input draws × runs) is a job like the others: its shards
 * merge into exactly the unsplit report in every format, its rows name each run's draw and sum back to the JSON, and
 * it reports progress. Threads: test/engine/workers.test.ts; Ctrl-C: test/cli/interrupts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands/run';
import { mergeCommand } from '../../src/cli/commands/merge';
import { DRAW_RECORD_COLUMNS, type RunRecord } from '../../src/engine/record';
import type { Summary } from '../../src/engine/summarize';
import { traceCommand } from '../../src/cli/commands/trace';
import type { TraceDocument } from '../../src/report/trace';

const FIXTURE = 'test/fixtures/valid/uncertain-objector.yaml';
const lines = (text: string) => text.trimEnd().split('\n');

/** Writes the shards of a run into a map (file name → text) and returns their names in shard order. */
async function shards(base: Parameters<typeof runCommand>[0], count: number, files: Map<string, string>): Promise<string[]> {
  const names: string[] = [];
  for (let index = 1; index <= count; index++) {
    const name = `${base.runs}-${base.draws}-${index}of${count}`;
    files.set(name, (await runCommand({ ...base, format: 'json', shard: { index, count } })).text);
    names.push(name);
  }
  return names;
}

describe('two-level run --shard and plenary merge', () => {
  it('any split (draws cut between parts, more parts than draws, empty parts) merges into the unsplit report, in every format', async () => {
    const files = new Map<string, string>();
    const read = (f: string) => files.get(f)!;
    for (const [runs, draws, counts] of [
      [1001, 17, [2, 3, 4]],
      [40, 3, [7]],
      [5, 5, [7]],
    ] as const) {
      const base = { scenario: FIXTURE, runs, draws, seed: 'split', format: 'json' as const };
      for (const count of counts) {
        const names = await shards(base, count, files);
        for (const format of ['json', 'table', 'csv', 'markdown', 'html'] as const) {
          const whole = (await runCommand({ ...base, format })).text;
          expect(mergeCommand([...names].reverse(), format, read), `${runs} runs, ${draws} draws, ${count} shards, ${format}`).toBe(whole);
        }
      }
    }
    const json = JSON.parse(mergeCommand(await shards({ scenario: FIXTURE, runs: 1001, draws: 17, seed: 'split', format: 'json' }, 3, files), 'json', read)) as Summary;
    expect(json.uncertainty!.draws).toBe(17);
    expect(json.uncertainty!.runsPerDraw).toEqual({ min: 58, max: 59 });
  });

  it('refuses a part whose per-draw counts or draws were changed, naming the file', async () => {
    const files = new Map<string, string>();
    const names = await shards({ scenario: FIXTURE, runs: 300, draws: 10, seed: 'x', format: 'json' }, 2, files);
    const read = (f: string) => files.get(f)!;
    const edit = (change: (doc: { job: { options: Record<string, unknown> }; tallies: { perDraw: { first: number; counts: number[][] } } }) => void) => {
      const doc = JSON.parse(files.get(names[0])!);
      change(doc);
      files.set('edited', JSON.stringify(doc));
      return () => mergeCommand(['edited', names[1]], 'json', read);
    };
    // a run moved from one draw to another: the outcome totals still add up, the draws do not
    expect(
      edit((d) => {
        d.tallies.perDraw.counts[0][0]++;
        d.tallies.perDraw.counts[1][0]--;
      }),
    ).toThrow(/edited: the per-draw counts do not add up: draw 0 counts 31 runs, not 30/);
    expect(edit((d) => d.tallies.perDraw.counts.pop())).toThrow(/edited: the per-draw counts do not add up/);
    expect(edit((d) => (d.tallies.perDraw.first = 1))).toThrow(/edited: the per-draw counts do not add up/);
    // the same draws changed in both parts: they belong together, but no run has 0 draws
    for (const draws of [0, 301, 2.5, 'ten']) {
      const both = [names[0], names[1]].map((n) => {
        const doc = JSON.parse(files.get(n)!);
        doc.job.options.draws = draws;
        return JSON.stringify(doc);
      });
      expect(() => mergeCommand(['a', 'b'], 'json', (f) => both[f === 'a' ? 0 : 1]), String(draws)).toThrow(/a: not a valid shard file: job\.options\.draws/);
    }
    // a part of the same run made with other draws is another job
    files.set('other', (await runCommand({ scenario: FIXTURE, runs: 300, draws: 11, seed: 'x', format: 'json', shard: { index: 2, count: 2 } })).text);
    expect(() => mergeCommand([names[0], 'other'], 'json', read)).toThrow(/other: belongs to a different job \(.*300 runs among 11 input draws in 2 shards\) than .*300 runs among 10 input draws/);
  });
});

describe('two-level run --format rows and jsonl', () => {
  const base = { scenario: FIXTURE, runs: 700, draws: 23, seed: 'rows' };

  it('one record per run with its draw, in run order; the records sum to the JSON, per draw too', async () => {
    const summary = JSON.parse((await runCommand({ ...base, format: 'json' })).text) as Summary;
    const records = lines((await runCommand({ ...base, format: 'jsonl' })).text).map((l) => JSON.parse(l) as RunRecord);
    expect(Object.keys(records[0])).toEqual([...DRAW_RECORD_COLUMNS]);
    expect(records.map((r) => r.run)).toEqual(Array.from({ length: 700 }, (_, k) => k));
    expect(records.map((r) => r.draw)).toEqual(Array.from({ length: 700 }, (_, k) => Math.floor((k * 23) / 700)));
    for (const o of summary.outcomes) expect(records.filter((r) => r.outcome === o.outcome).length, o.outcome).toBe(o.count);
    // the mean over draws of each draw's share is the JSON's mean
    for (const u of summary.uncertainty!.outcomes) {
      const shares = Array.from({ length: 23 }, (_, d) => {
        const of = records.filter((r) => r.draw === d);
        return of.filter((r) => r.outcome === u.outcome).length / of.length;
      });
      expect(shares.reduce((a, b) => a + b, 0) / 23, u.outcome).toBeCloseTo(u.mean, 6);
    }
    const csv = lines((await runCommand({ ...base, format: 'rows' })).text);
    expect(csv[0]).toBe(DRAW_RECORD_COLUMNS.join(','));
    expect(csv).toHaveLength(701);
    expect(csv[700].split(',').slice(0, 4)).toEqual(['699', '22', records[699].setting, records[699].outcome]);
  });

  it('the same bytes on 1, 2 or 3 threads, and the shards concatenate to the whole', async () => {
    for (const format of ['rows', 'jsonl'] as const) {
      const one = (await runCommand({ ...base, format, workers: 1 })).text;
      for (const workers of [2, 3]) expect((await runCommand({ ...base, format, workers })).text).toBe(one);
      const parts: string[] = [];
      for (let index = 1; index <= 4; index++) parts.push((await runCommand({ ...base, format, shard: { index, count: 4 } })).text);
      expect(parts.join(''), format).toBe(one);
    }
  });
});

describe('plenary trace --draw replays a run of a two-level job', () => {
  it("narrates run k under its draw's inputs: the same outcome, hours, rounds and decisive objectors as its record", async () => {
    const records = lines((await runCommand({ scenario: FIXTURE, runs: 300, draws: 30, seed: 'trace', format: 'jsonl' })).text).map((l) => JSON.parse(l) as RunRecord);
    let differsAtMeans = 0;
    for (const r of records.filter((_, k) => k % 7 === 0)) {
      const trace = JSON.parse(traceCommand({ scenario: FIXTURE, seed: 'trace', run: r.run, draw: r.draw, format: 'json' })) as TraceDocument;
      expect(trace.outcome.id, `run ${r.run}`).toBe(r.outcome);
      expect(trace.outcome.hours).toBe(r.hours);
      expect(trace.outcome.rounds).toBe(r.rounds);
      expect([...new Set(trace.outcome.decisive.flatMap((d) => d.participants))].sort()).toEqual([...r.decisive].sort());
      expect(trace.replay).toMatch(new RegExp(`--run ${r.run} --draw ${r.draw}$`));
      const atMeans = JSON.parse(traceCommand({ scenario: FIXTURE, seed: 'trace', run: r.run, format: 'json' })) as TraceDocument;
      if (atMeans.outcome.id !== r.outcome) differsAtMeans++;
    }
    // A's objection is drawn: at the means some of these runs end otherwise, which is why --draw is needed
    expect(differsAtMeans).toBeGreaterThan(0);
  });

  it('refuses --draw for a scenario without ranges or distributions', () => {
    expect(() => traceCommand({ scenario: 'test/fixtures/valid/three-members.yaml', seed: 's', run: 0, draw: 2 })).toThrow(/--draw 2: scenario "[^"]+" has no ranges or distributions/);
  });
});

describe('two-level run: progress and a stop', () => {
  it('reports progress in runs, with the outcome counts so far, and stops early when asked (a partial result)', async () => {
    const seen: number[] = [];
    const { summary } = await runCommand({ scenario: FIXTURE, runs: 4000, draws: 40, seed: 'p', format: 'json', workers: 2, onProgress: (p) => seen.push(p.runs) });
    expect(seen.length).toBeGreaterThan(1);
    expect(Math.max(...seen)).toBe(4000);
    expect(summary!.partial).toBeFalsy();
    let calls = 0;
    const stopped = await runCommand({ scenario: FIXTURE, runs: 200_000, draws: 100, seed: 'p', format: 'table', workers: 2, shouldStop: () => ++calls > 3 });
    expect(stopped.partial).toBe(true);
    expect(stopped.text).toMatch(/PARTIAL \(interrupted\)/);
    expect(stopped.summary!.runs).toBeLessThan(200_000);
    expect(stopped.summary!.uncertainty!.draws).toBeGreaterThan(0);
  });
});
