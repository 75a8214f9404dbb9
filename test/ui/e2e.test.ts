/**
 * End-to-end tests of the trainer and the progress display with the built CLI (npm test builds dist/ first):
 * without a terminal through pipes, and in a real pseudo-terminal driven through tmux.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { parseCast } from '../../src/ui/cast';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/common/paths';
import { mermaid, PROCEDURE_STATE_TITLES } from '../../src/procedure/diagram';
import { procedureMachine } from '../../src/procedure/machine';

const BIN = join(PACKAGE_ROOT, 'bin', 'plenary.mjs');
const SMALL = join(PACKAGE_ROOT, 'test', 'ui', 'fixtures', 'small-plenary.yaml');
const { CI: _ci, ...envWithoutCI } = process.env;

function plenary(args: string[], env: NodeJS.ProcessEnv = envWithoutCI) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js'))) spawnSync(process.execPath, [join(PACKAGE_ROOT, 'build.mjs')], { cwd: PACKAGE_ROOT });
});

describe('without a terminal (pipes)', () => {
  it('play and replay exit 2 with a message pointing to plenary trace', () => {
    for (const args of [['play', SMALL, '--as', 'chair', '--seed', 's', '--run', '4'], ['replay', SMALL, '--seed', 's', '--run', '4']]) {
      const r = plenary(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('plenary: the trainer needs an interactive terminal (stdin is not a terminal).');
      expect(r.stderr).toContain(`To read the same run as text: plenary trace ${SMALL} --seed "s" --run 4`);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    }
  });

  it('play checks its seat before anything else', () => {
    const r = plenary(['play', SMALL, '--as', 'subjct']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as subjct: not a participant of scenario "small-plenary"');
    expect(r.stderr).toContain('Did you mean "subj"?');
  });

  it('run shows no progress: stdout holds only the result, stderr nothing', () => {
    // 30,000 runs: above the size from which a terminal would get the display before the job starts
    const table = plenary(['run', SMALL, '--runs', '30000', '--seed', 'pipes']);
    expect(table.code).toBe(0);
    expect(table.stderr).toBe('');
    expect(table.stdout.startsWith('Small plenary (test)\n')).toBe(true);
    expect(table.stdout).not.toContain('Simulating');
    expect(table.stdout).not.toContain('\u001B');
    const json = plenary(['run', SMALL, '--runs', '30000', '--seed', 'pipes', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).runs).toBe(30000);
  });

  it('diagram prints the procedure statechart as generated from the machine', () => {
    const r = plenary(['diagram']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(mermaid(procedureMachine, { titles: PROCEDURE_STATE_TITLES }));
    const md = plenary(['diagram', '--machine', 'participant', '--format', 'markdown']);
    expect(md.stdout.startsWith('```mermaid\nstateDiagram-v2\n')).toBe(true);
    expect(md.stdout).toContain('object --> abstain : ');
    const bad = plenary(['diagram', '--machine', 'stance']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown machine "stance" (allowed: procedure, participant)');
  });
});

// ---- in a pseudo-terminal ------------------------------------------------------------------------------------

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const SOCKET = `plenary-test-${process.pid}`;
// the tmux server (and every window it starts) gets an environment without CI, as a trainer's terminal has
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', env: envWithoutCI });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the CLI in a tmux window of the given size; the shell keeps the window after it exits. */
function terminal(name: string, args: string[], columns = 120, rows = 40, after = '') {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  // a new session can race with the server exiting after the previous test closed the last one: try again (5 times)
  let started = tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), `cd '${PACKAGE_ROOT}' && ${command}; echo "EXIT=$?"${after}; sleep 120`);
  for (let i = 0; i < 5 && started.status !== 0 && /server exited/.test(started.stderr); i++) {
    spawnSync('sleep', ['0.2']);
    started = tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), `cd '${PACKAGE_ROOT}' && ${command}; echo "EXIT=$?"${after}; sleep 120`);
  }
  if (started.status !== 0) throw new Error(`tmux: ${started.stderr}`);
  const screen = () => tmux('capture-pane', '-p', '-t', name).stdout;
  return {
    screen,
    keys: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
    /** waits (up to 30 s) until the screen shows `text` (or passes the test) */
    async until(text: string | RegExp | ((screen: string) => boolean)): Promise<string> {
      for (let i = 0; i < 300; i++) {
        const s = screen();
        if (typeof text === 'string' ? s.includes(text) : typeof text === 'function' ? text(s) : text.test(s)) return s;
        await sleep(100);
      }
      throw new Error(`the screen never showed ${String(text)}:\n${screen()}`);
    },
    /** waits (up to 30 s) until the screen differs from `before` and stays the same for 150 ms (a whole redraw) */
    async settled(before: string): Promise<string> {
      for (let i = 0; i < 200; i++) {
        const first = screen();
        await sleep(150);
        if (first !== before && screen() === first) return first;
      }
      throw new Error(`the screen never settled after:\n${before}`);
    },
    resize: (x: number, y: number) => tmux('resize-window', '-t', name, '-x', String(x), '-y', String(y)),
    close: () => tmux('kill-session', '-t', name),
  };
}

