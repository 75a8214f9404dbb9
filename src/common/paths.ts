/** Where the bundled files live, whether running from src/ (tests) or from the built dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'plenary') return dir;
      } catch {
        // keep looking
      }
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the plenary package root');
}

export const PACKAGE_ROOT = findRoot();
export const SCENARIOS_DIR = join(PACKAGE_ROOT, 'scenarios');
export const DEFAULT_SCENARIO = join(SCENARIOS_DIR, 'kp-2009-swakopmund.yaml');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A path as outputs and messages show it: relative to the working folder when the file lies inside it (so that a
 * result names `scenarios/rosters/kp-2009.yaml`, not where this machine keeps the checkout), otherwise as given. The
 * process never changes its working folder, so the short path reads the same file.
 */
export function shortPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

/** The bundled default scenario, as the working folder names it (`scenarios/kp-2009-swakopmund.yaml` in a checkout). */
export const defaultScenarioFile = (): string => shortPath(DEFAULT_SCENARIO);
