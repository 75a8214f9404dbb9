/**
 * Mounts the trainer screen on the terminal and resolves when the trainee quits, presses Ctrl-C or the process gets
 * SIGINT (the screen is unmounted first, so the terminal leaves raw mode). Plays a prepared demo (captions, keys,
 * pauses) and records the session as an asciicast when asked; the time for both comes from here (the shell).
 * Loaded lazily (ink, react).
 */
import { render } from 'ink';
import { Trainer } from './Trainer';
import { Controls } from './controls';
import { keyOf } from './room';
import type { Comparison } from './screen';
import type { DemoScript } from './script';
import type { TrainerSession } from './session';

export interface LaunchOptions {
  readonly comparison?: Comparison;
  readonly color: boolean;
  readonly present?: boolean;
  readonly debriefFile?: string;
  readonly script?: DemoScript;
  /** receives everything written to the terminal (an asciicast recorder) */
  readonly record?: (data: string) => void;
}

/** How the trainer ended. */
export type Ending = 'quit' | 'interrupted';

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

export async function launchTrainer(session: TrainerSession, options: LaunchOptions): Promise<Ending> {
  let ending: Ending = 'quit';
  let exited = false;
  const controls = new Controls(session);
  const stdout = process.stdout;
  const write = stdout.write;
  if (options.record) {
    const record = options.record;
    stdout.write = function (this: typeof stdout, chunk: unknown, ...rest: unknown[]) {
      record(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stdout.write;
  }
  const screen = (caption: string | undefined, revision: number) => (
    <Trainer
      session={session}
      controls={controls}
      color={options.color}
      present={options.present === true}
      revision={revision}
      {...(caption ? { caption } : {})}
      {...(options.comparison ? { comparison: options.comparison } : {})}
      {...(options.debriefFile ? { debriefFile: options.debriefFile } : {})}
      onInterrupt={() => (ending = 'interrupted')}
    />
  );
  const instance = render(screen(undefined, 0), { exitOnCtrlC: false, patchConsole: false });
  const onSigint = () => {
    ending = 'interrupted';
    instance.unmount();
  };
  process.once('SIGINT', onSigint);
  const done = instance.waitUntilExit().finally(() => (exited = true));
  if (options.script) void play(options.script);
  try {
    await done;
  } finally {
    process.off('SIGINT', onSigint);
    stdout.write = write;
  }
  return ending;

  /** Plays the demo's steps; stops when the trainer has quit meanwhile. */
  async function play(script: DemoScript): Promise<void> {
    let caption: string | undefined = script.title;
    let revision = 1;
    instance.rerender(screen(caption, revision++));
    for (const step of script.steps) {
      if (exited) return;
      if (step.caption !== undefined) caption = step.caption;
      instance.rerender(screen(caption, revision++));
      for (const name of step.keys ?? []) {
        await sleep(script.keyDelay);
        if (exited) return;
        const { input, key } = keyOf(name);
        const result = controls.key(input, key);
        instance.rerender(screen(caption, revision++));
        if (result !== undefined) {
          if (result === 'interrupt') ending = 'interrupted';
          instance.unmount();
          return;
        }
      }
      if (step.pause) await sleep(step.pause);
      if (step.quit) {
        await sleep(0.05);
        instance.unmount();
        return;
      }
    }
  }
}
