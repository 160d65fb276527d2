/**
 * The `altseason` command line. Each command lives in its own file under commands/ and exports a
 * `register(program)` function; this file wires them up and turns errors into readable messages.
 */
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { AltseasonError } from '../domain/errors.ts';
import { COMMANDS } from './commands/index.ts';

export function buildProgram(): Command {
  const program = new Command('altseason')
    .description('Is an altcoin season under way or coming, and does the Russell 2000 lead it? Evidence you can check.')
    .option('--db <path>', 'store file (default: $ALTSEASON_DB or ~/.local/share/altseason/altseason.db)')
    .option('--verbose', 'show stack traces and debug detail', false)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(pc.red(text)) });
  for (const register of COMMANDS) register(program);
  return program;
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const verbose = argv.includes('--verbose');
    if (error instanceof AltseasonError && !verbose) {
      process.stderr.write(`${pc.red('error:')} ${error.message}\n`);
    } else if (!verbose) {
      process.stderr.write(`${pc.red('error:')} ${(error as Error)?.message ?? String(error)}\n(run with --verbose for details)\n`);
    } else {
      process.stderr.write(`${pc.red('error:')} ${(error as Error)?.stack ?? String(error)}\n`);
    }
    return 1;
  }
}
