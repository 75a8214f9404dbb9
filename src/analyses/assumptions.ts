/**
 * How much of a result rests on assumptions: the scenario's judgement numbers that bear on the outcome, counted by
 * what stands behind them (a source, a sourced direction with an assumed number, a pure assumption, nothing), and
 * the inputs behind what decided the result — the stance and salience of the decisive objectors, and for a scenario
 * with uncertain inputs the drawn inputs that moved the outcome most — each with its source. A global parameter set
 * on the command line (`--param`) is always listed, first, as the command line's assumption. Pure.
 */
import type { AssumptionSummary, InputBehind, UncertaintySummary } from '../engine/reportExtras';
import type { Summary } from '../engine/summarize';
import type { InputSite } from '../scenario/inputs';
import type { Scenario } from '../scenario/types';

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** The site that sets a participant's stance on an option: its own, else its blocs' defaults (in order), else the defaults. */
export function stanceSiteOf(scenario: Scenario, participant: string, option: string): InputSite | undefined {
  const p = scenario.participants.find((x) => x.id === participant);
  const bases = [`participants[id=${participant}].stances`, ...(p?.blocs ?? []).map((b) => `blocs[id=${b}].defaults.stances`), 'defaults.stances'];
  for (const base of bases) {
    const site = (scenario.inputs ?? []).find((s) => s.id === `${base}.${option}` || s.id.startsWith(`${base}.${option}.`));
    if (site) return site;
  }
  return undefined;
}

/** The site that sets a participant's salience: its own, else its blocs' defaults, else the defaults, else the model's. */
export function salienceSiteOf(scenario: Scenario, participant: string): InputSite | undefined {
  const p = scenario.participants.find((x) => x.id === participant);
  const ids = [`participants[id=${participant}].salience`, ...(p?.blocs ?? []).map((b) => `blocs[id=${b}].defaults.salience`), 'defaults.salience', 'model.salience'];
  for (const id of ids) {
    const site = (scenario.inputs ?? []).find((s) => s.id === id);
    if (site) return site;
  }
  return undefined;
}

const behind = (site: InputSite, why: string): InputBehind => ({ id: site.id, label: site.label, status: site.status, ...(site.source !== undefined ? { source: site.source } : {}), why });

export function assumptionSummary(scenario: Scenario, summary: Summary, uncertainty?: UncertaintySummary, limit = 6): AssumptionSummary {
  const relevant = (scenario.inputs ?? []).filter((s) => s.affectsOutcome);
  const count = (status: InputSite['status']) => relevant.filter((s) => s.status === status).length;
  const list: InputBehind[] = [];
  const seen = new Set<string>();
  const add = (entry: InputBehind | undefined) => {
    if (!entry || seen.has(entry.id) || list.length >= limit) return;
    seen.add(entry.id);
    list.push(entry);
  };
  // global parameters set on the command line (--param) for this command: listed first, whatever the limit
  const fixed = (scenario.inputs ?? []).filter((site) => site.fixed === '--param');
  limit += fixed.length;
  for (const site of fixed) add(behind(site, 'set on the command line for this command (--param), over the scenario and the parameters file'));
  // drawn inputs that moved an outcome most
  for (const inf of [...(uncertainty?.influence ?? [])].sort((a, b) => maxAbs(b.correlation) - maxAbs(a.correlation))) {
    if (maxAbs(inf.correlation) < 0.2) break;
    const site = (scenario.inputs ?? []).find((s) => s.id === inf.id);
    const [outcome, r] = Object.entries(inf.correlation).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0];
    if (site) add(behind(site, `its draws move p(${outcome}) (rank correlation ${r.toFixed(2)})`));
  }
  // what decided the result: the decisive objectors' stances and salience
  for (const b of summary.blockers.slice(0, 4)) {
    const [option, share] = Object.entries(b.byOption).sort((x, y) => y[1] - x[1])[0] ?? [];
    if (option === undefined) continue;
    const stance = stanceSiteOf(scenario, b.participant, option);
    if (stance) add(behind(stance, `${b.participant} is a decisive objector on ${option} in ${pct(share)} of runs`));
    const salience = salienceSiteOf(scenario, b.participant);
    if (salience) add(behind(salience, `how firmly ${b.participant} holds its objection (decisive in ${pct(b.decisiveShare)} of runs)`));
  }
  const model = (scenario.inputs ?? []).find((s) => s.id === 'model.resistance');
  if (model) add(behind(model, 'global: how much salience slows every movement'));
  const assumption = count('assumption');
  const assumedNumber = count('assumed number');
  const unsourced = count('unsourced');
  return {
    inputs: relevant.length,
    assumption,
    assumedNumber,
    sourced: count('sourced'),
    unsourced,
    restingOnAssumptions: relevant.length === 0 ? 0 : Math.round(((assumption + assumedNumber + unsourced) / relevant.length) * 1e6) / 1e6,
    behind: list,
  };
}

const maxAbs = (r: Readonly<Record<string, number>>): number => Math.max(0, ...Object.values(r).map(Math.abs));
