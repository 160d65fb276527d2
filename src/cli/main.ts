/**
 * The `altseason` command line. Each command lives in its own file under commands/ and exports a
 * `register(program)` function; this file loads only the command being run (the others are listed
 * by name and summary for --help) and turns errors into readable messages.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { besidePanelCachePath, prefetchPanelCache } from '../data/panel/panel-cache-prefetch.ts';
import { defaultStorePath } from '../data/store/store-path.ts';
import { AltseasonError } from '../domain/errors.ts';
import { commandNameIn } from './command-name.ts';
import { COMMANDS } from './commands/index.ts';

const require = createRequire(import.meta.url);

/** The package version, from package.json (one level above src/ and dist/). */
export function packageVersion(): string {
  return (require('../../package.json') as { version: string }).version;
}


export async function buildProgram(args: readonly string[] = []): Promise<Command> {
  const program = new Command('altseason')
    .description('Is an altcoin season under way or coming, and does the Russell 2000 lead it? Evidence you can check.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--db <path>', 'store file (default: $ALTSEASON_DB or ~/.local/share/altseason/altseason.db)')
    .option('--verbose', 'show stack traces and debug detail', false)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(pc.red(text)) })
    // Before the commands are added, so they inherit it: commander throws rather than exits, and
    // main returns the exit code (bin/altseason.js saves a bundle's code cache after a success).
    .exitOverride();
  const wanted = commandNameIn(args);
  for (const entry of COMMANDS) {
    if (entry.name === wanted) (await entry.load()).register(program);
    else program.command(entry.name).description(entry.summary).allowUnknownOption().allowExcessArguments();
  }
  return program;
}

/**
 * Starts reading the persisted panel beside the store (data/panel/panel-cache-prefetch.ts) before
 * the command is set up: ~11 MB read on the thread pool, on another core, while commander parses
 * and the store opens. A hint only: what it reads is checked as any read is, and a failure here
 * fails nothing.
 */
function prefetchPanel(args: readonly string[]): void {
  try {
    const at = args.findIndex((arg) => arg === '--db' || arg.startsWith('--db='));
    const given = at < 0 ? undefined : args[at]!.startsWith('--db=') ? args[at]!.slice('--db='.length) : args[at + 1];
    const path = besidePanelCachePath(given ?? defaultStorePath());
    if (path) prefetchPanelCache(path);
  } catch {
    // only time is lost
  }
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = argv.slice(2);
    if (COMMANDS.find((entry) => entry.name === commandNameIn(args))?.readsPanel) prefetchPanel(args);
    const program = await buildProgram(args);
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
