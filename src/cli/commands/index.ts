/** Every command of the CLI, registered in the order `plenary --help` lists them. One line per command group. */
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { registerCore } from './core';
import { registerCompare } from './compare';
import { registerBacktest } from './backtest';
import { registerTrainer } from './play';
import { registerPower } from './power';
import { registerImport } from './import';

export function registerCommands(program: Command, io: CliIO): void {
  registerCore(program, io);
  registerCompare(program, io);
  registerBacktest(program, io);
  registerTrainer(program, io);
  registerPower(program, io);
  registerImport(program, io);
}
