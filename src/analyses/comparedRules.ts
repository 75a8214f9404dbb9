/**
 * Which rules a comparison runs: the baseline (the rule in force, unless --baseline names another) first, then the
 * alternatives from --rules (rule specs or reform ids) and --reforms (all bundled reforms, or a list of ids). A reform
 * that needs groups the scenario does not have is skipped with a one-line reason, unless --map-group says which of the
 * scenario's blocs stand for them. A rule equal to the baseline is never compared with itself.
 */
import { UserError } from '../common/errors';
import { listOf } from '../common/suggest';
import { idProblem, matchId } from '../common/typedIds';
import { parseRule, ruleOrThrow } from '../rules/registry';
import type { DecisionRule } from '../rules/types';
import type { Scenario } from '../scenario/types';
import type { ReformInfo } from './comparison';
import { loadReforms, type Reform } from './reforms';

export interface RuleSelection {
  /** comma-separated rule specs or reform ids */
  readonly rules?: string;
  /** true: every bundled reform; a string: comma-separated reform ids */
  readonly reforms?: boolean | string;
  /** group id of a reform → bloc id of the scenario, e.g. { adpa: 'african-group' } */
  readonly groupMap?: Readonly<Record<string, string>>;
  /** the rule the others are measured against (default: the scenario's rule in force) */
  readonly baseline?: string;
}

export interface SkippedReform {
  readonly id: string;
  readonly reason: string;
}

export interface ComparedRules {
  readonly rules: DecisionRule[];
  readonly reforms: (ReformInfo | undefined)[];
  readonly skipped: SkippedReform[];
}

