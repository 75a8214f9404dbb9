/**
 * The reform proposals on record (and comparator rules from other bodies), bundled in `scenarios/reforms/`: one YAML
 * file each, with its own small schema. They are not scenarios: a reform names a rule, and `plenary compare --reforms`
 * runs every reform's rule on a scenario beside the rule in force.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../common/errors';
import { SCENARIOS_DIR } from '../common/paths';
import { listOf } from '../common/suggest';
import { parseRule } from '../rules/registry';
import type { DecisionRule } from '../rules/types';
import { problemsMessage, formatPath, renderProblem, type Problem } from '../scenario/problems';
import { locate, parseYaml, readText } from '../scenario/source';
import type { Scenario } from '../scenario/types';

export const REFORMS_DIR = join(SCENARIOS_DIR, 'reforms');

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes').max(80);

export const reformSchema = z
  .object({
    id,
    title: z.string().min(1).max(300),
    kind: z.enum(['kp-proposal', 'comparator']).describe('a proposal made in the KP, or a rule of another body put forward as a model'),
    proponent: z.string().min(1).max(300),
    date: z.union([z.number().int().min(1900).max(2200).transform(String), z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'dates are YYYY, YYYY-MM or YYYY-MM-DD')]),
    rule: z.string().min(1).max(200).describe('the rule spec, as for --rule'),
    groups: z.array(id).max(20).default([]).describe('bloc ids the rule needs in the scenario (double majority)'),
    source: z.string().min(1).max(2000),
    modelling: z.string().max(4000).optional().describe('how the proposal is expressed as a rule, and what is left out'),
  })
  .strict();

export type ReformDocument = z.output<typeof reformSchema>;

export interface Reform extends ReformDocument {
  readonly file: string;
  readonly parsedRule: DecisionRule;
}

/** Reads and checks one reform file: shape, rule spec, groups matching the rule. Every problem, never throws. */
export function readReform(file: string): { reform?: Reform; problems: Problem[] } {
  const text = readText(file, 'a reform file');
  if (!text.ok) return { problems: text.problems };
  const yaml = parseYaml(file, text.value);
  if (!yaml.ok) return { problems: yaml.problems };
  const at = (path: (string | number)[]) => ({ file, ...locate(yaml.value, path), path: formatPath(path) });
  const parsed = reformSchema.safeParse(yaml.value.data);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => ({ severity: 'error' as const, ...at(i.path as (string | number)[]), message: i.message })) };
  }
  const doc = parsed.data;
  const rule = parseRule(doc.rule);
  if (typeof rule === 'string') return { problems: [{ severity: 'error', ...at(['rule']), message: rule }] };
  const undeclared = rule.groups.filter((g) => !doc.groups.includes(g));
  if (undeclared.length > 0 || doc.groups.some((g) => !rule.groups.includes(g))) {
    return { problems: [{ severity: 'error', ...at(['groups']), message: `groups [${doc.groups.join(', ')}] must list exactly the groups of the rule (${rule.groups.join(', ') || 'none'})` }] };
  }
  return { reform: { ...doc, file, parsedRule: rule }, problems: [] };
}

/** All bundled reforms, in file-name order; a UserError listing every problem if any file is bad. */
export function loadReforms(dir = REFORMS_DIR): Reform[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    throw new UserError(`no reforms folder at ${dir}`);
  }
  const reforms: Reform[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const r = readReform(join(dir, name));
    if (r.reform) reforms.push(r.reform);
    problems.push(...r.problems.map(renderProblem));
  }
  const ids = reforms.map((r) => r.id);
  const dup = ids.find((x, i) => ids.indexOf(x) !== i);
  if (dup) problems.push(`${dir}: reform id "${dup}" is used twice`);
  if (problems.length > 0) throw new UserError(problemsMessage(problems, 'the reform files'), problems);
  return reforms;
}

/** The groups each reform needs must be blocs of the scenario: every missing one at once, with what to do. */
export function checkReformsApply(reforms: readonly Reform[], scenario: Scenario): void {
  const blocs = scenario.blocs.map((b) => b.id);
  const problems = reforms.flatMap((r) => {
    const missing = r.groups.filter((g) => !blocs.includes(g));
    return missing.length === 0
      ? []
      : [`reform "${r.id}" (${r.rule}) needs the group${missing.length === 1 ? '' : 's'} ${missing.map((g) => `"${g}"`).join(', ')}, which scenario "${scenario.id}" does not define as blocs (blocs: ${listOf(blocs) || 'none'}). Add the blocs to the scenario, or compare the rule with --rules and groups of this scenario.`];
  });
  if (problems.length > 0) throw new UserError(problems.join('\n'), problems);
}
