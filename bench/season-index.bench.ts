/**
 * Altcoin Season Index over the full history of ../shared/data, 30/90/365-day windows, against two
 * references measured in the same run:
 *  - a naive implementation: for every date and every window, look each asset's cap up by scanning
 *    back, fully sort all assets, walk the ranking (what one writes first);
 *  - one plain pass over every price cell of the panel (the floor of anything that reads the data).
 * Also the panel load itself: from the store (`{ cache: false }`) and from the persisted panel cache.
 * Uses the store at ALTSEASON_BENCH_DB if set, else imports ../shared/data into a temporary store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATA_DIR, hasSharedData } from '../test/shared-data.ts';
import { asOfCell } from '../src/analytics/season/as-of-cell.ts';
import { altcoinSeasonIndexSeries } from '../src/analytics/season/altcoin-season-index-series.ts';
import { indexExclusionReasons } from '../src/analytics/season/index-exclusions.ts';
import { resolveSeasonIndexOptions } from '../src/analytics/season/season-index-options.ts';
import { importFiles } from '../src/data/import/import-files.ts';
import { loadPanel } from '../src/data/panel/load-panel.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';
import { isoDateOf } from '../src/domain/dates.ts';
import type { Panel } from '../src/domain/panel.ts';

const WINDOWS = [30, 90, 365];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function time<T>(runs: number, work: () => T): { ms: number; result: T } {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

async function timeAsync<T>(runs: number, work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result!: T;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

/** The reference: the index at every date and window, each computed from scratch with a full sort. */
function naiveIndexes(panel: Panel, from: number, to: number): (number | null)[][] {
  const options = resolveSeasonIndexOptions();
  const exclusions = indexExclusionReasons(panel, options);
  const btc = panel.assets.findIndex((a) => a.id === 'bitcoin');
  const priceAsOf = (a: number, day: number) => {
    const asset = panel.assets[a]!;
    const cell = asOfCell(asset.price, asset.firstDay, day, options.stalenessDays);
    return cell < 0 ? null : asset.price[cell]!;
  };
  /** The day an as-of price was observed (BTC is compared over the coin's own price days). */
  const observedDay = (a: number, day: number) => {
    const asset = panel.assets[a]!;
    return asset.firstDay + asOfCell(asset.price, asset.firstDay, day, options.stalenessDays);
  };
  return WINDOWS.map((window) => {
    const out: (number | null)[] = [];
    for (let day = from; day <= to; day++) {
      const ranked = panel.assets
        .map((asset, a) => {
          const cell = asOfCell(asset.marketCap, asset.firstDay, day, options.stalenessDays);
          return { a, cap: cell < 0 ? NaN : asset.marketCap[cell]! };
        })
        .filter((r) => !Number.isNaN(r.cap))
        .sort((x, y) => y.cap - x.cap || x.a - y.a);
      const btcStart = priceAsOf(btc, day - window);
      const btcEnd = priceAsOf(btc, day);
      let size = 0;
      let beat = 0;
      for (const { a } of ranked) {
        if (size === options.top) break;
        if (exclusions[a] !== null) continue;
        const start = priceAsOf(a, day - window);
        const end = priceAsOf(a, day);
        if (start === null || end === null) continue;
        size++;
        if (btcStart === null || btcEnd === null) continue;
        const btcFrom = priceAsOf(btc, observedDay(a, day - window));
        const btcTo = priceAsOf(btc, observedDay(a, day));
        const btcSameDays = btcFrom !== null && btcTo !== null ? btcTo / btcFrom - 1 : btcEnd / btcStart - 1;
        if (end / start - 1 > btcSameDays) beat++;
      }
      out.push(btcStart === null || btcEnd === null || size < Math.min(options.minUniverse, options.top) ? null : (100 * beat) / size);
    }
    return out;
  });
}

export default async function seasonIndexBench(): Promise<string[]> {
  if (!hasSharedData && !process.env.ALTSEASON_BENCH_DB) return [`skipped: no shared data at ${SHARED_DATA_DIR} and no ALTSEASON_BENCH_DB`];
  const lines: string[] = [];
  let tempDir: string | null = null;
  let path = process.env.ALTSEASON_BENCH_DB;
  if (!path) {
    tempDir = mkdtempSync(join(tmpdir(), 'altseason-bench-'));
    path = join(tempDir, 'shared.db');
    const store = SqliteStore.open(path);
    const started = performance.now();
    await importFiles(store, [SHARED_DATA_DIR]);
    lines.push(`import of ../shared/data into a fresh store: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await store.close();
  }
  try {
    const store = SqliteStore.open(path);
    const read = await timeAsync(3, () => store.readObservations());
    const load = await timeAsync(3, () => loadPanel(store, { cache: false }));
    await loadPanel(store); // writes the panel cache (a miss)
    const cached = await timeAsync(5, () => loadPanel(store));
    await store.close();
    const panel = load.result;
    const cells = panel.assets.reduce((sum, a) => sum + a.price.length, 0);
    const from = panel.firstDay!;
    const to = panel.lastDay!;
    const days = to - from + 1;
    lines.push(`store: ${read.result.length.toLocaleString('en-US')} observations; panel: ${panel.assets.length} assets, ${cells.toLocaleString('en-US')} cells, ${isoDateOf(from)} → ${isoDateOf(to)} (${days} days)`);
    lines.push(`panel load from the store, no cache (median of 3): ${load.ms.toFixed(0)} ms, of which Store#readObservations ${read.ms.toFixed(0)} ms`);
    lines.push(`panel load from the persisted panel cache (median of 5): ${cached.ms.toFixed(1)} ms → ${(load.ms / cached.ms).toFixed(0)}× faster than from the store`);

    const ours = time(5, () => altcoinSeasonIndexSeries(panel, from, to, { windows: WINDOWS }));
    const naive = time(1, () => naiveIndexes(panel, from, to));
    const floor = time(5, () => {
      let defined = 0;
      for (const asset of panel.assets) for (let i = 0; i < asset.price.length; i++) if (asset.price[i] === asset.price[i]) defined++;
      return defined;
    });
    const agree = ours.result.every((series, w) => series.points.every((p, i) => p.index === naive.result[w]![i]));
    lines.push(`full history, windows ${WINDOWS.join('/')} (${(days * WINDOWS.length).toLocaleString('en-US')} index values), median of 5: ${ours.ms.toFixed(1)} ms`);
    lines.push(`  reference, naive per-date full sort (1 run): ${naive.ms.toFixed(0)} ms → ours is ${(naive.ms / ours.ms).toFixed(1)}× faster; same index values: ${agree ? 'yes' : 'NO'}`);
    lines.push(`  reference, one plain pass over all ${cells.toLocaleString('en-US')} price cells: ${floor.ms.toFixed(2)} ms → full history costs ${(ours.ms / floor.ms).toFixed(0)} passes`);
    lines.push(`  per index value: ${((ours.ms * 1000) / (days * WINDOWS.length)).toFixed(1)} µs`);
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
  return lines;
}
