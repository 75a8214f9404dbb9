/** The scenario files named on a command line: files as given, folders searched for .yaml scenarios. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Folders are searched for .yaml files. Rosters and reforms are not scenarios: left out unless `withRostersAndReforms`
 * (validate checks them by their own schemas); the model's parameters file always.
 */
export function expandScenarioPaths(paths: readonly string[], withRostersAndReforms = false): string[] {
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
      const skipped = entry.name === 'parameters' || (!withRostersAndReforms && (entry.name === 'rosters' || entry.name === 'reforms'));
      if (entry.isDirectory() && !skipped) out.push(...expandScenarioPaths([join(p, entry.name)], withRostersAndReforms));
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(join(p, entry.name));
    }
  }
  return out;
}
