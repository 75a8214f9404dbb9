/** Every command of the CLI, registered in the order `plenary --help` lists them. One line per command group. */
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { registerCore } from './core';

export function registerCommands(program: Command, io: CliIO): void {
  registerCore(program, io);
}
