/**
 * `altseason status` as a user runs it, a whole process, on a store holding ../shared/data
 * (imported by the bench with `node bin/altseason.js --db TMP import ../shared/data`, or
 * ALTSEASON_BENCH_DB). The first status after the import builds the panel and writes the panel
 * cache (reported once, as the cold figure); then the median of warm runs, against `node -e ''`
 * measured in the same rounds. Target: under 300 ms warm.
 */
import { existsSync, rmSync } from 'node:fs';
import { cliMode, fmt, interleavedMedians, nodeFloor, runCli, sharedStore } from './cli-startup.bench.ts';

const RUNS = 9;

export default async function statusBench(): Promise<string[]> {
  const store = await sharedStore();
  if (!store) return ['skipped: no shared data (../shared/data) and no ALTSEASON_BENCH_DB'];
  const lines = [`measured: ${cliMode()}`];
  if (store.importMs !== null) lines.push(`import of ../shared/data into a fresh store: ${(store.importMs / 1000).toFixed(1)} s`);
  const cache = `${store.db}.panel-cache`;
  if (existsSync(cache)) rmSync(cache);
  const cold = runCli(['--db', store.db, 'status']);
  const cached = existsSync(cache);
  const [floor, warm, json] = interleavedMedians(RUNS, [nodeFloor, () => runCli(['--db', store.db, 'status']), () => runCli(['--db', store.db, 'status', '--format', 'json'])]);
  lines.push(
    `cold (no panel cache; builds and writes it): ${fmt(cold.ms)}${cached ? '' : ' — NO panel cache was written: this CLI does not persist the panel'}`,
    `median of ${RUNS} runs each, interleaved:`,
    `  reference: node -e ''                  ${fmt(floor!)}`,
    `  altseason status                        ${fmt(warm!)} = ${(warm! / floor!).toFixed(1)}× the reference (target < 300 ms)`,
    `  altseason status --format json          ${fmt(json!)} = ${(json! / floor!).toFixed(1)}× the reference`,
  );
  return lines;
}
