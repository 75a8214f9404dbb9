import { describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { jobHooks, progressWanted, withProgress, type ProgressState } from '../../src/ui/progress';
import { ProgressView } from '../../src/ui/ProgressView';
import { runCommand } from '../../src/cli/commands/run';
import { REPORT_FORMATS } from '../../src/cli/options';

// ink decides once, when first loaded, whether it runs under CI (then it draws only the final frame). These tests
// stand for a user's terminal, so load it without the CI variables (vi.hoisted runs before the imports above).
vi.hoisted(() => {
  for (const key of Object.keys(process.env)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete process.env[key];
});

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTerminal(isTTY = true) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number; rows: number };
  stream.isTTY = isTTY;
  stream.columns = 100;
  stream.rows = 30;
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
const io = { interrupted: () => false };
const turn = () => new Promise<void>((r) => setImmediate(r));
const SMALL = join(__dirname, 'fixtures', 'small-plenary.yaml');

describe('when progress is shown', () => {
  it('only on a terminal, outside CI, without --quiet', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as unknown as NodeJS.WriteStream;
    expect(progressWanted({ stream: tty, env: {} })).toBe(true);
    expect(progressWanted({ stream: tty, env: {}, quiet: true })).toBe(false);
    expect(progressWanted({ stream: tty, env: { CI: 'true' } })).toBe(false);
    expect(progressWanted({ stream: pipe, env: {} })).toBe(false);
  });

  it('writes nothing and hands the job an inactive sink when not wanted', async () => {
    const t = fakeTerminal(false);
    const result = await withProgress(io, { total: 10, stream: t.stream, env: {}, eagerRuns: 0 }, async (sink) => {
      expect(sink.active).toBe(false);
      expect(jobHooks(sink)).toEqual({});
      sink.report(5, [1, 4]);
      return 42;
    });
    expect(result).toBe(42);
    expect(t.text()).toBe('');
  });
});

describe('the progress display', () => {
  it('draws the bar, the pace, the time left and the tallies so far', () => {
    const state: ProgressState = { title: 'Simulating', done: 2500, total: 10000, elapsedMs: 1000, labels: ['Joint Work Plan', 'No decision', 'Deferred'], counts: [1800, 700, 0] };
    const { lastFrame } = render(<ProgressView state={state} columns={100} />);
    const f = lastFrame()!;
    expect(f).toContain('Simulating [########......................] 25%  2,500 of 10,000 runs · 2,500 runs/s · ETA 3 s');
    expect(f).toContain('So far: Joint Work Plan 72.0% · No decision 28.0%');
    expect(f).not.toContain('Deferred');
    expect(f).toContain('Ctrl-C stops and reports the runs done so far (marked partial).');
  });

  it('is drawn on the terminal while the job runs and erased at the end', async () => {
    const t = fakeTerminal();
    let clock = 0;
    const result = await withProgress(io, { total: 4, stream: t.stream, env: {}, eagerRuns: 0, now: () => clock }, async (sink) => {
      sink.labels(['Adopted', 'No decision']);
      for (let done = 1; done <= 4; done++) {
        clock += 1000;
        sink.report(done, [done, 0]);
        for (let i = 0; i < 5; i++) await turn();
        await new Promise((r) => setTimeout(r, 40)); // ink draws at most 30 frames a second
      }
      return 'result';
    });
    expect(result).toBe('result');
    const written = plain(t.text());
    expect(written).toContain('of 4 runs · 1 runs/s');
    expect(written).toContain('So far: Adopted 100.0%');
    // the last thing on the terminal is the erasure of the display (no frame drawn after it)
    const last = '(marked partial).';
    const after = t.text().slice(t.text().lastIndexOf(last) + last.length);
    expect(after).toMatch(/\u001B\[2K/);
    expect(plain(after).trim()).toBe('');
  });

  it('does not change the result: the run command with a display gives the same bytes as without', async () => {
    for (const format of REPORT_FORMATS) {
      const options = { scenario: SMALL, runs: 3000, seed: 'progress', format };
      const t = fakeTerminal();
      const shown = await withProgress(io, { total: 3000, stream: t.stream, env: {}, eagerRuns: 0 }, (sink) => runCommand({ ...options, ...jobHooks(sink) }));
      expect(shown.text).toBe((await runCommand(options)).text);
    }
  });
});
