/** `plenary participants`: who sits at the table, with the ids that --as, sweep paths and stances use. */
import { defaultScenarioFile } from '../../common/paths';
import { textTable } from '../../report/table';
import { loadScenario } from '../../scenario/load';

export function participantsCommand(scenarioFile: string | undefined, format: 'table' | 'json' = 'table'): string {
  const scenario = loadScenario(scenarioFile ?? defaultScenarioFile());
  const blocName = (id: string) => scenario.blocs.find((b) => b.id === id)?.name ?? id;
  const list = scenario.participants.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    blocs: [...p.blocs],
    present: p.present,
    leads: scenario.blocs.filter((b) => b.leader === p.id).map((b) => b.id),
    subject: scenario.subject === p.id,
  }));
  if (format === 'json') return `${JSON.stringify({ scenario: scenario.id, participants: list, blocs: scenario.blocs.map((b) => ({ id: b.id, name: b.name, leader: b.leader ?? null, members: [...b.members] })) }, null, 2)}\n`;
  const rows = list.map((p) => [
    p.id,
    p.name,
    `${p.role}${p.subject ? ', subject of the item' : ''}${p.present ? '' : ', absent'}`,
    p.blocs.map((b) => `${b}${p.leads.includes(b) ? ' (leader)' : ''}`).join(', '),
  ]);
  const blocs = scenario.blocs.map((b) => `  ${b.id}: ${blocName(b.id)}, ${b.members.length} member${b.members.length === 1 ? '' : 's'}${b.leader ? `, led by ${b.leader}` : ''}`);
  return `${scenario.meeting.title}: ${list.length} at the table (${list.filter((p) => p.role === 'participant').length} participants, ${list.filter((p) => p.role === 'observer').length} observers)\n\n${textTable([{ header: 'Id' }, { header: 'Name' }, { header: 'Role' }, { header: 'Blocs' }], rows)}\n${blocs.length > 0 ? `\nBlocs:\n${blocs.join('\n')}\n` : ''}\nUse the ids on the command line: plenary play --as ${list.find((p) => p.role === 'participant')?.id ?? 'ID'}; plenary sweep --vary "participants[id=${list[0]?.id ?? 'ID'}].flexibility=0:1:0.25"\n`;
}
