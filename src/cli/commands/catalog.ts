/** `plenary validate`, `plenary schema`, `plenary scenarios`, `plenary rules`: the reference commands. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundledScenarios } from '../../scenario/bundled';
import { MODIFIERS, RULES } from '../../rules/registry';
import { validateFile } from '../../scenario/load';
import { renderProblem } from '../../scenario/problems';
import { rosterJsonSchema, scenarioJsonSchema } from '../../scenario/schema';
import { textTable } from '../../report/table';
import { EXIT_OK, EXIT_USAGE } from '../../common/errors';

export interface ValidateResult {
  readonly text: string;
  readonly exitCode: number;
}

/** Folders are searched for .yaml files (rosters, reforms and the schema are not scenarios). */
export function expandScenarioPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // reported by validateFile
    }
    if (!isDir) {
      out.push(p);
      continue;
    }
    for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // rosters, reform definitions and the model's parameters file are not scenarios
      if (entry.isDirectory() && entry.name !== 'rosters' && entry.name !== 'reforms' && entry.name !== 'parameters') out.push(...expandScenarioPaths([join(p, entry.name)]));
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(join(p, entry.name));
    }
  }
  return out;
}

export function validateCommand(paths: readonly string[], options: { strict?: boolean } = {}): ValidateResult {
  const files = expandScenarioPaths(paths);
  const lines: string[] = [];
  let failed = 0;
  for (const file of files) {
    const result = validateFile(file);
    const bad = result.errors.length > 0 || (options.strict === true && result.warnings.length > 0);
    if (bad) failed++;
    lines.push(`${bad ? 'invalid' : 'ok'}  ${file}${result.warnings.length > 0 ? ` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})` : ''}`);
    for (const p of [...result.errors, ...result.warnings]) lines.push(`  ${renderProblem(p)}`);
  }
  if (files.length === 0) {
    return { text: 'no scenario files found\n', exitCode: EXIT_USAGE };
  }
  lines.push('', `${files.length - failed} of ${files.length} file${files.length === 1 ? '' : 's'} valid`);
  return { text: `${lines.join('\n')}\n`, exitCode: failed > 0 ? EXIT_USAGE : EXIT_OK };
}

export function schemaCommand(kind: 'scenario' | 'roster' = 'scenario'): string {
  return `${JSON.stringify(kind === 'roster' ? rosterJsonSchema() : scenarioJsonSchema(), null, 2)}\n`;
}

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

export function rulesCommand(): string {
  const rows = [...RULES.map((r) => [r.syntax, r.summary, r.source]), ...MODIFIERS.map((m) => [m.syntax, `modifier: ${m.summary}`, m.source])];
  return `${textTable([{ header: 'Rule' }, { header: 'What it means' }, { header: 'Source' }], rows)}\n\nRules compose: append modifiers with "+", e.g. consensus-then-vote:2/3:present+observers or qualified-majority:2/3+quorum:1/2.\nExample: plenary run --rule ${RULES[3]?.example ?? 'consensus'}\n`;
}
