/** `plenary what-would-it-take`: load, search (each step of the search a kernel job), narrate. */
import { DEFAULT_SCENARIO } from '../../common/paths';
import { whatWouldItTake, type NewStance, type WhatWouldItTake } from '../../analyses/whatWouldItTake';
import { interval, pct, textTable } from '../../report/table';
import { ruleOrThrow } from '../../rules/registry';
import { loadScenario } from '../../scenario/load';
import type { WorkerCount } from '../../engine/parallel';
import type { JobOutcome } from '../job';

export interface WwitCommandOptions {
  readonly scenario?: string;
  readonly target: string;
  readonly rule?: string;
  readonly to: NewStance;
  readonly maxSize: number;
  readonly candidates: number;
  readonly runs: number;
  readonly seed: string;
  readonly shouldStop?: () => boolean;
  readonly workers?: WorkerCount;
  /** sets simulated so far, of an upper estimate */
  readonly onProgress?: (sets: number, total: number) => void;
}

export async function whatWouldItTakeCommand(options: WwitCommandOptions): Promise<JobOutcome> {
  const scenario = loadScenario(options.scenario ?? DEFAULT_SCENARIO);
  const rule = ruleOrThrow(options.rule ?? scenario.rule);
  const w = await whatWouldItTake(scenario, rule, {
    target: options.target,
    stance: options.to,
    runs: options.runs,
    seed: options.seed,
    maxSize: options.maxSize,
    candidates: options.candidates,
    shouldStop: options.shouldStop,
    workers: options.workers,
    onProgress: options.onProgress,
  });
  return { text: renderWwit(w, scenario.meeting.title), partial: w.partial, marked: true };
}

export function renderWwit(w: WhatWouldItTake, title: string): string {
  const lines = [
    ...(w.partial ? [`PARTIAL (interrupted after ${w.evaluated} sets): the search did not finish; what follows is not an answer.`] : []),
    title,
    `Target: "${w.targetLabel}" as the most likely outcome · rule ${w.rule} · ${w.runs} runs per set (the same runs for every set) · seed ${JSON.stringify(w.seed)}`,
    `Now: ${pct(w.baseline.share)} (${interval(w.baseline.ci95)}); the most likely outcome is ${w.baseline.modalOutcome}.`,
    '',
  ];
  if (w.method === 'none-needed') return `${[...lines, 'It is already the most likely outcome: nobody needs to move.'].join('\n')}\n`;
  lines.push(`Candidates (most frequent decisive blockers of the target first): ${w.candidates.map((c) => `${c.name}${c.decisiveShare > 0 ? ` ${pct(c.decisiveShare)}` : ''}`).join(', ')}`, '');
  const change = w.stance === 'support' ? 'supported it' : 'accepted it';
  if (w.method === 'exact') {
    const size = w.sets[0].participants.length;
    lines.push(`Exact among the ${w.candidates.length} candidates: no set of ${w.searchedSize === 0 ? 'fewer' : `${w.searchedSize} or fewer`} participants is enough; ${w.sets.length} set${w.sets.length === 1 ? '' : 's'} of ${size} ${w.sets.length === 1 ? 'is' : 'are'}, if they ${change}:`);
  } else if (w.method === 'greedy') {
    lines.push(`HEURISTIC (greedy: add the participant who raises the chance most, one at a time). Sets up to ${w.searchedSize} were checked exactly and none is enough; this set of ${w.sets[0].participants.length} is enough if they ${change}, so the smallest set has between ${w.searchedSize + 1} and ${w.sets[0].participants.length} participants:`);
  } else {
    return `${[...lines, `Not found: no set of up to ${w.searchedSize} among the candidates (checked exactly), and not all ${w.candidates.length} candidates together (greedy), make it the most likely outcome under this rule. Try more --candidates (up to 60), or another --rule.`].join('\n')}\n`;
  }
  lines.push(textTable([{ header: 'Participants' }, { header: 'Chance', align: 'right' }, { header: '95% interval', align: 'right' }], w.sets.slice(0, 15).map((s) => [s.names.join(' + '), pct(s.share), interval(s.ci95)])));
  if (w.sets.length > 15) lines.push(`... and ${w.sets.length - 15} more sets of the same size`);
  lines.push('', `${w.evaluated} scenario variants simulated. "Exact" is exact among the candidates and up to simulation noise in deciding which outcome is most likely; raise --runs to firm it up.`);
  return `${lines.join('\n')}\n`;
}
