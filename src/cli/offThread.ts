/**
 * Runs a command body that cannot yield to the event loop on a worker thread (src/cli/commandWorker.ts), so that
 * Ctrl-C stops it within a moment: the worker is terminated and the command ends with exit 130 and no result. Where
 * the bundled worker is missing (sources run without a build), the body runs in this thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../common/paths';
import { UserError } from '../common/errors';
import type { OffThreadCommand, OffThreadReply } from './commandWorker';

export interface OffThreadResult {
  readonly text: string;
  readonly partial: boolean;
}

export async function runOffThread(task: OffThreadCommand, shouldStop: () => boolean, inThread: () => string): Promise<OffThreadResult> {
  const script = join(PACKAGE_ROOT, 'dist', 'command-worker.js');
  if (!existsSync(script)) return { text: inThread(), partial: false };
  const worker = new Worker(script, { workerData: task });
  try {
    const reply = await new Promise<OffThreadReply | 'stopped'>((resolve, reject) => {
      const poll = setInterval(() => {
        if (shouldStop()) {
          clearInterval(poll);
          resolve('stopped');
        }
      }, 50);
      worker.once('message', (m: OffThreadReply) => {
        clearInterval(poll);
        resolve(m);
      });
      worker.once('error', (e) => {
        clearInterval(poll);
        reject(e);
      });
    });
    if (reply === 'stopped') return { text: '', partial: true };
    if (reply.ok) return { text: reply.text, partial: false };
    if (reply.user) throw new UserError(reply.message, reply.problems);
    throw new Error(reply.message);
  } finally {
    void worker.terminate();
  }
}
