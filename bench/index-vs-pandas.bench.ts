/**
 * The full-history daily Altcoin Season Index, whole processes, ours against the pandas reference
 * (../shared/reference/asi_daily_reference.py, Debian's python3-pandas) over the same data:
 *   node bin/altseason.js --db STORE index --from 2013-04-28 --to 2025-07-28 --format csv
 *   /usr/bin/python3 asi_daily_reference.py ../shared/data
 * Ours reads the store (the panel cache and the kept daily rankings warmed by one run first, as
 * after any earlier long-range index since the last load);
 * pandas reads the CSV files, which is its only way in. Target: ours at least 10× faster. Where
 * NODE_EXTRA_CA_CERTS is set, ours is measured with and without it too (see withoutExtraCaCerts).
 * The two definitions differ slightly (ours compares each coin with BTC over the coin's own price
 * days and skips excluded coins by every ticker they used), so the values are compared, not
 * asserted: the share of days both define where they differ by at most 1 point.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../test/shared-data.ts';
import { REPO, cliMode, fmt, interleavedMedians, runCli, runProcess, sharedStore, withoutExtraCaCerts } from './cli-startup.bench.ts';

const PYTHON = '/usr/bin/python3';
const REFERENCE = join(REPO, '..', 'shared', 'reference', 'asi_daily_reference.py');
const FROM = '2013-04-28';
const TO = '2025-07-28';
const RUNS = 9;

/** date → index (null where undefined) from a CSV with `date` and `index` columns. */
function indexByDate(csv: string): Map<string, number | null> {
  const [head, ...rows] = csv.trimEnd().split('\n');
  const columns = head!.split(',');
  const date = columns.indexOf('date');
  const index = columns.indexOf('index');
  if (date < 0 || index < 0) throw new Error(`expected date and index columns, got ${head!.slice(0, 80)}`);
  const out = new Map<string, number | null>();
  for (const row of rows) {
    const cells = row.split(',');
    const value = cells[index] ?? '';
    out.set(cells[date]!, value === '' ? null : Number(value));
  }
  return out;
}

export default async function indexVsPandasBench(): Promise<string[]> {
  if (!existsSync(REFERENCE)) return [`skipped: no pandas reference at ${REFERENCE}`];
  const probe = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' });
  if (probe.status !== 0) return [`skipped: apt-get install python3-pandas (${PYTHON} -c 'import pandas' failed)`];
  const store = await sharedStore();
  if (!store) return ['skipped: no shared data (../shared/data) and no ALTSEASON_BENCH_DB'];

  const indexArgs = ['--db', store.db, 'index', '--from', FROM, '--to', TO, '--format', 'csv'];
  const cache = `${store.db}.panel-cache`;
  const rankings = `${cache}.daily-rankings`;
  for (const file of [cache, rankings]) if (existsSync(file)) rmSync(file);
  const warmup = runCli(indexArgs);
  const cached = existsSync(cache) && existsSync(rankings);
  const pandas = () => runProcess(PYTHON, [REFERENCE, SHARED_DATA_DIR]);
  const theirs = pandas();
  // With NODE_EXTRA_CA_CERTS set, Node parses a certificate bundle before it runs anything: ours
  // is also measured without it, and Node's own start with and without, in the same rounds.
  const bare = withoutExtraCaCerts();
  const extra = bare ? [() => runCli(indexArgs, bare), () => runProcess(process.execPath, ['-e', '']), () => runProcess(process.execPath, ['-e', ''], { env: bare })] : [];
  const [oursMs, pandasMs, oursBareMs, nodeMs, nodeBareMs] = interleavedMedians(RUNS, [() => runCli(indexArgs), pandas, ...extra]);

  const ours = indexByDate(warmup.stdout);
  const reference = indexByDate(theirs.stdout);
  let both = 0;
  let within = 0;
  let onlyOurs = 0;
  let onlyTheirs = 0;
  let sumAbs = 0;
  for (const [date, value] of ours) {
    const other = reference.get(date) ?? null;
    if (value !== null && other !== null) {
      both++;
      const gap = Math.abs(value - other);
      sumAbs += gap;
      if (gap <= 1 + 1e-9) within++;
    } else if (value !== null) onlyOurs++;
    else if (other !== null) onlyTheirs++;
  }
  for (const [date, value] of reference) if (value !== null && !ours.has(date)) onlyTheirs++;

  return [
    `measured: ${cliMode()}`,
    `cold run (no panel cache: panel built from the store and ranked${cached ? ', both kept' : ''}): ${fmt(warmup.ms)}${cached ? '' : ' — NO panel cache or daily rankings were written: this CLI does not keep them'}`,
    `median of ${RUNS} runs each, interleaved:`,
    `  reference: pandas (${PYTHON} asi_daily_reference.py ../shared/data)   ${fmt(pandasMs!)}`,
    `  altseason index --from ${FROM} --to ${TO} --format csv         ${fmt(oursMs!)} → ${(pandasMs! / oursMs!).toFixed(1)}× faster than pandas (target ≥ 10×)`,
    ...(bare
      ? [
          `  this environment sets NODE_EXTRA_CA_CERTS=${process.env.NODE_EXTRA_CA_CERTS}: every Node process parses that bundle as it starts, before running any code (node -e '' ${fmt(nodeMs!)}; ${fmt(nodeBareMs!)} without it)`,
          `  the same command without NODE_EXTRA_CA_CERTS                     ${fmt(oursBareMs!)} → ${(pandasMs! / oursBareMs!).toFixed(1)}× faster than pandas`,
        ]
      : []),
    `values (90-day window, top 50): ${both.toLocaleString('en-US')} days defined by both; |ours − pandas| ≤ 1 point on ${within.toLocaleString('en-US')} = ${both ? ((100 * within) / both).toFixed(1) : '—'}%, mean |difference| ${both ? (sumAbs / both).toFixed(2) : '—'} points`,
    `  defined only by ours: ${onlyOurs} days; only by pandas: ${onlyTheirs} days (ours needs ≥ the minimum universe and BTC at both ends)`,
  ];
}
