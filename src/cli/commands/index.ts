/** Every CLI command, in the order `--help` lists them. Add one line per new command file. */
import type { Command } from 'commander';
import { register as registerServe } from './serve-command.ts';
import { register as registerStatus } from './status-command.ts';
import { register as registerIndex } from './index-command.ts';
import { register as registerDominance } from './dominance-command.ts';
import { register as registerRut } from './rut-command.ts';
import { register as registerSimulate } from './simulate-command.ts';
import { register as registerSync } from './sync-command.ts';
import { register as registerImport } from './import-command.ts';
import { register as registerSources } from './sources-command.ts';
import { register as registerAssets } from './assets-command.ts';
import { register as registerThesis } from './thesis-command.ts';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerServe,
  registerStatus,
  registerImport,
  registerSources,
  registerAssets,
  registerIndex,
  registerRut,
  registerDominance,
  registerThesis,
  registerSimulate,
  registerSync,
];
