/** `plenary reforms`: the bundled reform proposals (scenarios/reforms/). */
import { loadReforms } from '../../analyses/reforms';
import { textTable } from '../../report/table';

/** `plenary reforms`: the bundled reform proposals. */
export function reformsCommand(): string {
  const reforms = loadReforms();
  const rows = reforms.map((r) => [r.id, r.rule, `${r.proponent}, ${r.date}`, r.kind === 'kp-proposal' ? 'KP proposal' : 'comparator']);
  return `${textTable([{ header: 'Reform' }, { header: 'Rule' }, { header: 'Proponent, date' }, { header: 'Kind' }], rows)}\n\nCompare them all on a scenario: plenary compare --reforms [scenario]\n`;
}
