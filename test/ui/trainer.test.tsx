import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { join } from 'node:path';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';
import { compileModel } from '../../src/floor/model';
import { sessionComparison } from '../../src/cli/commands/trainer';
import { Trainer } from '../../src/ui/Trainer';
import { TrainerSession, type Seat } from '../../src/ui/session';
import { until } from './until';

const SMALL = join(__dirname, 'fixtures', 'small-plenary.yaml');
const scenario = loadScenario(SMALL);
const model = compileModel(scenario, ruleOrThrow(scenario.rule));

const KEYS = { left: '\u001B[D', right: '\u001B[C', escape: '\u001B' };
// eslint-disable-next-line no-control-regex
/** the screen with all white space (line ends too) as one space: for bars that wrap */
const flat = (s: string) => s.replace(/\s+/g, ' ');
const plain = (s: string | undefined) => (s ?? '').replace(/\u001B\[[0-9;]*m/g, '');

function mount(seats: Seat | Seat[], options: { debriefFile?: string; columns?: number; present?: boolean } = {}) {
  const session = new TrainerSession(model, 'ui', 0, seats);
  let quit = false;
  const comparison = sessionComparison(session);
  const app = render(<Trainer session={session} comparison={comparison} color={false} {...options} onQuit={() => (quit = true)} />);
  const frame = () => plain(app.lastFrame());
  /** types a key and waits until the screen shows `expected` */
  const press = async (key: string, expected?: string | RegExp) => {
    app.stdin.write(key);
    await until(() => (expected === undefined ? true : typeof expected === 'string' ? frame().includes(expected) : expected.test(frame())), () => `after ${JSON.stringify(key)} expected ${String(expected)} in:\n${frame()}`);
  };
  return { app, session, frame, press, quit: () => quit };
}

afterEach(() => cleanup());

describe('trainer screen', () => {
  it('shows the header, the blocs by name, the observers and the moves, every kind with its own key', async () => {
    const { frame } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    const f = frame();
    expect(f).toContain('Small plenary (test) — Sanction or plan');
    expect(f).toContain('You chair the meeting · Turn: the Chair\'s move · rule: Consensus · run 0, seed "ui"');
    expect(f).toContain("Clock [............] 0 h used, 8 h left of the item's 8 h");
    expect(f).toContain('State: Chair to move · on the floor: nothing yet');
    expect(f).toContain('Tally: nothing tabled yet');
    expect(f).toMatch(/Nordic bloc\s+✓ {2}0 ○ {2}0 – {2}0 ✗ {2}0 · {2}2/);
    expect(f).toContain('Observer Watchdog presses Nordic bloc toward support');
    expect(flat(f)).toContain('Chair: [t] table  (c) call for consensus  (v) vote  (o) consult  (n) concession  (e) extend time  [d] defer  [x] close'.replace(/\s+/g, ' '));
    expect(f).toContain('Nothing has happened yet. Your move as Chair: the keys are below.');
    expect(f).not.toContain('Press space');
    expect(f).toContain('space step · p play (2/s, +/-) · u back · l list · Tab debrief · ? help · q quit');
  });

  it('lets the chair drive the meeting to an outcome with mnemonic keys, then shows the debrief', async () => {
    const { press, frame, session } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('t', 'Table which option? [1] Sanction  [2] Work plan');
    await press('1', 'The Chair (South) tables: Sanction.');
    expect(frame()).toContain('Next: the floor states positions on the option.');
    expect(frame()).toContain('Tally: positions on "Sanction" not stated yet');
    await press(' ', 'The floor on "Sanction": 3 support, 0 accept, 0 abstain, 1 object. Objecting: Subject.');
    expect(frame()).toContain('Tally: ✓ 3 support  ○ 0 accept  – 0 abstain  ✗ 1 object');
    expect(frame()).toContain('Objecting now (1): Subject.');
    expect(flat(frame())).toContain('Chair: (t) table  [c] call for consensus  (v) vote  (o) consult  (n) concession  (e) extend time  [d] defer  (x) close'.replace(/\s+/g, ' '));
    await press('o', 'Not allowed now: consult (there is no objection to consult on).');
    await press('c', 'The call for consensus fails: 1 formal objection');
    expect(frame()).toContain('State: Objection stands');
    expect(frame()).toContain('last call: consensus failed');
    expect(flat(frame())).toContain('[t] table  (c) call for consensus  (v) vote  [o] consult  [n] concession  (e) extend time  [d] defer  [x] close'.replace(/\s+/g, ' '));
    await press('n', 'The Chair (South) opens consultations and offers a concession.');
    expect(frame()).toContain('Next: a consultation round; delegations may move.');
    await press(' ', 'Consultations, round 1 — concession offered: Phased sanction.');
    expect(frame()).toContain('Moves: Subject object → accept (after the concession).');
    await press('c', 'Debrief — Small plenary (test)');
    expect(session.done).toBe(true);
    const f = frame();
    expect(f).toContain('Your run: Sanction, adopted by consensus, after 3 h of 8 h.');
    expect(f).toContain('- The simulated chair (same run, same rule Consensus): Sanction, adopted by consensus, after 3 h.');
    expect(f).toMatch(/ Consensus \(in force\)\s+Sanction, adopted by consensus · 3 h/);
    expect(f).toContain('Sanction: tabled at 0 h; 1 failed call (1 objection), then adopted by consensus at 3 h.');
    expect(f).toMatch(/1 h\s+Sanction: consensus failed — Subject/);
    expect(f).toContain('r next rule · Tab run screen · u back a step · ? help · q quit');
  });

  it('after tabling a new option the tally does not show the last call on the old one', async () => {
    const { press, frame } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('t', 'Table which option?');
    await press('1', 'tables: Sanction');
    await press(' ', 'The floor on "Sanction"');
    await press('c', 'last call: consensus failed');
    await press('t', 'The Chair (South) tables: Work plan.');
    expect(frame()).not.toContain('last call');
    await press(' ', 'The floor on "Work plan"');
    expect(frame()).not.toContain('last call');
  });

  it('shows the same run under every rule in the debrief, r for the details of the next', async () => {
    const { press, frame, session } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('x', 'Debrief');
    expect(session.done).toBe(true);
    expect(flat(frame())).toContain('Your run: No decision: the Chair closed the item with 2 options never tabled (the status quo, Nothing, stands), after 0 h of 8 h.');
    expect(frame()).toContain('- A different outcome from the simulated chair: your decisions changed the result.');
    await press('r', 'Same run under Consensus (consensus): decisive: none');
    await press('r', 'Same run under Consensus minus the party concerned (consensus-minus-subject)');
    expect(frame()).toContain('Sanction: consensus passes');
  });

  it('a delegation answers with y a s b and sees what its objection would do first', async () => {
    const { press, frame, session } = mount({ kind: 'member', member: model.ids.indexOf('subj') });
    await until(() => frame().includes('You speak for Subject'), frame);
    expect(frame()).toContain('Next: the simulated Chair will table "Sanction"');
    await press(' ', 'Subject, your answer on "Sanction" (the floor states positions). Brief: object 100%.');
    expect(frame()).toContain('Subject: [y] ✓ support  [a] ○ accept  [s] – abstain  [b] ✗ object');
    expect(flat(frame())).toContain('If you object: under Consensus your objection alone blocks "Sanction" (even if everyone else supports).');
    // stepping and chair keys are refused until the trainee answers
    await press(' ', "Subject's answer first: press y support, a accept, s abstain or b object.");
    await press('c', '"call for consensus" is a move of the Chair; you are Subject.');
    expect(session.awaiting).toBe('answer');
    await press('a', 'You (Subject) answer: accept.');
    expect(frame()).toContain('The floor on "Sanction": 3 support, 1 accept, 0 abstain, 0 object.');
    expect(frame()).toContain('Next: the simulated Chair will call for consensus');
    await press(' ', 'Debrief');
    expect(frame()).toContain('Your run: Sanction, adopted by consensus, after 1 h of 8 h.');
    expect(frame()).toContain('your decisions: 1');
  });

  it('an observer seat presses delegations and never decides', async () => {
    const { press, frame, session } = mount({ kind: 'member', member: model.ids.indexOf('watch') });
    await until(() => frame().includes('You observe for Watchdog (observers press, they do not decide)'), frame);
    await press('y', 'Observers do not decide: Watchdog cannot support. Press w to press delegations.');
    await press('w', 'Nothing is on the floor to press for yet.');
    await press(' ', 'tables: Sanction');
    await press(' ', 'The floor on "Sanction"');
    await press('w', 'Press whom? [1] Subject  [2] Nordic bloc');
    await press('1', 'Press Subject toward which stance? [y] support  [a] accept  [s] abstain');
    // under the calibrated parameters (pressureEffect 0) the press is made but moves nobody, and the screen says so
    // (test/ui/pressureNote.test.tsx: with pressureEffect 1 it acts in the next consultation rounds)
    await press('a', 'You press Subject toward accept: no effect in this run (pressureEffect 0).');
    expect(session.steps.at(-1)!.press).toEqual({ by: model.ids.indexOf('watch'), on: [model.ids.indexOf('subj')], toward: 1, option: 0 });
    expect(frame()).toContain('Watchdog presses Subject toward accept on "Sanction" (from the next consultation round).');
  });

  it('hot-seat: two trainees on one terminal, the screen says whose turn it is', async () => {
    const { press, frame, session } = mount([{ kind: 'chair' }, { kind: 'member', member: model.ids.indexOf('subj') }]);
    await until(() => frame().includes("Turn: the Chair's move · seats: the Chair, Subject"), frame);
    await press('y', "Not the floor's turn: the Chair moves next.");
    await press('t', 'Table which option?');
    await press('1', "Turn: Subject's answer");
    await press('c', "Not the Chair's turn: waiting for Subject's answer.");
    await press('b', 'You (Subject) answer: object.');
    expect(frame()).toContain("Turn: the Chair's move");
    expect(session.timeline.map((t) => t.decision)).toEqual(['you (the Chair): table "Sanction"', 'you (Subject): object on "Sanction"']);
  });

  it('goes back a step by replaying the run, keeping earlier decisions', async () => {
    const { press, frame, session } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('t');
    await press('1', 'tables: Sanction');
    await press(' ', 'The floor on "Sanction"');
    const before = frame();
    await press('d', "Your run: Deferred by the Chair, with 7 h of the item's 8 h left, after 1 h of 8 h.");
    expect(session.done).toBe(true);
    await press('u', 'State: Positions stated');
    expect(session.done).toBe(false);
    expect(frame()).toBe(before);
    await press(KEYS.left, 'State: Floor states positions');
    expect(session.steps).toEqual([{ chairMove: { type: 'TABLE', option: 0 } }]);
    await press('u', 'Nothing has happened yet.');
    await press('u', 'Already at the start of the run.');
  });

  it('opens and closes the help, lists everyone by name, and refuses moves that are not the seat\'s', async () => {
    const { press, frame } = mount({ kind: 'none' });
    await until(() => frame().includes('Replay (simulated chair)'), frame);
    expect(frame()).toContain('Nothing has happened yet. Press space to take the first step.');
    await press('t', '"table" is a move of the Chair; in a replay the Chair is simulated (space steps).');
    await press('1', 'Numbers pick from a list: t to table an option.');
    await press('?', 'rounds left, options not yet tabled');
    expect(frame()).toContain('✓ support   ○ accept   – abstain   ✗ object');
    await press('x', 'What just happened:');
    await press('l', 'Everyone by name (page 1 of 1');
    expect(frame()).toMatch(/· North\*/);
    expect(frame()).toMatch(/· \(Watchdog\)/);
    await press('l', 'Blocs (');
    await press(KEYS.right, 'The Chair (South) tables: Sanction.');
  });

  it('plays and pauses; play stops where the trainee must decide, and then says so', async () => {
    const { press, frame, session } = mount({ kind: 'member', member: model.ids.indexOf('subj') });
    await until(() => frame().includes('You speak for Subject'), frame);
    await press('+', 'play (4/s');
    await press('+', 'play (8/s');
    await press('p', '▶ playing');
    await until(() => frame().includes('Subject, your answer on "Sanction"'), frame);
    expect(session.awaiting).toBe('answer');
    expect(frame()).not.toContain('▶ playing');
  });

  it('keeps the header and the moves on screen at 80×24 (the log gives way)', async () => {
    const { press, frame } = mount({ kind: 'chair' }, { columns: 80 });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('t');
    await press('1', 'tables: Sanction');
    await press(' ', 'The floor on "Sanction"');
    for (const line of frame().split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('presenter mode: fewer elements (no observer lines, a short log), the header and the moves kept', async () => {
    const normal = mount({ kind: 'chair' });
    await until(() => normal.frame().includes('Your move as Chair'), normal.frame);
    expect(normal.frame()).toContain('Observer Watchdog');
    cleanup();
    const { frame } = mount({ kind: 'chair' }, { present: true });
    await until(() => frame().includes('Your move as Chair'), frame);
    expect(frame()).not.toContain('Observer Watchdog');
    for (const text of ['Small plenary (test)', 'You chair the meeting', 'Clock [', 'State: Chair to move', 'Tally: nothing tabled yet', '[t] table']) expect(frame()).toContain(text);
  });

  it('quits with q', async () => {
    const { press, frame, quit } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('q');
    await until(quit, () => 'did not quit');
  });
});
