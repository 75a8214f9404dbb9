/** Command-line value parsers: every text gets a value or a message saying what is allowed; never a crash. */
import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatParser, MAX_RUNS, parseRuns, parseSeed, MAX_SEED_LENGTH, REPORT_FORMATS } from '../../src/cli/options';

const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).not.toMatch(/\n/);
    return error;
  }
};

describe('parseRuns', () => {
  it('every whole number from 1 to the maximum, written plainly, with separators or in e-notation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_RUNS }), (n) => {
        expect(parseRuns(String(n))).toBe(n);
        expect(parseRuns(` ${n.toLocaleString('en-US')} `)).toBe(n);
        expect(parseRuns(n.toExponential())).toBe(n);
      }),
    );
    expect(parseRuns('10_000')).toBe(10_000);
    expect(parseRuns('1e4')).toBe(10_000);
  });

  it('any other text: a message naming the allowed range, never a number outside it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String), fc.constantFrom('1e12', '-0', '0', '1.5', 'Infinity', 'NaN', '0x10', '1e400', '')), (text) => {
        const r = outcome(() => parseRuns(text));
        if (typeof r === 'number') {
          expect(Number.isInteger(r)).toBe(true);
          expect(r).toBeGreaterThanOrEqual(1);
          expect(r).toBeLessThanOrEqual(MAX_RUNS);
        } else expect((r as Error).message).toMatch(/10,000,000|at least 1 run/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseSeed and formats', () => {
  it('any seed text is taken as given (up to a length that guards against pasting a file)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (s) => {
      expect(parseSeed(s)).toBe(s);
    }));
    expect(parseSeed('x'.repeat(MAX_SEED_LENGTH))).toHaveLength(MAX_SEED_LENGTH);
    expect(outcome(() => parseSeed('x'.repeat(MAX_SEED_LENGTH + 1)))).toBeInstanceOf(InvalidArgumentError);
  });

  it('formats: the allowed list, and a suggestion when close', () => {
    const parse = formatParser(REPORT_FORMATS);
    for (const f of REPORT_FORMATS) expect(parse(f)).toBe(f);
    expect(() => parse('jsno')).toThrow('unknown format "jsno" (allowed: table, json, csv, markdown, html). Did you mean "json"?');
    expect(() => parse('xml')).toThrow('unknown format "xml" (allowed: table, json, csv, markdown, html)');
  });
});
