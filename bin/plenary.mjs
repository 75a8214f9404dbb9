#!/usr/bin/env node
// Launcher: loads the CLI built by `npm install` (the prepare script bundles src/ into dist/).
process.env.NODE_ENV ??= 'production';
const entry = new URL('../dist/cli.js', import.meta.url);
try {
  const { cli } = await import(entry.href);
  await cli();
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('plenary: the CLI is not built yet; run `npm install` (or `npm run build`) in the plenary folder first.');
    process.exitCode = 1;
  } else {
    throw error;
  }
}
