import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chairMoves } from '../../src/procedure/machine';
import { chairMoveKinds, KEYS, moveKindsOf, STANCE_KEYS } from '../../src/ui/keys';
import { CastRecorder, parseCast } from '../../src/ui/cast';
import { parseScript } from '../../src/ui/script';
import { PACKAGE_ROOT } from '../../src/common/paths';

describe('keys', () => {
  it('one mnemonic key per kind of chair move, from the procedure\'s own list of chair events', () => {
    const kinds = chairMoveKinds(3);
    expect(kinds.map((k) => `${k.key} ${k.type}`)).toEqual(
      [...new Set(chairMoves(3).map((e) => e.type))].map((type) => `${kinds.find((k) => k.type === type)!.key} ${type}`),
    );
    expect(Object.fromEntries(kinds.map((k) => [k.type, k.key]))).toMatchObject({ TABLE: 't', CALL_FOR_CONSENSUS: 'c', CALL_VOTE: 'v', CONSULT: 'o', OFFER_CONCESSION: 'n', DEFER: 'd', CLOSE: 'x' });
  });

  it('a chair event the procedure adds later gets a free key of its own (fallback), never one in use', () => {
    const kinds = moveKindsOf(['TABLE', 'CALL_FOR_CONSENSUS', 'EXTEND', 'REFER', 'SUSPEND_SITTING', 'CLOSE', 'TAKE_NOTE']);
    const keys = kinds.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(kinds.find((k) => k.type === 'EXTEND')!.key).toBe('e');
    expect(kinds.find((k) => k.type === 'REFER')!.key).toBe('f');
    const suspend = kinds.find((k) => k.type === 'SUSPEND_SITTING')!;
    expect(suspend.label).toBe('suspend sitting');
    const taken = new Set<string>([...Object.values(KEYS), ...STANCE_KEYS, 'h', 't', 'c', 'e', 'f', 'x']);
    expect(taken.has(suspend.key)).toBe(false);
    expect(taken.has(kinds.find((k) => k.type === 'TAKE_NOTE')!.key)).toBe(false);
    // the same list gives the same keys (a key keeps its meaning from one screen to the next)
    expect(moveKindsOf(['TABLE', 'CALL_FOR_CONSENSUS', 'EXTEND', 'REFER', 'SUSPEND_SITTING', 'CLOSE', 'TAKE_NOTE'])).toEqual(kinds);
  });
});

describe('asciicast', () => {
  it('writes a header line and events in time order, from the clock it is given', () => {
    const times = [10, 10.5, 10.25, 12];
    const cast = new CastRecorder({ version: 2, width: 80, height: 24 }, () => times.shift()!);
    cast.output('a');
    cast.output('b'); // the clock went back: the event keeps the last time
    cast.output('');
    cast.output('c');
    const { header, events } = parseCast(cast.text());
    expect(header).toEqual({ version: 2, width: 80, height: 24 });
    expect(events).toEqual([
      [0.5, 'o', 'a'],
      [0.5, 'o', 'b'],
      [2, 'o', 'c'],
    ]);
    expect(() => parseCast('{"version":1}\n')).toThrow('line 1: not an asciicast v2 header');
  });
});

describe('demo scripts', () => {
  it('the bundled demo is valid and uses only the trainer\'s keys', () => {
    const file = join(PACKAGE_ROOT, 'docs', 'demos', 'swakopmund-chair.yaml');
    const script = parseScript(readFileSync(file, 'utf8'), file);
    expect(script.title).toContain('Swakopmund 2009');
    expect(script.steps.length).toBeGreaterThan(5);
    const chairKeys = new Set(chairMoveKinds(2).map((k) => k.key));
    for (const key of script.steps.flatMap((s) => s.keys ?? [])) expect(chairKeys.has(key) || ['space', 'tab', '1', '2'].includes(key), key).toBe(true);
  });

  it('lists every problem with its place', () => {
    expect(() => parseScript('steps: []\nspeed: 2\n', 'x.yaml')).toThrow(/x.yaml: speed: unknown field[\s\S]*x.yaml: steps: expected a non-empty list/);
    expect(() => parseScript('steps:\n  - caption: 3\n  - quit: yes please\n', 'x.yaml')).toThrow(/x.yaml: steps\[0\].caption: expected text\nx.yaml: steps\[1\].quit: expected true or false/);
  });
});
