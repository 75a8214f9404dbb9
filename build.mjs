// Bundles the TypeScript sources into dist/ with esbuild (run by `npm install` through the prepare script).
// Dependencies stay external; heavy modules (ink, react) load lazily through dynamic imports (code splitting).
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const entryPoints = { cli: 'src/cli/entry.ts', index: 'src/index.ts' };
if (existsSync('src/simulation/worker.ts')) entryPoints.worker = 'src/simulation/worker.ts';
if (existsSync('bench/bench.ts')) entryPoints.bench = 'bench/bench.ts';
await build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  jsx: 'automatic',
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
});
