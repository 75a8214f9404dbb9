/**
 * Observer pressure under the calibrated parameters (pressureEffect 0): a trainee in an observer seat is told once,
 * on the screen, that pressing moves nobody in this run, where the 0 comes from and how to run with pressure
 * (--param pressureEffect=1); the press stays a move. With pressureEffect 1 (--param) no note, and a press acts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { join } from 'node:path';
import { ruleOrThrow } from '../../src/rules/registry';
import { loadScenario, scenarioDocument, validateData } from '../../src/scenario/load';
import { compileModel } from '../../src/floor/model';
import { sessionComparison } from '../../src/cli/commands/trainer';
import { Trainer } from '../../src/ui/Trainer';
import { Controls } from '../../src/ui/controls';
import { pressureNote } from '../../src/ui/pressureNote';
import { TrainerSession, type Seat } from '../../src/ui/session';
import type { Scenario } from '../../src/scenario/types';
import type { ParameterOverrides } from '../../src/scenario/parameterOverrides';
import { until } from './until';

const SMALL = join(__dirname, 'fixtures', 'small-plenary.yaml');
const plain = (s: string | undefined) => (s ?? '').replace(/\u001B\[[0-9;]*m/g, '');
const flat = (s: string) => s.replace(/\s+/g, ' ');

const NOTE = 'Observer pressure has no effect in this run: the calibrated parameters set pressureEffect 0 (docs/uncertainty.md). To let it act: plenary play --as watch --param pressureEffect=1';

function sessionOf(scenario: Scenario, seats: Seat | Seat[]): TrainerSession {
  return new TrainerSession(compileModel(scenario, ruleOrThrow(scenario.rule)), 'ui', 0, seats);
}
const small = (overrides?: ParameterOverrides) => loadScenario(SMALL, { overrides });
const watch = (scenario: Scenario): Seat => ({ kind: 'member', member: scenario.participants.findIndex((p) => p.id === 'watch') });

function mount(session: TrainerSession) {
  const app = render(<Trainer session={session} comparison={sessionComparison(session)} color={false} onQuit={() => undefined} />);
  const frame = () => flat(plain(app.lastFrame()));
  const press = async (key: string, expected?: string) => {
    app.stdin.write(key);
    await until(() => expected === undefined || frame().includes(expected), () => `after ${JSON.stringify(key)} expected ${expected} in:\n${frame()}`);
  };
  return { frame, press };
}

afterEach(() => cleanup());

describe('the trainer on observer pressure', () => {
  it('an observer seat under pressureEffect 0: the screen says it once, and a press is still a move that says it moves nobody', async () => {
    const scenario = small();
    expect(scenario.model.pressureEffect).toBe(0);
    const session = sessionOf(scenario, watch(scenario));
    const { frame, press } = mount(session);
    await until(() => frame().includes('You observe for Watchdog'), frame);
    expect(frame()).toContain(NOTE);
    await press(' ', 'tables: Sanction');
    expect(frame()).not.toContain('Observer pressure has no effect'); // once: gone after the first step
    await press(' ', 'The floor on "Sanction"');
    await press('w', 'Press whom?');
    await press('1', 'Press Subject toward which stance?');
    await press('a', 'You press Subject toward accept: no effect in this run (pressureEffect 0).');
    expect(session.steps.at(-1)!.press).toMatchObject({ on: [scenario.participants.findIndex((p) => p.id === 'subj')], toward: 1 });
  });

  it('with --param pressureEffect=1: no note, and the press acts in the next consultation rounds', async () => {
    const scenario = small({ pressureEffect: 1 });
    const session = sessionOf(scenario, watch(scenario));
    const { frame, press } = mount(session);
    await until(() => frame().includes('You observe for Watchdog'), frame);
    expect(frame()).not.toContain('Observer pressure has no effect');
    await press(' ', 'tables: Sanction');
    await press(' ', 'The floor on "Sanction"');
    await press('w', 'Press whom?');
    await press('1', 'Press Subject toward which stance?');
    await press('a', 'You press Subject toward accept: it acts in the next consultation rounds on this option.');
  });

  it('is read whole at 80 columns', async () => {
    const scenario = small();
    const { frame } = mount(sessionOf(scenario, watch(scenario)));
    await until(() => frame().includes('You observe for Watchdog'), frame);
    expect(frame()).toContain(NOTE);
  });

  it('only screens with an observer seat get it: not the chair, not a delegation, not a room host; a hot-seat with an observer does', () => {
    const scenario = small();
    const subj: Seat = { kind: 'member', member: scenario.participants.findIndex((p) => p.id === 'subj') };
    expect(new Controls(sessionOf(scenario, { kind: 'chair' })).state.message).toBeUndefined();
    expect(new Controls(sessionOf(scenario, subj)).state.message).toBeUndefined();
    const hot = sessionOf(scenario, [{ kind: 'chair' }, watch(scenario)]);
    expect(new Controls(hot).state.message).toBe(NOTE);
    // a room: the observer's client is told, the host's screen and the chair's client are not
    const room = sessionOf(scenario, [{ kind: 'chair' }, watch(scenario)]);
    expect(new Controls(room, { viewer: [watch(scenario)], drives: false }).state.message).toBe(NOTE);
    expect(new Controls(room, { viewer: [{ kind: 'chair' }], drives: false }).state.message).toBeUndefined();
    expect(new Controls(room, { viewer: [], drives: false }).state.message).toBeUndefined();
  });

  it('says where the 0 comes from: the parameters file, the scenario itself, or --param', () => {
    const doc = scenarioDocument(SMALL) as { model?: unknown };
    const own = validateData({ ...doc, model: { name: 'ordinal', pressureEffect: 0, source: 'a test value' } }, SMALL).scenario!;
    expect(pressureNote(sessionOf(own, watch(own)), [watch(own)])).toContain(': this scenario sets pressureEffect 0.');
    const typed = small({ pressureEffect: 0 });
    expect(pressureNote(sessionOf(typed, watch(typed)), [watch(typed)])).toContain(': it was started with --param pressureEffect=0.');
  });
});
