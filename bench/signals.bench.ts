/**
 * `altseason signals` as a user runs it (a whole process) on a store holding ../shared/data
 * (imported by the bench, or ALTSEASON_BENCH_DB): as of a day inside the data (2021-11-10), as of
 * the default day, and a five-year history of one signal; against `node -e ''` and
 * `altseason status` measured in the same interleaved rounds (the status includes the signals
 * line, so "status" is the command's total).
 */
import { cliMode, fmt, interleavedMedians, nodeFloor, runCli, sharedStore } from './cli-startup.bench.ts';

const RUNS = 7;

export default async function signalsBench(): Promise<string[]> {
  const store = await sharedStore();
  if (!store) return ['skipped: no shared data (../shared/data) and no ALTSEASON_BENCH_DB'];
  const db = ['--db', store.db];
  runCli([...db, 'status']); // builds the panel cache
  const [floor, status, at, latest, history] = interleavedMedians(RUNS, [
    nodeFloor,
    () => runCli([...db, 'status']),
    () => runCli([...db, 'signals', '--at', '2021-11-10']),
    () => runCli([...db, 'signals']),
    () => runCli([...db, 'signal', 'funding_annualised_btc', '--from', '2020-01-01', '--to', '2024-12-31']),
  ]);
  return [
    `measured: ${cliMode()}; median of ${RUNS} runs each, interleaved`,
    `  reference: node -e ''                                  ${fmt(floor!)}`,
    `  altseason status (with the signals line)               ${fmt(status!)} = ${(status! / floor!).toFixed(1)}× the reference`,
    `  altseason signals --at 2021-11-10                      ${fmt(at!)} = ${(at! / status!).toFixed(2)}× status`,
    `  altseason signals (default day)                        ${fmt(latest!)} = ${(latest! / status!).toFixed(2)}× status`,
    `  altseason signal funding_annualised_btc (5 years)      ${fmt(history!)} = ${(history! / status!).toFixed(2)}× status`,
  ];
}
