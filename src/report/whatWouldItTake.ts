/**
 * The `plenary what-would-it-take` report: the text a reader follows (the target, where it stands now, the
 * candidates, the sets found with their chances) and the same as JSON for a program, both with the provenance stamp.
 */
import type { WhatWouldItTake } from '../analyses/whatWouldItTake';
import { stampLines, type Stamp } from './provenance';
import { interval, pct, textTable } from './table';

export type WwitFormat = 'table' | 'json';
export const WWIT_FORMATS: readonly WwitFormat[] = ['table', 'json'];

export interface WwitReport extends WhatWouldItTake {
  readonly scenario: { readonly id: string; readonly title: string; readonly file?: string };
  readonly provenance?: Stamp;
}

export function renderWwit(w: WwitReport, format: WwitFormat): string {
  return format === 'json' ? `${JSON.stringify(w, null, 2)}\n` : wwitText(w);
}

/** How the search ended, in a sentence or two: what the sets below are (or why there are none). */
function findings(w: WhatWouldItTake): string {
  const change = w.stance === 'support' ? 'supported it' : 'accepted it';
  if (w.method === 'none-needed') return 'It is already the most likely outcome: nobody needs to move.';
  if (w.method === 'exact') {
    const size = w.sets[0].participants.length;
    return `Exact among the ${w.candidates.length} candidates: no set of ${w.searchedSize === 0 ? 'fewer' : `${w.searchedSize} or fewer`} participants is enough; ${w.sets.length} set${w.sets.length === 1 ? '' : 's'} of ${size} ${w.sets.length === 1 ? 'is' : 'are'}, if they ${change}:`;
  }
  if (w.method === 'greedy') {
    return `HEURISTIC (greedy: add the participant who raises the chance most, one at a time). Sets up to ${w.searchedSize} were checked exactly and none is enough; this set of ${w.sets[0].participants.length} is enough if they ${change}, so the smallest set has between ${w.searchedSize + 1} and ${w.sets[0].participants.length} participants:`;
  }
  return `Not found: no set of up to ${w.searchedSize} among the candidates (checked exactly), and not all ${w.candidates.length} candidates together (greedy), make it the most likely outcome under this rule. Try more --candidates (up to 60), or another --rule.`;
}

function wwitText(w: WwitReport): string {
  const lines = [
    ...(w.partial ? [`PARTIAL (interrupted after ${w.evaluated} sets): the search did not finish; what follows is not an answer.`] : []),
    w.scenario.title,
    `Target: "${w.targetLabel}" as the most likely outcome · rule ${w.rule} · ${w.runs} runs per set (the same runs for every set) · seed ${JSON.stringify(w.seed)}`,
    `Now: ${pct(w.baseline.share)} (${interval(w.baseline.ci95)}); the most likely outcome is ${w.baseline.modalOutcome}.`,
    '',
  ];
  const stamp = w.provenance ? ['', ...stampLines(w.provenance)] : [];
  if (w.method === 'none-needed') return `${[...lines, findings(w), ...stamp].join('\n')}\n`;
  lines.push(`Candidates (most frequent decisive blockers of the target first): ${w.candidates.map((c) => `${c.name}${c.decisiveShare > 0 ? ` ${pct(c.decisiveShare)}` : ''}`).join(', ')}`, '');
  lines.push(findings(w));
  if (w.method === 'not-found') return `${[...lines, ...stamp].join('\n')}\n`;
  lines.push(textTable([{ header: 'Participants' }, { header: 'Chance', align: 'right' }, { header: '95% interval', align: 'right' }], w.sets.slice(0, 15).map((s) => [s.names.join(' + '), pct(s.share), interval(s.ci95)])));
  if (w.sets.length > 15) lines.push(`... and ${w.sets.length - 15} more sets of the same size`);
  lines.push('', `${w.evaluated} scenario variants simulated. "Exact" is exact among the candidates and up to simulation noise in deciding which outcome is most likely; raise --runs to firm it up.`, ...stamp);
  return `${lines.join('\n')}\n`;
}