describe.skipIf(!hasTmux)('in a terminal (tmux; these tests are skipped when tmux is not installed)', () => {
  it('a trainee chairs the small plenary to an outcome, looks at another rule and gets the debrief file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-play-'));
    const file = join(dir, 'debrief.md');
    const t = terminal('chair', ['play', SMALL, '--as', 'chair', '--seed', 'tmux', '--debrief', file]);
    try {
      await t.until('Your move as Chair');
      expect(t.screen()).toContain('[t] table');
      t.keys('t');
      await t.until('Table which option? [1] Sanction');
      t.keys('1');
      await t.until('The Chair (South) tables: Sanction.');
      t.keys('Space');
      await t.until('Objecting: Subject.');
      t.keys('c');
      await t.until('[n] concession');
      t.keys('n');
      await t.until('opens consultations and offers a concession');
      t.keys('Space');
      await t.until('Subject object → accept (after the concession)');
      t.keys('c');
      const debrief = await t.until('Debrief — Small plenary (test)');
      expect(debrief).toContain('Your run: Sanction, adopted by consensus, after 3 h of 8 h.');
      t.keys('r');
      await t.until('Same run under Consensus (consensus)');
      t.keys('q');
      await t.until('EXIT=0');
      expect(t.screen()).toContain(`Debrief written to ${file}.`);
      const md = readFileSync(file, 'utf8');
      expect(md).toContain('# Debrief: Small plenary (test)');
      expect(md).toContain('**Sanction**, adopted by consensus, after 3 h of the 8 h the chair gave the item.');
      expect(md).toMatch(/\| 1 h \| Sanction \| consensus \| failed \| Subject \|/);
      expect(md).toMatch(/\| 3 h \| Sanction \| 1 \| Subject \| object \| accept \| concession \|/);
      expect(md).toContain('| 1 h | you (the Chair): call for consensus |');
      expect(md).toContain('## You and the simulated chair');
      expect(md).toContain('## The same run under other rules');
    } finally {
      t.close();
    }
  });

  /** What a chair move's key must do, whatever the state: the narration it leads to. */
  const KIND_OF_KEY: Record<string, RegExp> = {
    t: /tables: /,
    c: /calls for consensus/,
    v: /puts the option to a vote/,
    o: /opens consultations\./,
    n: /opens consultations and offers a concession/,
    d: /defers the item/,
    x: /closes the item without a decision/,
  };
  const HEADER = [/KP Plenary, Swakopmund 2009/, /You chair the meeting/, /Clock \[[#.]+\] \d+(\.\d)? h used/, /State: /, /Tally: /];

  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ]) {
    it(`at ${columns}×${rows} the header and the moves are on screen in every state of a chaired run, and a key keeps its meaning`, async () => {
      const t = terminal(`every-state-${columns}`, ['play', '--as', 'chair', '--seed', 'states'], columns, rows);
      const seen = new Set<string>();
      try {
        await t.until('Your move as Chair');
        for (let i = 0; i < 120; i++) {
          const s = t.screen();
          if (s.includes('Debrief —')) break;
          const state = /State: ([A-Za-z ]+?) ·/.exec(s)?.[1];
          if (state) seen.add(state);
          for (const h of HEADER) expect(s, `header ${h} in state ${state}:\n${s}`).toMatch(h);
          // every kind of chair move is on screen with its key, allowed [k] or greyed (k), in every state
          for (const key of Object.keys(KIND_OF_KEY)) expect(s, `key ${key} in state ${state}:\n${s}`).toMatch(new RegExp(`[[(]${key}[\\])] `));
          if (s.includes('Table which option?')) {
            t.keys('1');
          } else if (s.includes('Your move as Chair')) {
            const allowed = (k: string) => s.includes(`[${k}] `);
            // consult while possible, then the next option, calls when positions are stated; never the same path as the simulated chair
            const key = ['c', 'o', 't', 'd', 'x'].find(allowed)!;
            const before = s;
            t.keys(key);
            const after = await t.settled(before);
            if (after.includes('Table which option?')) {
              t.keys('1');
              await t.until(KIND_OF_KEY.t);
            } else if (!after.includes('Debrief —')) expect(after, `key ${key} in state ${state}`).toMatch(KIND_OF_KEY[key]);
          } else t.keys('Space');
          await sleep(120);
        }
        await t.until('Debrief — KP Plenary, Swakopmund 2009');
        for (const st of ['Chair to move', 'Floor states positions', 'Positions stated', 'Objection stands', 'Consultations']) expect([...seen]).toContain(st);
        t.keys('q');
        await t.until('EXIT=0');
      } finally {
        t.close();
      }
    });
  }

  it('drives the Swakopmund scenario to an outcome as chair, going back once on the way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-play-'));
    const file = join(dir, 'swakopmund.md');
    const t = terminal('swakopmund', ['play', '--as', 'chair', '--debrief', file]);
    try {
      await t.until('Your move as Chair');
      expect(t.screen()).toMatch(/Southern African neighbours \(SADC members in the KP\)\s+✓/);
      expect(t.screen()).toContain('Observer Civil Society Coalition presses');
      t.keys('t');
      await t.until('Table which option?');
      t.keys('1');
      await t.until('tables: Suspend Zimbabwe');
      t.keys('u');
      await t.until('Nothing has happened yet.');
      // the simulated chair's order, by key: table, call, consult ... until the item ends
      for (let i = 0; i < 80 && !t.screen().includes('Debrief —'); i++) {
        const s = t.screen();
        if (s.includes('Table which option?')) t.keys('1');
        else if (s.includes('Your move as Chair')) t.keys(['c', 'n', 'o', 't', 'd', 'x'].find((k) => s.includes(`[${k}] `))!);
        else t.keys('Space');
        await sleep(150);
      }
      await t.until('Debrief — KP Plenary, Swakopmund 2009');
      t.keys('q');
      await t.until('EXIT=0');
      expect(readFileSync(file, 'utf8')).toMatch(/## Outcome\n\n\*\*(Suspend|Joint Work Plan|No decision|Deferred)/);
    } finally {
      t.close();
    }
  });

  it('a delegation seat: answers are asked for when the floor speaks', async () => {
    const t = terminal('seat', ['play', SMALL, '--as', 'subj', '--seed', 'tmux']);
    try {
      await t.until('You speak for Subject');
      t.keys('Space');
      await t.until('Subject, your answer on "Sanction"');
      expect(t.screen()).toContain('If you object: under Consensus your objection alone blocks');
      t.keys('a');
      await t.until('You (Subject) answer: accept.');
      t.keys('q');
      await t.until('EXIT=0');
    } finally {
      t.close();
    }
  });

  it('plays a prepared demo with captions and records it as an asciicast v2 file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-demo-'));
    const cast = join(dir, 'demo.cast');
    const t = terminal('demo', ['play', SMALL, '--as', 'chair', '--seed', 'tmux', '--script', join(PACKAGE_ROOT, 'test', 'ui', 'fixtures', 'demo-small.yaml'), '--record', cast], 100, 30);
    try {
      await t.until('EXIT=0');
      expect(t.screen()).toContain(`Recording written to ${cast} (asciicast v2`);
      const { header, events } = parseCast(readFileSync(cast, 'utf8'));
      expect(header).toMatchObject({ version: 2, width: 100, height: 30, title: 'Demo: the small plenary' });
      expect(events.length).toBeGreaterThan(5);
      for (let i = 0; i < events.length; i++) {
        expect(events[i][1]).toBe('o');
        if (i > 0) expect(events[i][0]).toBeGreaterThanOrEqual(events[i - 1][0]);
      }
      const output = events.map((e) => e[2]).join('');
      for (const text of ['The Chair tables the sanction.', 'A concession, then the call again.', 'The Chair (South) tables: Sanction.', 'Debrief — Small plenary (test)']) expect(output).toContain(text);
      expect(output.indexOf('The Chair tables the sanction.')).toBeLessThan(output.indexOf('Debrief — Small plenary (test)'));
    } finally {
      t.close();
    }
  });

  it('a bad demo script is refused with every problem and its place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-demo-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'steps:\n  - keys: [t, ctrl]\n  - pause: -1\n  - wait: 2\n');
    const r = plenary(['play', SMALL, '--script', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: steps[0].keys[1]: "ctrl" is not a key (one character, or space, tab, escape, left, right, backspace)`);
    expect(r.stderr).toContain(`${bad}: steps[1].pause: expected seconds from 0 to 600`);
    expect(r.stderr).toContain(`${bad}: steps[2].wait: unknown field (allowed: caption, keys, pause, quit)`);
  });

  it('Ctrl-C exits 130, writes the debrief so far, and leaves the terminal out of raw mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-play-'));
    const file = join(dir, 'stopped.md');
    const t = terminal('ctrlc', ['play', SMALL, '--as', 'chair', '--seed', 'tmux', '--debrief', file], 100, 30, '; stty -a | grep -o -- "-\\?icanon" | head -1');
    try {
      await t.until('Your move as Chair');
      t.keys('t');
      await t.until('Table which option?');
      t.keys('1');
      await t.until('tables: Sanction');
      t.keys('C-c');
      await t.until('EXIT=130');
      // the shell prints the terminal's mode after the exit code: wait for it, then it must not be raw (-icanon)
      const s = await t.until(/^-?icanon$/m);
      expect(s).toContain(`Debrief written to ${file}.`);
      expect(s).toMatch(/^icanon$/m);
      const md = readFileSync(file, 'utf8');
      expect(md).toContain('**The trainee stopped before the end of the item.**');
      expect(md).toContain('| 0 h | you (the Chair): table "Sanction" |');
    } finally {
      t.close();
    }
  });

  it('SIGINT sent to the process restores the terminal and exits 130; replay --debrief writes the debrief', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-play-'));
    const file = join(dir, 'replay.md');
    const t = terminal('sigint', ['replay', SMALL, '--seed', 'tmux', '--debrief', file], 100, 30, '; stty -a | grep -o -- "-\\?icanon" | head -1');
    try {
      await t.until('Replay (simulated chair)');
      t.keys('Space');
      await t.until('tables: Sanction');
      const shell = tmux('list-panes', '-t', 'sigint', '-F', '#{pane_pid}').stdout.trim();
      const node = spawnSync('pgrep', ['-P', shell], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
      expect(node).toMatch(/^\d+$/);
      process.kill(Number(node), 'SIGINT');
      await t.until('EXIT=130');
      // the shell prints the terminal's mode after the exit code: wait for it, then it must not be raw (-icanon)
      expect(await t.until(/^-?icanon$/m)).toMatch(/^icanon$/m);
      expect(t.screen()).toContain(`Debrief written to ${file}.`);
      expect(readFileSync(file, 'utf8')).toContain('Trainee: nobody (replay).');
    } finally {
      t.close();
    }
  });

  it('says so when the terminal is too small, and quits cleanly', async () => {
    const t = terminal('small', ['play', SMALL], 60, 15);
    try {
      await t.until('The terminal is too small (60×15).');
      expect(t.screen()).toContain('plenary play needs at least 80×24.');
      t.resize(120, 40);
      await t.until('Your move as Chair');
      t.keys('q');
      await t.until('EXIT=0');
    } finally {
      t.close();
    }
  });
});
