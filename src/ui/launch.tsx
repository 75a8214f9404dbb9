/**
 * Mounts the trainer screen on the terminal and resolves when the trainee quits, presses Ctrl-C or the process gets
 * SIGINT (the screen is unmounted first, so the terminal leaves raw mode). Loaded lazily (ink, react).
 */
import { render } from 'ink';
import { Trainer } from './Trainer';
import { Controls } from './controls';
import type { Comparison } from './screen';
import type { TrainerSession } from './session';

export interface LaunchOptions {
  readonly comparison?: Comparison;
  readonly color: boolean;
  readonly present?: boolean;
  readonly debriefFile?: string;
}

/** How the trainer ended. */
export type Ending = 'quit' | 'interrupted';

export async function launchTrainer(session: TrainerSession, options: LaunchOptions): Promise<Ending> {
  let ending: Ending = 'quit';
  const controls = new Controls(session);
  const instance = render(
    <Trainer
      session={session}
      controls={controls}
      color={options.color}
      present={options.present === true}
      {...(options.comparison ? { comparison: options.comparison } : {})}
      {...(options.debriefFile ? { debriefFile: options.debriefFile } : {})}
      onInterrupt={() => (ending = 'interrupted')}
    />,
    { exitOnCtrlC: false, patchConsole: false },
  );
  const onSigint = () => {
    ending = 'interrupted';
    instance.unmount();
  };
  process.once('SIGINT', onSigint);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGINT', onSigint);
  }
  return ending;
}
