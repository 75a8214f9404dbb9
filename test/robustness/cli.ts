/**
 * The built CLI for end-to-end tests. Built with the same esbuild settings as build.mjs, but into a private folder
 * (node_modules/.cache/plenary-e2e-<pid>/{bin,dist}) with a copy of bin/plenary.mjs, so that tests never run a
 * stale dist/ and a concurrent `node build.mjs` (which empties dist/) cannot pull the files from under them.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(__dirname, '../..');

export async function buildCli(): Promise<{ bin: string; dir: string; remove: () => void }> {
  const dir = join(ROOT, 'node_modules', '.cache', `plenary-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'plenary.mjs'), join(dir, 'bin', 'plenary.mjs'));
  // the same esbuild settings as npm install's build, into the private folder
  const { bundle } = (await import(pathToFileURL(join(ROOT, 'build.mjs')).href)) as { bundle: (outdir: string, options?: { bench?: boolean; logLevel?: string }) => Promise<void> };
  await bundle(join(dir, 'dist'), { bench: false, logLevel: 'silent' });
  return { bin: join(dir, 'bin', 'plenary.mjs'), dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Ran {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI to completion (not a terminal; CI set so that no live display starts). */
export function runCli(bin: string, args: readonly string[], options: { cwd?: string; input?: string } = {}): Ran {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts the CLI, sends SIGINT once it has printed something to stderr or after `afterMs`, and resolves with
 * the exit code and output.
 */
export function interruptCli(bin: string, args: readonly string[], afterMs: number): Promise<Ran & { elapsedAfterSignal: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, env: { ...process.env, CI: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalledAt = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      signalledAt = Date.now();
      child.kill('SIGINT');
    }, afterMs);
    const hard = setTimeout(() => child.kill('SIGKILL'), afterMs + 30_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      clearTimeout(hard);
      resolvePromise({ status, signal, stdout, stderr, elapsedAfterSignal: signalledAt === 0 ? -1 : Date.now() - signalledAt });
    });
  });
}
