/**
 * Every `source` a result cites resolves inside the repository: path-like references name files that exist, nothing
 * points outside (`../`, absolute paths), and every `§N` cited in docs/sources/kp-reference.md has its anchor there.
 * And a result cites the scenario's own ruleSource for the rule in force (a non-KP council is not reported as KP practice).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/common/paths';
import { compareCommand } from '../../src/cli/commands/compare';
import { runCommand } from '../../src/cli/commands/run';
import { loadReforms } from '../../src/analyses/reforms';
import { MODIFIERS, RULES } from '../../src/rules/registry';

const COUNCIL = join(PACKAGE_ROOT, 'test/fixtures/council/river-council.yaml');
const REFERENCE = 'docs/sources/kp-reference.md';
const anchors = new Set([...readFileSync(join(PACKAGE_ROOT, REFERENCE), 'utf8').matchAll(/<a id="s([\w.]+)"><\/a>/g)].map((m) => m[1]));

/** Every string under a key `source` or `origin`, with where it was found. */
function sourcesIn(value: unknown, path = ''): { path: string; text: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => sourcesIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => ((k === 'source' || k === 'origin') && typeof v === 'string' ? [{ path: `${path}.${k}`, text: v }] : sourcesIn(v, `${path}.${k}`)));
  }
  return [];
}

