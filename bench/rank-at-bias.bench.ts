/**
 * How much does ranking the ASI's top N at the window's END (blockchaincenter's published rule)
 * lift the index, against ranking at the window's START? Ranking at the end picks coins partly
 * because they rose during the window, so even a market where no altcoin has any edge over BTC
 * reads above 50.
 *
 *  1. Simulated markets with no true alt/BTC edge: every coin's daily log return is a common
 *     market factor plus its own zero-mean noise (volatilities differ by coin), so each alt's
 *     window log return minus BTC's is symmetric around 0 and the expected index is exactly 50
 *     for any universe chosen without looking at the window's returns.
 *  2. The real data (../shared/data, or the store at ALTSEASON_BENCH_DB): the mean of
 *     ASI(rank at end) − ASI(rank at start) over every day both are defined, per window.
 *
 * `npm run bench -- rank-at`. Prints figures only; asserts nothing (docs/methodology.md quotes them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATA_DIR, hasSharedData } from '../test/shared-data.ts';
import { altcoinSeasonIndexSeries } from '../src/analytics/season/altcoin-season-index-series.ts';
import { importFiles } from '../src/data/import/import-files.ts';
import { loadPanel } from '../src/data/panel/load-panel.ts';
import { SqliteStore } from '../src/data/store/sqlite/sqlite-store.ts';
import { isoDateOf, parseDay, type DayNumber } from '../src/domain/dates.ts';
import { makePanel, type PanelAssetSpec } from '../src/domain/make-panel.ts';
import type { Panel } from '../src/domain/panel.ts';
import type { RankAt } from '../src/analytics/season/season-index-options.ts';

const MARKETS = 40;
const ALTS = 150;
const DAYS = 730;
const TOP = 50;
const WINDOWS = [30, 90, 365];
const SEED = 20_260_101;

/** mulberry32: small, seeded, good enough for a simulation. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function normal(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** One market: BTC and ALTS coins; log price = common factor + own zero-mean noise; caps = price × fixed supply. */
function simulatedMarket(seed: number): Panel {
  const uniform = random(seed);
  const gauss = normal(uniform);
  const factor = Array.from({ length: DAYS }, () => 0.025 * gauss());
  const coin = (id: string, symbol: string, ownVolatility: number, supplyCap: number): PanelAssetSpec => {
    let logPrice = 0;
    const price = factor.map((f) => Math.exp((logPrice += f + ownVolatility * gauss())));
    return { id, symbol, firstDay: '2020-01-01', price, marketCap: price.map((p) => p * supplyCap) };
  };
  const specs = [coin('bitcoin', 'BTC', 0.01, 1e12)];
  for (let i = 0; i < ALTS; i++) {
    // Caps spread over three orders of magnitude (log-uniform), volatilities 1–5 % a day.
    specs.push(coin(`alt${String(i).padStart(3, '0')}`, `A${i}`, 0.01 + 0.04 * uniform(), 10 ** (8 + 3 * uniform())));
  }
  return makePanel(specs);
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

/** Mean index per window over the days from the first full window on. */
function meanIndexes(panel: Panel, from: DayNumber, to: DayNumber, rankAt: RankAt): Map<number, (number | null)[]> {
  const series = altcoinSeasonIndexSeries(panel, from, to, { windows: WINDOWS, top: TOP, rankAt });
  return new Map(series.map((s) => [s.window, s.points.map((p) => p.index)]));
}

function simulationLines(): string[] {
  const lines = [
    `simulated markets with no alt/BTC edge: ${MARKETS} markets × ${ALTS} alts + BTC, ${DAYS} days, top ${TOP}, seed ${SEED}; expected index 50`,
    `  window   mean ASI rank at end   mean ASI rank at start   end − start   (± 2 SE over markets)`,
  ];
  const perWindow = new Map(WINDOWS.map((w) => [w, { end: [] as number[], start: [] as number[], diff: [] as number[] }]));
  for (let m = 0; m < MARKETS; m++) {
    const panel = simulatedMarket(SEED + m);
    // Start where the longest window has history, so every window averages the same days.
    const from = (panel.firstDay! + Math.max(...WINDOWS)) as DayNumber;
    const end = meanIndexes(panel, from, panel.lastDay!, 'end');
    const start = meanIndexes(panel, from, panel.lastDay!, 'start');
    for (const w of WINDOWS) {
      const e = end.get(w)!.filter((x): x is number => x !== null);
      const s = start.get(w)!.filter((x): x is number => x !== null);
      const acc = perWindow.get(w)!;
      acc.end.push(mean(e));
      acc.start.push(mean(s));
      acc.diff.push(mean(e) - mean(s));
    }
  }
  for (const w of WINDOWS) {
    const { end, start, diff } = perWindow.get(w)!;
    const se = (xs: number[]) => (2 * sd(xs)) / Math.sqrt(xs.length);
    lines.push(
      `  ${String(w).padStart(4)}d   ${mean(end).toFixed(1).padStart(8)} ± ${se(end).toFixed(1)}        ${mean(start).toFixed(1).padStart(8)} ± ${se(start).toFixed(1)}          ${(mean(diff) >= 0 ? '+' : '') + mean(diff).toFixed(1)} ± ${se(diff).toFixed(1)}`,
    );
  }
  return lines;
}

async function realDataLines(): Promise<string[]> {
  if (!hasSharedData && !process.env.ALTSEASON_BENCH_DB) return [`real data: skipped (no shared data at ${SHARED_DATA_DIR} and no ALTSEASON_BENCH_DB)`];
  let tempDir: string | null = null;
  let path = process.env.ALTSEASON_BENCH_DB;
  const lines: string[] = [];
  if (!path) {
    tempDir = mkdtempSync(join(tmpdir(), 'altseason-bench-'));
    path = join(tempDir, 'shared.db');
    const store = SqliteStore.open(path);
    await importFiles(store, [SHARED_DATA_DIR]);
    await store.close();
  }
  try {
    const store = SqliteStore.open(path);
    const panel = await loadPanel(store);
    await store.close();
    const from = panel.firstDay!;
    const to = panel.lastDay!;
    const end = meanIndexes(panel, from, to, 'end');
    const start = meanIndexes(panel, from, to, 'start');
    lines.push(`real data ${isoDateOf(from)} → ${isoDateOf(to)}, top ${TOP}, days where both are defined:`);
    lines.push(`  window   days   mean ASI rank at end   mean ASI rank at start   end − start   days end > start / < start`);
    for (const w of WINDOWS) {
      const e = end.get(w)!;
      const s = start.get(w)!;
      const pairs = e.flatMap((x, i) => (x !== null && s[i] !== null ? [[x, s[i]!] as const] : []));
      const diff = pairs.map(([a, b]) => a - b);
      lines.push(
        `  ${String(w).padStart(4)}d   ${String(pairs.length).padStart(4)}   ${mean(pairs.map(([a]) => a)).toFixed(1).padStart(8)}               ${mean(pairs.map(([, b]) => b)).toFixed(1).padStart(8)}                 ${(mean(diff) >= 0 ? '+' : '') + mean(diff).toFixed(1)}        ${diff.filter((d) => d > 0).length} / ${diff.filter((d) => d < 0).length}`,
      );
    }
    // The 2021 season the methodology's table describes, 90-day window.
    const from2021 = parseDay('2021-04-01') - from;
    const to2021 = parseDay('2021-05-31') - from;
    const e90 = end.get(90)!.slice(from2021, to2021 + 1);
    const s90 = start.get(90)!.slice(from2021, to2021 + 1);
    if (e90.every((x) => x !== null) && s90.every((x) => x !== null)) {
      lines.push(`  2021-04-01 → 05-31, 90d: mean ${mean(e90 as number[]).toFixed(1)} ranked at end, ${mean(s90 as number[]).toFixed(1)} ranked at start`);
    }
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
  return lines;
}

export default async function rankAtBiasBench(): Promise<string[]> {
  return [...simulationLines(), '', ...(await realDataLines())];
}
