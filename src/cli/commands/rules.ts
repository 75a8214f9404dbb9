/** `plenary rules`: the decision rules and modifiers, each with what it means and a source. */
import { MODIFIERS, RULES } from '../../rules/registry';
import { textTable } from '../../report/table';

export function rulesCommand(format: 'table' | 'json' = 'table'): string {
  if (format === 'json') {
    const rules = RULES.map((r) => ({ kind: 'rule', syntax: r.syntax, example: r.example, summary: r.summary, source: r.source }));
    const modifiers = MODIFIERS.map((m) => ({ kind: 'modifier', syntax: m.syntax, summary: m.summary, source: m.source }));
    return `${JSON.stringify({ rules, modifiers }, null, 2)}\n`;
  }
  const rows = [...RULES.map((r) => [r.syntax, r.summary, r.source]), ...MODIFIERS.map((m) => [m.syntax, `modifier: ${m.summary}`, m.source])];
  return `${textTable([{ header: 'Rule' }, { header: 'What it means' }, { header: 'Source' }], rows)}\n\nRules compose: append modifiers with "+", e.g. consensus-then-vote:2/3:present+observers or qualified-majority:2/3+quorum:1/2.\nExample: plenary run --rule ${RULES[3]?.example ?? 'consensus'}\n`;
}
