/**
 * Names from a scenario file reach the trainer's screen (and a room's clients) as visible escapes, never as raw
 * control characters: a participant named with an ESC sequence must not clear the trainee's terminal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/floor/model';
import { ruleOrThrow } from '../../src/rules/registry';
import { validateText } from '../../src/scenario/load';
import { lineText, runScreen } from '../../src/ui/screen';
import { TrainerSession } from '../../src/ui/session';
import type { ViewState } from '../../src/ui/viewState';

const FIXTURE = join(__dirname, 'fixtures', 'small-plenary.yaml');
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('trainer screen and control characters in scenario names', () => {
  it('shows an ESC sequence in a bloc and a participant name as \\x1b, on every line of every step', () => {
    const text = readFileSync(FIXTURE, 'utf8')
      .replace('name: North,', 'name: "North\\e[2J\\u0007",')
      .replace('name: Nordic bloc,', 'name: "Nordic\\e]0;owned\\u0007 bloc",');
    const result = validateText(text, FIXTURE);
    expect(result.errors).toEqual([]);
    const scenario = result.scenario!;
    const model = compileModel(scenario, ruleOrThrow(scenario.rule));
    expect(model.names.some((n) => n.includes('\u001b'))).toBe(true);
    const session = new TrainerSession(model, 'escapes', 0, { kind: 'none' });
    const state: ViewState = { view: 'run', help: false, list: false, page: 0, alt: -1, playing: false, speed: 0 };
    const seen: string[] = [];
    for (let step = 0; step < 40; step++) {
      for (const list of [false, true]) {
        const lines = runScreen(session, { ...state, list }, { columns: 120, rows: 40, viewer: [] }).map(lineText);
        for (const line of lines) expect(line, line).not.toMatch(RAW_CONTROL);
        seen.push(...lines);
      }
      if (session.done) break;
      session.stepSimulated();
    }
    expect(seen.join('\n')).toContain('\\x1b');
  });
});