/** `adpa=african-group` (repeatable) into a map, checked against the scenario's blocs (ids in any case, or names). */
export function parseGroupMap(entries: readonly string[], scenario: Scenario): Record<string, string> {
  const blocs = scenario.blocs.map((b) => ({ id: b.id, name: b.name }));
  const map: Record<string, string> = {};
  const problems: string[] = [];
  for (const entry of entries) {
    const m = /^\s*([a-z0-9][a-z0-9-]*)\s*=\s*(\S(?:.*\S)?)\s*$/i.exec(entry);
    if (!m) {
      problems.push(`--map-group ${entry}: write reform-group=scenario-bloc, e.g. --map-group adpa=${blocs[0]?.id ?? 'my-bloc'}`);
      continue;
    }
    const match = matchId(m[2], blocs);
    if ('id' in match) map[m[1].toLowerCase()] = match.id;
    else problems.push(idProblem(m[2], match, blocs, { where: `--map-group ${entry}`, kind: 'bloc', scope: `scenario "${scenario.id}"` }));
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'), problems);
  return map;
}

/** The rule spec with its group ids replaced through the map (`double-majority:2/3:adpa:western` → `…:upstream:downstream`). */
export function mapGroups(spec: string, groups: readonly string[], map: Readonly<Record<string, string>>): string {
  return spec
    .split('+')
    .map((part) => part.split(':').map((token) => (groups.includes(token) && map[token] ? map[token] : token)).join(':'))
    .join('+');
}

const reformInfo = (r: Reform, mapping: string): ReformInfo => ({ id: r.id, title: r.title, proponent: r.proponent, date: r.date, source: r.source, ...(mapping ? { mapping } : {}) });

/** A reform as a rule of this scenario: mapped, or the reason it cannot be applied. */
function applyReform(reform: Reform, scenario: Scenario, map: Readonly<Record<string, string>>): { rule: DecisionRule; info: ReformInfo } | { reason: string } {
  const blocs = scenario.blocs.map((b) => b.id);
  const spec = mapGroups(reform.rule, reform.groups, map);
  const rule = ruleOrThrow(spec, `reform "${reform.id}"`);
  const missing = rule.groups.filter((g) => !blocs.includes(g));
  if (missing.length > 0) {
    return {
      reason: `its rule needs the group${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which scenario "${scenario.id}" does not have (blocs: ${listOf(blocs) || 'none'}); to apply it, map them: ${missing.map((g) => `--map-group ${g}=<bloc>`).join(' ')}`,
    };
  }
  const mapping = reform.groups.filter((g) => map[g]).map((g) => `${g} → ${map[g]}`).join(', ');
  return { rule, info: reformInfo(reform, mapping) };
}

function reformsById(ids: readonly string[], all: readonly Reform[], where: string): Reform[] {
  const entries = all.map((r) => ({ id: r.id }));
  const problems: string[] = [];
  const found = ids.flatMap((typed) => {
    const match = matchId(typed, entries);
    if ('id' in match) return all.filter((r) => r.id === match.id);
    problems.push(idProblem(typed, match, entries, { where: `${where} ${typed}`, kind: 'bundled reform', listed: 'reforms' }));
    return [];
  });
  if (problems.length > 0) throw new UserError(problems.join('\n'), problems);
  return found;
}

const list = (text: string): string[] => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

export function comparedRules(scenario: Scenario, options: RuleSelection, catalogue: () => readonly Reform[] = loadReforms): ComparedRules {
  const map = options.groupMap ?? {};
  const baseline = ruleOrThrow(options.baseline ?? scenario.rule, options.baseline ? '--baseline' : `${scenario.file ?? scenario.id}: rule`);
  const rules: DecisionRule[] = [baseline];
  const reforms: (ReformInfo | undefined)[] = [undefined];
  const skipped: SkippedReform[] = [];
  let reformList: readonly Reform[] | undefined;
  const allReforms = () => (reformList ??= catalogue());
  const add = (rule: DecisionRule, info?: ReformInfo) => {
    // the baseline is never compared with itself, and no rule twice (a reform and the same bare rule count as two)
    if (rule.spec === baseline.spec && !info) return;
    if (rules.some((r, i) => r.spec === rule.spec && reforms[i]?.id === info?.id)) return;
    rules.push(rule);
    reforms.push(info);
  };

  const problems: string[] = [];
  for (const spec of list(options.rules ?? '')) {
    const parsed = parseRule(mapGroups(spec, parseRuleGroups(spec), map));
    if (typeof parsed !== 'string') {
      add(parsed);
      continue;
    }
    const match = /^[a-z0-9-]+$/i.test(spec) ? matchId(spec, allReforms()) : undefined;
    const reform = match && 'id' in match ? allReforms().find((r) => r.id === match.id) : undefined;
    if (!reform) {
      problems.push(`--rules: ${parsed}${/^unknown rule "/.test(parsed) ? ` Reform ids are accepted too: ${allReforms().map((r) => r.id).join(', ')}` : ''}`);
      continue;
    }
    const applied = applyReform(reform, scenario, map);
    if ('reason' in applied) problems.push(`--rules: reform ${reform.id}: ${applied.reason}`);
    else add(applied.rule, applied.info);
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'), problems);

  if (options.reforms) {
    const chosen = options.reforms === true ? allReforms() : reformsById(list(options.reforms), allReforms(), '--reforms');
    for (const reform of chosen) {
      const applied = applyReform(reform, scenario, map);
      if ('reason' in applied) skipped.push({ id: reform.id, reason: applied.reason });
      else add(applied.rule, applied.info);
    }
  }

  if (rules.length < 2) {
    const why = options.rules || options.reforms ? `every rule given is the baseline ${baseline.spec}${skipped.length > 0 ? ` or was skipped (${skipped.map((s) => `${s.id}: ${s.reason}`).join('; ')})` : ''}` : 'no rules given';
    throw new UserError(`compare: nothing to compare with the baseline ${baseline.spec} (${options.baseline ? '--baseline' : 'the rule in force'}): ${why}. Give --rules with other rules or reform ids (e.g. --rules qualified-majority:2/3), or --reforms`);
  }
  return { rules, reforms, skipped };
}

/** Group-like tokens of a spec (everything after a double-majority threshold); the map only touches those it names. */
function parseRuleGroups(spec: string): string[] {
  return spec.split(/[+:]/).filter((t) => /^[a-z][a-z0-9-]*$/i.test(t));
}
