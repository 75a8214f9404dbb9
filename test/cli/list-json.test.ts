/** `plenary rules` and `plenary reforms` as JSON: the same entries as the tables, each with its source. */
import { describe, expect, it } from 'vitest';
import { loadReforms } from '../../src/analyses/reforms';
import { reformsCommand } from '../../src/cli/commands/reforms';
import { rulesCommand } from '../../src/cli/commands/rules';
import { MODIFIERS, parseRule, RULES } from '../../src/rules/registry';

describe('list commands as JSON', () => {
  it('rules: every rule and modifier of the registry, with a source, and every example parses', () => {
    const doc = JSON.parse(rulesCommand('json')) as { rules: { syntax: string; example: string; source: string }[]; modifiers: { syntax: string; source: string }[] };
    expect(doc.rules.map((r) => r.syntax)).toEqual(RULES.map((r) => r.syntax));
    expect(doc.modifiers.map((m) => m.syntax)).toEqual(MODIFIERS.map((m) => m.syntax));
    for (const r of doc.rules) {
      expect(r.source.length, r.syntax).toBeGreaterThan(0);
      expect(typeof parseRule(r.example), r.example).not.toBe('string');
    }
    expect(rulesCommand('table')).toContain(RULES[0].syntax);
  });

  it('reforms: every bundled reform with its rule and source, no machine paths', () => {
    const text = reformsCommand('json');
    const doc = JSON.parse(text) as { reforms: { id: string; rule: string }[] };
    expect(doc.reforms.map((r) => r.id)).toEqual(loadReforms().map((r) => r.id));
    for (const r of doc.reforms) expect(typeof parseRule(r.rule), r.id).not.toBe('string');
    expect(text).not.toMatch(/"file"|\/work\/|parsedRule/);
    expect(text).toContain('docs/sources/');
  });
});
