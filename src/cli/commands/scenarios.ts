/** `plenary scenarios`: the bundled scenarios, each by the id that runs it, with its file, title and rule in force. */
import { bundledScenarios } from '../../scenario/bundled';
import { validateFile } from '../../scenario/load';
import { textTable } from '../../report/table';

/** `plenary scenarios`: every bundled scenario, by the id that runs it (`plenary run <id>`), its file, title and rule. */
export function scenariosCommand(format: 'table' | 'json' = 'table'): string {
  const list = bundledScenarios().map((b) => {
    const result = validateFile(b.path);
    const s = result.scenario;
    return { id: b.id, file: b.file, title: s ? s.meeting.title : `INVALID (${result.errors.length} problems)`, rule: s ? s.rule : '', valid: s !== undefined };
  });
  if (format === 'json') return `${JSON.stringify(list, null, 2)}\n`;
  const rows = list.map((x) => [x.id, x.file, x.title, x.rule]);
  return `${textTable([{ header: 'Scenario id' }, { header: 'File' }, { header: 'Title' }, { header: 'Rule in force' }], rows)}\n\nRun one by its id or file, e.g. plenary run ${list[1]?.id ?? list[0]?.id ?? 'kp-2009-swakopmund'}\n`;
}
