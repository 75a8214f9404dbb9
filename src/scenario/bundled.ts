/**
 * The bundled scenarios (scenarios/, its history/ and synthetic/ folders; not rosters or reforms), found by id or by
 * their path under scenarios/, so that every entry `plenary scenarios` lists is runnable as listed:
 * `plenary run kp-2010-tel-aviv` or `plenary run history/kp-2010-tel-aviv.yaml`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../common/errors';
import { PACKAGE_ROOT, SCENARIOS_DIR, shortPath } from '../common/paths';
import { idProblem, matchId } from '../common/typedIds';

export interface BundledScenario {
  readonly id: string;
  /** path from the package root, e.g. scenarios/history/kp-2010-tel-aviv.yaml */
  readonly file: string;
  /** absolute path */
  readonly path: string;
}

const FOLDERS = ['', 'history', 'synthetic'];

export function bundledScenarios(): BundledScenario[] {
  const found: BundledScenario[] = [];
  for (const folder of FOLDERS) {
    const dir = join(SCENARIOS_DIR, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const path = join(dir, name);
      const id = /^id:\s*["']?([A-Za-z0-9-]+)/m.exec(readFileSync(path, 'utf8'))?.[1] ?? name.replace(/\.ya?ml$/, '');
      found.push({ id, file: relative(PACKAGE_ROOT, path).split('\\').join('/'), path });
    }
  }
  return found;
}

/**
 * A scenario argument as a file to read: an existing path as given; else a bundled scenario named by its id (any
 * case) or by its path under scenarios/; else the argument unchanged (reading it then reports that it is missing).
 */
export function resolveScenarioArg(arg: string): string {
  if (existsSync(arg)) return arg;
  const bundled = bundledScenarios();
  // an id as typed (any case, spaces for dashes: src/common/typedIds.ts); a word that names nothing is refused with the near ids
  if (!/[/\\.]/.test(arg)) {
    const entries = bundled.map((s) => ({ id: s.id }));
    const match = matchId(arg, entries);
    if ('id' in match) return shortPath(bundled.find((s) => s.id === match.id)!.path);
    throw new UserError(idProblem(arg, match, entries, { where: arg, kind: 'scenario file or bundled scenario id', listed: 'bundled scenarios', hint: 'plenary scenarios lists them' }));
  }
  const wanted = arg.toLowerCase().replace(/\\/g, '/').replace(/^scenarios\//, '');
  const match = bundled.find((s) => s.file.toLowerCase() === `scenarios/${wanted}` || s.file.toLowerCase() === `scenarios/${wanted}.yaml`);
  return match ? shortPath(match.path) : arg;
}
