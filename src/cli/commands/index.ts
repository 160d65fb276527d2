/** Every CLI command, in the order `--help` lists them. Add one line per new command file. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [];
