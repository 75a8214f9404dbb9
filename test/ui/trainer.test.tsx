import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { join } from 'node:path';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';
import { compileModel } from '../../src/floor/model';
import { otherRuleSpecs } from '../../src/report/debrief';
import { Trainer } from '../../src/ui/Trainer';
import { TrainerSession, type Seat } from '../../src/ui/session';

const SMALL = join(__dirname, 'fixtures', 'small-plenary.yaml');
const scenario = loadScenario(SMALL);
const model = compileModel(scenario, ruleOrThrow(scenario.rule));

const KEYS = { left: '\u001B[D', right: '\u001B[C', escape: '\u001B' };
// eslint-disable-next-line no-control-regex
const plain = (s: string | undefined) => (s ?? '').replace(/\u001B\[[0-9;]*m/g, '');

function mount(seat: Seat, options: { debriefFile?: string } = {}) {
  const session = new TrainerSession(model, 'ui', 0, seat);
  let quit = false;
  const app = render(<Trainer session={session} otherRules={otherRuleSpecs('consensus')} color={false} {...options} onQuit={() => (quit = true)} />);
  const frame = () => plain(app.lastFrame());
  /** types a key and waits until the screen shows `expected` */
  const press = async (key: string, expected?: string | RegExp) => {
    app.stdin.write(key);
    await until(() => (expected === undefined ? true : typeof expected === 'string' ? frame().includes(expected) : expected.test(frame())), () => `after ${JSON.stringify(key)} expected ${String(expected)} in:\n${frame()}`);
  };
  return { app, session, frame, press, quit: () => quit };
}

async function until(ok: () => boolean, message: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(message());
}

afterEach(() => cleanup());

describe('trainer screen', () => {
  it('shows the agenda, the clock, the state, the participants by bloc, the observers and the next moves', async () => {
    const { frame } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    const f = frame();
    expect(f).toContain('Small plenary (test)');
    expect(f).toContain('You chair the meeting · rule: Consensus (consensus) · run 0, seed "ui"');
    expect(f).toContain('Item: Sanction or plan');
    expect(f).toContain("Clock [................] 0 h used, 8 h left of the item's 8 h · session 12 h, other items 3 h");
    expect(f).toContain('State: Chair to move (chairToMove) · on the floor: nothing yet');
    expect(f).toMatch(/nordic\s+· North\*\s+· East/);
    expect(f).toMatch(/no bloc\s+· South\s+· Subject\n/);
    expect(f).toContain('Watchdog presses nordic toward support on sanction (0.5)');
    expect(f).toContain('[1] table "Sanction"');
    expect(f).toContain('[4] close the item without a decision');
    expect(f).toContain('space step · p play (2/s, +/-) · b back · ? help · q quit');
  });

  it('lets the chair drive the meeting to an outcome and shows the debrief', async () => {
    const { press, frame, session } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('1', 'The Chair (South) tables: Sanction.');
    expect(frame()).toContain('The floor states positions on the option.');
    await press(' ', 'The floor on "Sanction": 3 support, 0 accept, 0 abstain, 1 object. Objecting: Subject.');
    expect(frame()).toContain('Those who decide: ✓ 3 support  ○ 0 accept  – 0 abstain  ✗ 1 object');
    expect(frame()).toContain('[1] call for consensus');
    expect(frame()).toContain('[2] defer the item');
    await press('1', 'The call for consensus fails: 1 formal objection');
    expect(frame()).toContain('State: Objection stands (objected)');
    expect(frame()).toContain("[3] offer a concession: Phased sanction (+2 h)");
    expect(frame()).toContain('[2] open consultations (+2 h)');
    expect(frame()).toContain("[1] table \"Work plan\"");
    await press('3', 'The Chair (South) opens consultations and offers a concession.');
    expect(frame()).toContain('A consultation round: delegations may move.');
    await press(' ', 'Consultations, round 1 — concession offered: Phased sanction.');
    expect(frame()).toContain('Moves: Subject object → accept (after the concession).');
    expect(frame()).toContain('[1] call for consensus');
    await press('1', 'Debrief — Small plenary (test)');
    expect(session.done).toBe(true);
    const f = frame();
    expect(f).toContain('Outcome: Sanction, adopted by consensus, after 3 h of 8 h.');
    expect(f).toContain('Sanction: tabled at 0 h; 1 failed call (1 objection), then adopted by consensus at 3 h.');
    expect(f).toContain('Work plan: never tabled: another option was adopted at 3 h');
    expect(f).toContain('Who objected when (2 calls), your decisions: 4, moves in consultations: 1');
    expect(f).toMatch(/1 h\s+Sanction: consensus failed — Subject/);
    expect(f).toContain('Press r to see the same run (same seed and run index) under another rule.');
    expect(f).toContain('r other rule · b back a step · d run screen · ? help · q quit');
  });

  it('shows the same run under other rules in the debrief, one key per rule', async () => {
    const { press, frame, session } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    // close at once: the status quo stands
    await press('4', 'Debrief');
    expect(session.done).toBe(true);
    expect(frame()).toContain('Outcome: No decision (status quo: Nothing), after 0 h of 8 h.');
    await press('r', 'Same run under Consensus minus the party concerned (consensus-minus-subject):');
    expect(frame()).toContain('Sanction: consensus passes');
    await press('r', 'Same run under Consensus minus 2 (consensus-minus-n:2)');
    await press('r', 'Same run under Qualified majority');
    expect(frame()).toMatch(/Sanction: vote passes/);
  });

  it('lets a delegation answer when the floor is asked', async () => {
    const { press, frame, session } = mount({ kind: 'member', member: model.ids.indexOf('subj') });
    await until(() => frame().includes('You speak for Subject'), frame);
    expect(frame()).toContain('The simulated Chair will: table "Sanction"');
    await press(' ', 'Your answer on "Sanction" (the floor states positions):');
    expect(frame()).toContain("Your brief (the scenario's odds for Subject): object 100%.");
    expect(frame()).toContain('[1] ✓ support   [2] ○ accept   [3] – abstain   [4] ✗ object');
    expect(frame()).toMatch(/»· Subject/);
    // stepping is refused until the trainee answers
    await press(' ', 'Your answer: press 1 support, 2 accept, 3 abstain or 4 object.');
    expect(session.awaiting).toBe('answer');
    await press('2', 'You (Subject) answer: accept.');
    expect(frame()).toContain('The floor on "Sanction": 3 support, 1 accept, 0 abstain, 0 object.');
    expect(frame()).toMatch(/»○ Subject/);
    expect(frame()).toContain('The simulated Chair will: call for consensus');
    await press(' ', 'Debrief');
    expect(frame()).toContain('Outcome: Sanction, adopted by consensus, after 1 h of 8 h.');
    expect(frame()).toContain('your decisions: 1');
  });

  it('goes back a step by replaying the run, keeping earlier decisions', async () => {
    const { press, frame, session } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('1', 'tables: Sanction');
    await press(' ', 'The floor on "Sanction"');
    const before = frame();
    await press('2', 'Outcome: Deferred (time ran out), after 1 h of 8 h.');
    expect(session.done).toBe(true);
    await press('b', 'State: Positions stated (positionsStated)');
    expect(session.done).toBe(false);
    expect(frame()).toBe(before);
    await press(KEYS.left, 'State: Floor states positions (floor)');
    expect(session.steps).toEqual([{ chairMove: { type: 'TABLE', option: 0 } }]);
    await press('b', 'Nothing has happened yet.');
    await press('b', 'Already at the start of the run.');
  });

  it('opens and closes the help overlay, and refuses choices that are not offered', async () => {
    const { press, frame } = mount({ kind: 'none' });
    await until(() => frame().includes('Replay (simulated chair)'), frame);
    await press('1', 'This is a replay: the chair and the floor are simulated; step with space.');
    await press('?', 'rounds left, options not yet tabled');
    expect(frame()).toContain('✓ support   ○ accept   – abstain   ✗ object   · undecided');
    await press('x', 'What just happened:');
    await press(KEYS.right, 'The Chair (South) tables: Sanction.');
  });

  it('plays and pauses; play stops where the trainee must decide', async () => {
    const { press, frame, session } = mount({ kind: 'member', member: model.ids.indexOf('subj') });
    await until(() => frame().includes('You speak for Subject'), frame);
    await press('+', 'play (4/s');
    await press('+', 'play (8/s');
    await press('p', '▶ playing');
    await until(() => frame().includes('Your answer on "Sanction"'), frame);
    expect(session.awaiting).toBe('answer');
    expect(frame()).toContain('The Chair (South) tables: Sanction.');
    await press('p', 'p play (8/s');
    expect(frame()).not.toContain('▶ playing');
  });

  it('quits with q', async () => {
    const { press, frame, quit } = mount({ kind: 'chair' });
    await until(() => frame().includes('Your move as Chair'), frame);
    await press('q');
    await until(quit, () => 'did not quit');
  });
});

