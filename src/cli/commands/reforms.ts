/** `plenary reforms`: the bundled reform proposals (scenarios/reforms/). */
import { loadReforms } from '../../analyses/reforms';
import { textTable } from '../../report/table';

/** `plenary reforms`: the bundled reform proposals. */
export function reformsCommand(format: 'table' | 'json' = 'table'): string {
  const reforms = loadReforms();
  if (format === 'json') {
    // the reform documents as written (their sources included), without the parsed rule object and the machine's path
    const documents = reforms.map(({ parsedRule: _rule, file: _file, ...document }) => document);
    return `${JSON.stringify({ reforms: documents }, null, 2)}\n`;
  }
  const rows = reforms.map((r) => [r.id, r.rule, `${r.proponent}, ${r.date}`, r.kind === 'kp-proposal' ? 'KP proposal' : 'comparator']);
  return `${textTable([{ header: 'Reform' }, { header: 'Rule' }, { header: 'Proponent, date' }, { header: 'Kind' }], rows)}\n\nCompare them all on a scenario: plenary compare --reforms [scenario]\n`;
}
