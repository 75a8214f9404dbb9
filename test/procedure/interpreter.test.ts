/**
 * The compiler refuses what it cannot run, with an error naming the state, instead of silently running something
 * else than XState would.
 */
import { assign, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileMachine, send, UncompilableMachineError } from '../../src/procedure/interpreter';

interface C {
  n: number;
}
type E = { type: 'GO' } | { type: 'STOP' };
const mutators = { bump: (c: C) => void (c.n += 1) };
const guards = { open: (c: C) => c.n < 3 };
const base = setup({
  types: { context: {} as C, events: {} as E },
  actions: { bump: assign(({ context }) => ({ n: context.n + 1 })) },
  guards: { open: ({ context }) => context.n < 3 },
  delays: { soon: 10 },
});

const compile = (machine: Parameters<typeof compileMachine>[0]) => () => compileMachine<C, E>(machine, guards, mutators as never);

describe('compileMachine refuses what it cannot run', () => {
  it('compiles a flat machine of named guards and actions, and runs it', () => {
    const m = base.createMachine({
      id: 'ok',
      context: { n: 0 },
      initial: 'a',
      states: { a: { on: { GO: { guard: 'open', actions: 'bump' }, STOP: 'b' } }, b: { type: 'final' } },
    });
    const compiled = compileMachine<C, E>(m, guards, mutators as never);
    const config = { state: compiled.initial, context: { n: 0 } };
    for (let k = 0; k < 5; k++) send(compiled, config, { type: 'GO' });
    expect(config.context.n).toBe(3);
  });

  const cases: [string, Parameters<typeof compileMachine>[0], RegExp][] = [
    ['entry', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { entry: 'bump' } } }), /state "a" has entry actions/],
    ['exit', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { exit: 'bump', on: { GO: 'b' } }, b: {} } }), /state "a" has exit actions/],
    ['after', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { after: { soon: 'b' } }, b: {} } }), /state "a" has delayed \(after\) transitions/],
    ['invoke', setup({ types: { context: {} as C, events: {} as E } }).createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { invoke: { src: 'anything' } } } } as never) as unknown as Parameters<typeof compileMachine>[0], /state "a" invokes an actor/],
    ['nested', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } }), /state "a" has nested states/],
    ['parallel', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { type: 'parallel', states: { x: {}, y: {} } } } }), /state "a" is a parallel state/],
    ['inline guard', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { on: { GO: { guard: ({ context }) => context.n > 0, target: 'b' } } }, b: {} } }), /state "a" has an unnamed \(inline\) guard on GO/],
    ['inline action', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { on: { GO: { actions: assign({ n: 1 }) } } } } }), /state "a" has an unnamed \(inline\) action on GO/],
    ['unknown action', setup({ types: { context: {} as C, events: {} as E }, actions: { other: assign({ n: 2 }) } }).createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { on: { GO: { actions: 'other' } } } } }), /state "a" uses action "other" on GO, which has no implementation/],
    ['machine entry', base.createMachine({ id: 'm', context: { n: 0 }, entry: 'bump', initial: 'a', states: { a: {} } }), /the machine has entry actions/],
    ['machine transitions', base.createMachine({ id: 'm', context: { n: 0 }, on: { GO: '.a' }, initial: 'a', states: { a: {} } }), /the machine has transitions on the machine itself/],
  ];

  it.each(cases)('%s', (_name, machine, message) => {
    expect(compile(machine)).toThrow(UncompilableMachineError);
    expect(compile(machine)).toThrow(message);
    expect(compile(machine)).toThrow(/cannot compile machine "m"/);
  });
});
