/**
 * A long computation that cannot yield (exact voting power: one dynamic programme) runs on this worker thread
 * (bundled to dist/command-worker.js), so that the main thread stays free to see Ctrl-C and end the job at once
 * (src/cli/offThread.ts). It is given the command and its plain options, and posts back the text or the user error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../common/errors';

export type OffThreadCommand = { readonly command: 'power'; readonly options: import('./commands/power').PowerCommandOptions };
export type OffThreadReply = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly user: boolean; readonly message: string; readonly problems?: readonly string[] };

async function main(task: OffThreadCommand): Promise<OffThreadReply> {
  try {
    const { powerCommand } = await import('./commands/power');
    return { ok: true, text: powerCommand(task.options) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, user: true, message: error.message, problems: error.problems };
    return { ok: false, user: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort!.postMessage(await main(workerData as OffThreadCommand));
