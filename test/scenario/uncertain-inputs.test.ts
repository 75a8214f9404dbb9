import { resolve } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { loadScenario, validateText } from '../../src/scenario/load';
import { renderProblem } from '../../src/scenario/problems';
import { declaredSites, drawInputs, sourceStatus } from '../../src/scenario/inputs';
import { betaI, betaQuantile, dirichletMean, gammaP, gammaQuantile, meanOf, quantile } from '../../src/scenario/distributions';
import { deriveScenario } from '../../src/scenario/derive';
import { DEFAULT_SCENARIO } from '../../src/common/paths';
import { defaultParameters } from '../../src/scenario/parameters';

const FIXTURE = resolve(__dirname, '../fixtures/valid/uncertain-objector.yaml');
const rng = (seed: string) => seedrandom.alea(seed) as () => number;

const BASE = (participant: string) => `id: ok
meeting: { body: Test body, title: Ranges }
rule: consensus
participants:
  - ${participant}
  - { id: b, name: B }
options:
  - { id: act, name: Act }
  - { id: nothing, name: Nothing, tabled: false }
statusQuo: nothing
`;

const errorsOf = (text: string) => validateText(text, 'x.yaml').errors.map(renderProblem);

describe('inputs as ranges or distributions in the scenario format', () => {
  it('a range, a Beta, a triangular and a Dirichlet validate; a point run uses their means', () => {
    const v = validateText(BASE('{ id: a, name: A, salience: { between: [0.6, 0.9] }, flexibility: { beta: [2, 6] }, weight: { triangular: [1, 2, 6] }, stances: { act: { dirichlet: { support: 2, accept: 5, object: 3 }, source: "assumption: x" } } }'), 'x.yaml');
    expect(v.errors.map(renderProblem)).toEqual([]);
    const a = v.scenario!.participants.find((p) => p.id === 'a')!;
    expect(a.salience).toBeCloseTo(0.75, 12);
    expect(a.flexibility).toBeCloseTo(0.25, 12);
    expect(a.weight).toBeCloseTo(3, 12);
    expect(a.stances.act).toEqual([0.2, 0.5, 0, 0.3]);
    expect(declaredSites(v.scenario!.inputs).map((s) => s.id)).toEqual([
      'participants[id=a].weight',
      'participants[id=a].salience',
      'participants[id=a].flexibility',
      'participants[id=a].stances.act',
    ]);
  });

  it('a ranged stance probability: the means must sum to 1', () => {
    expect(errorsOf(BASE('{ id: a, name: A, stances: { act: { object: { between: [0.2, 0.4] }, support: 0.7 } } }'))).toEqual([]);
    expect(errorsOf(BASE('{ id: a, name: A, stances: { act: { object: { between: [0.2, 0.6] }, support: 0.7 } } }')).join('\n')).toMatch(/stances\.act: stance probabilities sum to 1.1/);
  });

  it('bad distributions get a located, specific message', () => {
    expect(errorsOf(BASE('{ id: a, name: A, salience: { between: [0.6, 1.2] } }')).join('\n')).toMatch(/x\.yaml:5:\d+ participants\[0\]\.salience\.between\[1\]: value must be <= 1, received 1\.2/);
    expect(errorsOf(BASE('{ id: a, name: A, salience: { between: [0.9, 0.6] } }')).join('\n')).toMatch(/participants\[0\]\.salience\.between: between: \[low, high\] needs low <= high/);
    expect(errorsOf(BASE('{ id: a, name: A, salience: { betta: [2, 3] } }')).join('\n')).toMatch(/participants\[0\]\.salience: not a known distribution \(betta\); write a number, or a distribution: \{ between/);
    expect(errorsOf(BASE('{ id: a, name: A, salience: { beta: [0, 3] } }')).join('\n')).toMatch(/salience\.beta\[0\]: value must be > 0/);
    expect(errorsOf(BASE('{ id: a, name: A, weight: { beta: [1, 3] } }')).join('\n')).toMatch(/weight/); // Beta is for probabilities only
    expect(errorsOf(BASE('{ id: a, name: A, stances: { act: { dirichlet: { support: 0 } } } }')).join('\n')).toMatch(/at least one stance needs a weight > 0/);
    // the messages for plain numbers are those of before
    expect(errorsOf(BASE('{ id: a, name: A, salience: high }')).join('\n')).toMatch(/participants\[0\]\.salience: expected number, received "high"/);
    expect(errorsOf(BASE('{ id: a, name: A, salience: 1.5 }')).join('\n')).toMatch(/participants\[0\]\.salience: value must be <= 1, received 1\.5/);
    expect(errorsOf(BASE('{ id: a, name: A, stances: { act: { suport: 1 } } }')).join('\n')).toMatch(/unknown key "suport"\. Did you mean "support"\?/);
  });

  it('sources survive normalisation: every input site carries its source and how it reads', () => {
    const s = loadScenario(DEFAULT_SCENARIO);
    const site = (id: string) => s.inputs.find((x) => x.id === id)!;
    expect(site('participants[id=zimbabwe].stances.suspend').source).toMatch(/Zimbabwe opposed suspension/);
    expect(site('participants[id=zimbabwe].stances.suspend').status).toBe('sourced');
    expect(site('blocs[id=sadc].defaults.salience').status).toBe('assumption');
    expect(site('blocs[id=sadc].defaults.stances.suspend').status).toBe('assumed number');
    expect(site('model.resistance').source).toBe(defaultParameters().source); // a value the scenario does not set: the parameters file's source
    expect(s.participants.find((p) => p.id === 'zimbabwe')!.source).toBeDefined();
    expect(sourceStatus(undefined)).toBe('unsourced');
    expect(sourceStatus('Assumption: x')).toBe('assumption');
    expect(sourceStatus('https://example.org, numbers assumed')).toBe('assumed number');
  });

  it('draws are deterministic in the generator, inside the bounds, and derive valid scenarios', () => {
    const s = loadScenario(FIXTURE);
    const sites = declaredSites(s.inputs);
    expect(sites.map((x) => x.id)).toEqual(['participants[id=a].stances.act', 'participants[id=c].salience']);
    const one = drawInputs(sites, rng('d'));
    expect(drawInputs(sites, rng('d'))).toEqual(one);
    for (let i = 0; i < 50; i++) {
      const [mix, salience] = drawInputs(sites, rng(`d${i}`)) as [number[], number];
      expect(salience).toBeGreaterThanOrEqual(0);
      expect(salience).toBeLessThanOrEqual(1);
      expect(mix[0] + mix[3]).toBeCloseTo(1, 12);
      const derived = deriveScenario(s, sites, [mix, salience]);
      expect(derived.participants.find((p) => p.id === 'a')!.stances.act[3]).toBeCloseTo(mix[3], 12);
      expect(derived.participants.find((p) => p.id === 'c')!.salience).toBeCloseTo(salience, 12);
    }
  });
});

describe('distribution numerics', () => {
  it('Beta and Gamma quantiles invert their distribution functions', () => {
    for (const [a, b] of [[2, 5], [0.5, 0.5], [30, 70]]) {
      for (const p of [0.025, 0.5, 0.975]) expect(betaI(a, b, betaQuantile(a, b, p))).toBeCloseTo(p, 9);
    }
    for (const a of [0.3, 1, 7]) for (const p of [0.01, 0.5, 0.99]) expect(gammaP(a, gammaQuantile(a, p))).toBeCloseTo(p, 9);
    expect(betaQuantile(1, 1, 0.3)).toBeCloseTo(0.3, 9); // Beta(1,1) is uniform
    expect(gammaQuantile(1, 0.5)).toBeCloseTo(Math.log(2), 9); // Gamma(1) is exponential
  });

  it('means and the triangular quantile', () => {
    expect(meanOf({ beta: [3, 7] })).toBeCloseTo(0.3, 12);
    expect(meanOf({ triangular: [0, 0.5, 1] })).toBeCloseTo(0.5, 12);
    expect(quantile({ triangular: [0, 0.5, 1] }, 0.5)).toBeCloseTo(0.5, 12);
    expect(quantile({ triangular: [0, 0, 1] }, 0.75)).toBeCloseTo(0.5, 12);
    expect(quantile({ between: [2, 4] }, 0.25)).toBe(2.5);
    expect(dirichletMean({ dirichlet: { support: 1, object: 3 } })).toEqual([0.25, 0, 0, 0.75]);
  });
});
