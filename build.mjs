// Bundles the TypeScript sources into dist/ with esbuild (run by `npm install` through the prepare script).
// Dependencies stay external; heavy modules (ink, react) load lazily through dynamic imports (code splitting).
// `bundle(outdir)` is also used by the end-to-end tests to build a private copy (test/robustness/cli.ts).
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));

export async function bundle(outdir = join(ROOT, 'dist'), { bench = true, logLevel = 'warning' } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = { cli: join(ROOT, 'src/cli/entry.ts'), index: join(ROOT, 'src/index.ts') };
  if (existsSync(join(ROOT, 'src/engine/worker.ts'))) entryPoints.worker = join(ROOT, 'src/engine/worker.ts');
  if (existsSync(join(ROOT, 'src/cli/commandWorker.ts'))) entryPoints['command-worker'] = join(ROOT, 'src/cli/commandWorker.ts');
  if (bench && existsSync(join(ROOT, 'bench/bench.ts'))) entryPoints.bench = join(ROOT, 'bench/bench.ts');
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // zod is bundled in (one file loads much faster than its hundred-odd modules); the other packages stay external
    external: ['xstate', 'xstate/*', 'commander', 'ws', 'seedrandom', 'yaml', 'ink', 'react', 'react/*', 'esbuild', 'vitest', 'fast-check', 'ink-testing-library'],
    sourcemap: true,
    jsx: 'automatic',
    logLevel,
    chunkNames: 'chunks/[name]-[hash]',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bundle();
