/**
 * The validator answers every input: a scenario or a list of located problems, never an exception. Inputs are
 * arbitrary JSON values, arbitrary text, and mutations of valid documents (wrong types, deleted keys, random ids).
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateData, validateText } from '../../src/scenario/load';
import { renderProblem } from '../../src/scenario/problems';
import { mutate, mutation, validScenario } from '../robustness/arbitraries';

function expectAnswer(result: ReturnType<typeof validateData>): void {
  // either a scenario and no errors, or errors and no scenario; every problem renders to one non-empty line
  expect(result.scenario === undefined).toBe(result.errors.length > 0);
  for (const p of [...result.errors, ...result.warnings]) {
    expect(p.message.length).toBeGreaterThan(0);
    expect(renderProblem(p)).not.toMatch(/\n/);
    expect(renderProblem(p)).not.toMatch(/ at .*\.(ts|js):\d+/); // no stack frames
  }
}

describe('validateData / validateText never throw', () => {
  it('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expectAnswer(validateData(value));
      }),
      { numRuns: 500 },
    );
  });

  it('objects with scenario keys and arbitrary values', () => {
    const keys = ['id', 'meeting', 'rule', 'procedure', 'model', 'roster', 'defaults', 'participants', 'blocs', 'subject', 'options', 'statusQuo', 'pressure', 'agenda', 'actual', 'sources'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 })), (value) => {
        expectAnswer(validateData(value));
      }),
      { numRuns: 500 },
    );
  });

  it('random generated valid scenarios are valid', () => {
    fc.assert(
      fc.property(validScenario, ({ doc }) => {
        const result = validateData(doc);
        expect(result.errors.map(renderProblem)).toEqual([]);
        expect(result.scenario).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('mutations of valid scenarios: wrong types, deleted keys, random ids', () => {
    fc.assert(
      fc.property(validScenario, fc.array(mutation, { minLength: 1, maxLength: 6 }), ({ doc }, mutations) => {
        expectAnswer(validateData(mutate(doc, mutations)));
      }),
      { numRuns: 1000 },
    );
  });

  it('the same mutations as YAML text keep line numbers on every problem', () => {
    fc.assert(
      fc.property(validScenario, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ doc }, mutations) => {
        const mutated = mutate(doc, mutations);
        let text: string;
        try {
          text = stringify(mutated);
        } catch {
          return; // not representable as YAML (never mind: the property is about the validator)
        }
        const result = validateText(text, 'mutated.yaml');
        expectAnswer(result);
        for (const p of result.errors) expect(p.line, renderProblem(p)).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('*a', '&a [*a]', '!!binary x', '{', ': :', '- - -', '%YAML 1.1\n---\nx: 1', '? [a]\n: b', '<<: *a')), (text) => {
        expectAnswer(validateText(text));
      }),
      { numRuns: 1000 },
    );
  });
});
