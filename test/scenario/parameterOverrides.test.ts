/**
 * `--param NAME=VALUE` in the scenario layer: the parser (names in any case, comma lists, ranges from the parameters
 * file's bounds, every refusal a UserError saying what is allowed) and the one resolver (a value set on the command
 * line wins over the scenario's own `model:` value and the parameters file, and carries a command-line source).
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/common/errors';
import { loadScenario, scenarioDocument, validateData } from '../../src/scenario/load';
import { defaultParameters, GLOBAL_PARAMETER_NAMES, GLOBAL_PARAMETER_RANGES } from '../../src/scenario/parameters';
import { parametersSet, parseParameterOverrides, resolveParameter } from '../../src/scenario/parameterOverrides';
import { deriveScenario } from '../../src/scenario/derive';
import { declaredSites } from '../../src/scenario/inputs';
import { factorsOf } from '../../src/analyses/sensitivity/factors';

const SWAKOPMUND = 'scenarios/kp-2009-swakopmund.yaml';

const refused = (texts: string[]): string => {
  try {
    parseParameterOverrides(texts);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${texts.join(' ')}`);
};

describe('--param parsing', () => {
  it('reads NAME=VALUE, repeated or comma-separated, names in any case', () => {
    expect(parseParameterOverrides(['pressureEffect=1'])).toEqual({ pressureEffect: 1 });
    expect(parseParameterOverrides(['PRESSUREEFFECT=0.5', 'vetocost=0.25'])).toEqual({ pressureEffect: 0.5, vetoCost: 0.25 });
    expect(parseParameterOverrides(['resistance=0.8, positionNoise=20'])).toEqual({ resistance: 0.8, positionNoise: 20 });
    expect(parseParameterOverrides(['resistance=0.8'], { vetoCost: 0 })).toEqual({ vetoCost: 0, resistance: 0.8 });
    // the ends of each range are allowed
    for (const name of GLOBAL_PARAMETER_NAMES) {
      const [min, max] = GLOBAL_PARAMETER_RANGES[name];
      expect(parseParameterOverrides([`${name}=${min}`, `${name}=${min}`])).toEqual({ [name]: min });
      expect(parseParameterOverrides([`${name}=${max}`])).toEqual({ [name]: max });
    }
  });

  it('refuses unknown names, values out of range or not numbers, and a parameter given twice, saying what is allowed', () => {
    const unknown = refused(['pressureEfect=1']);
    expect(unknown).toMatch(/^--param pressureEfect=1: not a model parameter/);
    expect(unknown).toContain('pressureEffect, cohesion');
    expect(unknown).toContain('Did you mean "pressureEffect"?');
    expect(refused(['pressureEffect=1.5'])).toBe('--param pressureEffect=1.5: 1.5 is outside the range of pressureEffect (allowed: 0 to 1)');
    expect(refused(['positionNoise=51'])).toBe('--param positionNoise=51: 51 is outside the range of positionNoise (allowed: 0 to 50)');
    expect(refused(['vetoCost=-0.1'])).toMatch(/outside the range of vetoCost \(allowed: 0 to 1\)/);
    expect(refused(['vetoCost=high'])).toBe('--param vetoCost=high: "high" is not a number; vetoCost takes a number from 0 to 1, e.g. --param vetoCost=1');
    expect(refused(['vetoCost='])).toMatch(/"" is not a number/);
    expect(refused(['pressureEffect'])).toMatch(/^--param pressureEffect: give NAME=VALUE .*positionNoise \(0 to 50\)/);
    expect(refused(['pressureEffect=1', 'pressureEffect=0'])).toBe('--param: pressureEffect is given twice (1 and 0); give it once');
  });
});

describe('the one resolver', () => {
  const parameters = defaultParameters();

  it('--param, else the scenario, else the parameters file', () => {
    expect(resolveParameter('vetoCost', 0.3, parameters, { vetoCost: 0.7 })).toEqual({ value: 0.7, origin: '--param' });
    expect(resolveParameter('vetoCost', 0.3, parameters, {})).toEqual({ value: 0.3, origin: 'scenario' });
    expect(resolveParameter('vetoCost', undefined, parameters, { pressureEffect: 1 })).toEqual({ value: parameters.vetoCost, origin: 'parameters file' });
  });

  it('a loaded scenario: the model, its input site and what was replaced', () => {
    const plain = loadScenario(SWAKOPMUND);
    expect(plain.model.pressureEffect).toBe(parameters.pressureEffect);
    expect(plain.overrides).toBeUndefined();
    const set = loadScenario(SWAKOPMUND, { overrides: { pressureEffect: 1 } });
    expect(set.model.pressureEffect).toBe(1);
    expect(set.model.vetoCost).toBe(plain.model.vetoCost);
    expect(set.overrides).toEqual({ pressureEffect: 1 });
    const site = set.inputs.find((s) => s.id === 'model.pressureEffect')!;
    expect(site).toMatchObject({ point: 1, fixed: '--param', status: 'assumption' });
    expect(site.source).toBe(`assumption: set on the command line (--param pressureEffect=1) instead of the parameters file's ${parameters.pressureEffect}`);
    expect(plain.inputs.find((s) => s.id === 'model.pressureEffect')!.fixed).toBeUndefined();
    expect(parametersSet(set.overrides, set.document?.model as never, set.parameters!)).toEqual([{ name: 'pressureEffect', value: 1, from: '--param', instead: { value: parameters.pressureEffect, from: 'parameters file' } }]);
  });

  it('wins over a value the scenario sets itself, as --rule wins over its rule', () => {
    const doc = scenarioDocument(SWAKOPMUND) as { model: Record<string, unknown> };
    const own = { ...doc, model: { ...doc.model, pressureEffect: 0.4, source: 'a test value' } };
    const written = validateData(own, 'own.yaml').scenario!;
    expect(written.model.pressureEffect).toBe(0.4);
    const set = validateData(own, 'own.yaml', undefined, { overrides: { pressureEffect: 0.9 } }).scenario!;
    expect(set.model.pressureEffect).toBe(0.9);
    expect(set.inputs.find((s) => s.id === 'model.pressureEffect')!.source).toMatch(/instead of the scenario's 0\.4$/);
    expect(parametersSet(set.overrides, set.document?.model as never, set.parameters!)[0].instead).toEqual({ value: 0.4, from: 'scenario' });
  });

  it('fixes a parameter the scenario gives as a distribution: no longer drawn', () => {
    const doc = scenarioDocument(SWAKOPMUND) as { model: Record<string, unknown> };
    const ranged = { ...doc, model: { ...doc.model, pressureEffect: { between: [0.2, 0.6] }, source: 'assumption: a range' } };
    const drawn = validateData(ranged, 'ranged.yaml').scenario!;
    expect(declaredSites(drawn.inputs).map((s) => s.id)).toContain('model.pressureEffect');
    const fixed = validateData(ranged, 'ranged.yaml', undefined, { overrides: { pressureEffect: 1 } }).scenario!;
    expect(declaredSites(fixed.inputs).map((s) => s.id)).not.toContain('model.pressureEffect');
    expect(fixed.model.pressureEffect).toBe(1);
    // the model line names the distribution by its mean (the point document's value); the input site says "a distribution"
    expect(parametersSet(fixed.overrides, fixed.document?.model as never, fixed.parameters!)[0].instead).toEqual({ value: 0.4, from: 'scenario' });
    expect(fixed.inputs.find((s) => s.id === 'model.pressureEffect')!.source).toMatch(/instead of the scenario's distribution$/);
  });

  it('travels with derived scenarios (input draws, sensitivity design points), and is no sensitivity factor', () => {
    const set = loadScenario(SWAKOPMUND, { overrides: { pressureEffect: 1 } });
    const site = set.inputs.find((s) => s.id === 'defaults.salience' || s.field === 'salience')!;
    const derived = deriveScenario(set, [site], [0.5]);
    expect(derived.model.pressureEffect).toBe(1);
    expect(derived.overrides).toEqual({ pressureEffect: 1 });
    const ids = (s: typeof set) => factorsOf(s.inputs, 'spatial').map((f) => f.site.id);
    expect(ids(loadScenario(SWAKOPMUND))).toContain('model.pressureEffect');
    expect(ids(set)).not.toContain('model.pressureEffect');
    expect(ids(set)).toContain('model.vetoCost');
  });
});
