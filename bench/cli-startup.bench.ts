/**
 * Whole-process start-up: `node bin/altseason.js --help` against `node -e ''` (the floor of any
 * Node command), both measured in this run, interleaved so a busy machine slows both alike. It
 * spawns bin/altseason.js as a user runs it, so it measures whatever that runs (compiled dist/ or
 * the TypeScript sources through tsx: the first line says which). Target: within 3× of the floor.
 *
 * Also the helpers the other whole-process benchmarks share (status, index-vs-pandas): timing a
 * command, and one store with ../shared/data imported per bench run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_DATA_DIR, hasSharedData } from '../test/shared-data.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The command measured; ALTSEASON_BENCH_BIN measures another build of it (e.g. a copy elsewhere). */
export const BIN = process.env.ALTSEASON_BENCH_BIN ? resolve(process.env.ALTSEASON_BENCH_BIN) : join(REPO, 'bin', 'altseason.js');
const RUNS = 15;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ProcessRun {
  ms: number;
  stdout: string;
}

/** Runs a command to completion; throws with its stderr when it fails (a benchmark of an error is no benchmark). */
export function runProcess(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): ProcessRun {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: options.env ?? process.env });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return { ms, stdout: result.stdout };
}

/** `node bin/altseason.js …` (in this environment, or in `env`) */
export function runCli(args: readonly string[], env?: NodeJS.ProcessEnv): ProcessRun {
  return runProcess(process.execPath, [BIN, ...args], env ? { env } : {});
}

/**
 * This environment without NODE_EXTRA_CA_CERTS, or null when it is not set. With it, every Node
 * process reads and parses that certificate bundle while it starts, before any of its own code
 * runs (≈ 45 ms for the 140 certificates of Debian's bundle on the development machines): a cost
 * of the machine's configuration, which the benchmarks report beside their figures.
 */
export function withoutExtraCaCerts(): NodeJS.ProcessEnv | null {
  if (!process.env.NODE_EXTRA_CA_CERTS) return null;
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Medians of several commands run in turn, round after round (so load spikes hit all of them). */
export function interleavedMedians(runs: number, commands: readonly (() => ProcessRun)[]): number[] {
  const times: number[][] = commands.map(() => []);
  for (let r = 0; r < runs; r++) commands.forEach((command, i) => times[i]!.push(command().ms));
  return times.map(median);
}

export const nodeFloor = (): ProcessRun => runProcess(process.execPath, ['-e', '']);

/** What `bin/altseason.js` runs right now, for the report. */
export function cliMode(): string {
  const compiled = existsSync(join(dirname(BIN), '..', 'dist', 'cli', 'main.js'));
  if (process.env.ALTSEASON_FROM_SOURCE === '1') return `${BIN}: TypeScript sources via tsx (ALTSEASON_FROM_SOURCE=1)`;
  const which = BIN === join(REPO, 'bin', 'altseason.js') ? 'bin/altseason.js' : BIN;
  return `${which}: ${compiled ? 'compiled dist/ (run `npm run build` after changing src/)' : 'TypeScript sources via tsx (no dist/)'}`;
}

let shared: Promise<{ db: string; importMs: number | null }> | null = null;

/**
 * A store holding ../shared/data: ALTSEASON_BENCH_DB if set, else imported once per bench run into
 * a temporary directory with `node bin/altseason.js --db TMP import ../shared/data` (removed at exit).
 * null when there is no shared data.
 */
export function sharedStore(): Promise<{ db: string; importMs: number | null }> | null {
  if (process.env.ALTSEASON_BENCH_DB) return Promise.resolve({ db: process.env.ALTSEASON_BENCH_DB, importMs: null });
  if (!hasSharedData) return null;
  shared ??= Promise.resolve().then(() => {
    const dir = mkdtempSync(join(tmpdir(), 'altseason-bench-store-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const db = join(dir, 'shared.db');
    const { ms } = runCli(['--db', db, 'import', SHARED_DATA_DIR]);
    return { db, importMs: ms };
  });
  return shared;
}

export const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

export default async function cliStartupBench(): Promise<string[]> {
  runCli(['--help']); // fills the OS file cache (and tsx's compile cache) so run 1 is not an outlier
  const [floor, help, version] = interleavedMedians(RUNS, [nodeFloor, () => runCli(['--help']), () => runCli(['--version'])]);
  return [
    `measured: ${cliMode()}`,
    `median of ${RUNS} runs each, interleaved:`,
    `  reference: node -e ''              ${fmt(floor!)}`,
    `  node bin/altseason.js --help        ${fmt(help!)} = ${(help! / floor!).toFixed(1)}× the reference (target ≤ 3×)`,
    `  node bin/altseason.js --version     ${fmt(version!)} = ${(version! / floor!).toFixed(1)}× the reference`,
  ];
}
