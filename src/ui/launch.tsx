/** Mounts the trainer screen on the terminal and resolves when the trainee quits. Loaded lazily (ink, react). */
import { render } from 'ink';
import { Trainer } from './Trainer';
import type { TrainerSession } from './session';

export interface LaunchOptions {
  readonly otherRules: readonly string[];
  readonly color: boolean;
  readonly debriefFile?: string;
}

export async function launchTrainer(session: TrainerSession, options: LaunchOptions): Promise<void> {
  const instance = render(<Trainer session={session} otherRules={options.otherRules} color={options.color} {...(options.debriefFile ? { debriefFile: options.debriefFile } : {})} />, {
    exitOnCtrlC: true,
    patchConsole: false,
  });
  await instance.waitUntilExit();
}