/** What is wrong with one source text: files that do not exist, paths outside the repository, missing anchors. */
export function sourceProblems(text: string): string[] {
  const problems: string[] = [];
  if (/\.\.\//.test(text)) problems.push(`points outside the repository (../): ${text}`);
  if (/(^|[\s(])\/(home|work|tmp|Users|root)\//.test(text)) problems.push(`names an absolute path: ${text}`);
  for (const m of text.matchAll(/(?<![\w/.])((?:[\w-]+\/)+[\w.-]+\.(?:md|yaml|yml|json))/g)) {
    if (!existsSync(join(PACKAGE_ROOT, m[1]))) problems.push(`names ${m[1]}, which is not in the repository`);
  }
  // Each § belongs to the source file named last before it; a § before any file name belongs to the KP reference when
  // the text names it (as before). Source notes in docs/sources/cases/ are checked for a "## N." section heading.
  let current: string | undefined = text.includes(REFERENCE) ? REFERENCE : undefined;
  for (const m of text.matchAll(/(?<![\w/.])((?:[\w-]+\/)+[\w.-]+\.(?:md|yaml|yml|json))|§\s?(\d+(?:\.\d+)?)(?:\(?([a-z])\)?)?/g)) {
    if (m[1]) {
      current = m[1];
      continue;
    }
    const anchor = `${m[2]}${m[3] ?? ''}`;
    if (current === REFERENCE && !anchors.has(anchor) && !anchors.has(m[2])) problems.push(`cites §${anchor}, which has no anchor in ${REFERENCE}`);
    if (current?.startsWith('docs/sources/cases/') && existsSync(join(PACKAGE_ROOT, current)) && !new RegExp(`^## ${m[2].replace('.', '\\.')}\\. `, 'm').test(readFileSync(join(PACKAGE_ROOT, current), 'utf8'))) {
      problems.push(`cites §${m[2]}, which has no section "## ${m[2]}." in ${current}`);
    }
  }
  return problems;
}

const check = (found: { path: string; text: string }[]) => found.flatMap((s) => sourceProblems(s.text).map((p) => `${s.path}: ${p}`));

describe('sources resolve inside the repository', () => {
  it('finds the problems it is meant to find', () => {
    expect(sourceProblems('../elsewhere/kp-reference.md §1')).toEqual(['points outside the repository (../): ../elsewhere/kp-reference.md §1']);
    expect(sourceProblems('see docs/sources/missing.md')).toEqual(['names docs/sources/missing.md, which is not in the repository']);
    expect(sourceProblems('docs/sources/kp-reference.md §99')).toEqual(['cites §99, which has no anchor in docs/sources/kp-reference.md']);
    expect(sourceProblems('docs/sources/kp-reference.md §3.6(b), §1.1')).toEqual([]);
    expect(sourceProblems('assumption: the council\'s rules')).toEqual([]);
    expect(sourceProblems('docs/sources/cases/kp.md §10; docs/sources/kp-reference.md §1.2, §3.12')).toEqual([]);
    expect(sourceProblems('§99 (docs/sources/kp-reference.md); docs/sources/cases/kp.md §2')).toEqual(['cites §99, which has no anchor in docs/sources/kp-reference.md']);
    expect(sourceProblems('docs/sources/cases/kp.md §99')).toEqual(['cites §99, which has no section "## 99." in docs/sources/cases/kp.md']);
  });

  it('the rule catalogue, the modifiers and the reform files', () => {
    const found = [
      ...RULES.map((r) => ({ path: `rule ${r.name}`, text: r.source })),
      ...MODIFIERS.map((m) => ({ path: `modifier ${m.name}`, text: m.source })),
      ...loadReforms().map((r) => ({ path: r.file, text: r.source })),
    ];
    expect(check(found)).toEqual([]);
  });

  it('run and compare --reforms outputs (JSON) on every bundled scenario and a non-KP council', async () => {
    const scenarios = [COUNCIL, ...['', 'history', 'synthetic'].flatMap((d) => readdirSync(join(PACKAGE_ROOT, 'scenarios', d)).filter((f) => f.endsWith('.yaml')).map((f) => join(PACKAGE_ROOT, 'scenarios', d, f)))];
    const problems: string[] = [];
    for (const scenario of scenarios) {
      const run = JSON.parse((await runCommand({ scenario, runs: 20, seed: 's', format: 'json' })).text);
      problems.push(...check(sourcesIn(run, scenario)));
      expect(sourcesIn(run).length).toBeGreaterThan(0);
    }
    const compare = JSON.parse((await compareCommand({ reforms: true, runs: 20, seed: 's', format: 'json' })).text);
    problems.push(...check(sourcesIn(compare, 'compare --reforms')));
    expect(problems).toEqual([]);
  });

  it('every source cited in a scenario file resolves', () => {
    const problems: string[] = [];
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
    for (const file of walk(join(PACKAGE_ROOT, 'scenarios'))) {
      for (const [, text] of readFileSync(file, 'utf8').matchAll(/(?:source|ruleSource):\s*"((?:[^"\\]|\\.)*)"/g)) problems.push(...sourceProblems(text).map((p) => `${file}: ${p}`));
    }
    expect(problems).toEqual([]);
  });
});

describe('a result cites the scenario\'s own rule source', () => {
  const OWN = "assumption: the council's rules (Art. 7: decisions by consensus of members present)";

  it('run (JSON and Markdown) on a non-KP council cites its ruleSource, not KP practice', async () => {
    const json = JSON.parse((await runCommand({ scenario: COUNCIL, runs: 50, seed: 's', format: 'json' })).text);
    expect(json.rule).toMatchObject({ spec: 'consensus', source: OWN, sourceKind: 'scenario' });
    expect(json.rule.origin).toContain('KP practice'); // the catalogue's general note stays, labelled as such
    const md = (await runCommand({ scenario: COUNCIL, runs: 50, seed: 's', format: 'markdown' })).text;
    expect(md).toContain(`source: ${OWN}`);
    expect(md).not.toContain('KP practice');
  });

  it('compare cites the scenario for the rule in force and the catalogue, marked as general, for other rules', async () => {
    const json = JSON.parse((await compareCommand({ scenario: COUNCIL, rules: 'consensus,qualified-majority:2/3', runs: 50, seed: 's', format: 'json' })).text);
    expect(json.rules[0]).toMatchObject({ spec: 'consensus', source: OWN, sourceKind: 'scenario' });
    expect(json.rules[1]).toMatchObject({ spec: 'qualified-majority:2/3', sourceKind: 'catalogue' });
    for (const format of ['markdown', 'html', 'table'] as const) {
      const text = (await compareCommand({ scenario: COUNCIL, rules: 'consensus,qualified-majority:2/3', runs: 50, seed: 's', format })).text;
      expect(text).toContain(format === 'html' ? OWN.replace(/'/g, '&#39;') : OWN);
      expect(text).toContain('where the rule comes from in general');
    }
  });
});
