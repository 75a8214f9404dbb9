/** Where the bundled files live, whether running from src/ (tests) or from the built dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
