/**
 * The one-screen market status: today's ASI (30/90/365) and season, BTC.D and its trend, TOTAL2 vs
 * BTC, and the Russell 2000's distance from its record — each with a one-line reading, what it is
 * computed over, and the last day of its own data (the Russell 2000 trades on exchange days and may
 * run past the crypto data, or stop before them). Shared by `altseason status`, `GET /api/status`
 * and the library.
 */
import { addDays, isoDateOf, type DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import { formatPercent, formatPoints } from '../domain/units.ts';
import { altcoinSeasonIndexSeries } from '../analytics/season/altcoin-season-index-series.ts';
import { summarizeEquityRecords } from '../analytics/market/summarize-equity-records.ts';
import { summarizeMarketStructure } from '../analytics/market/summarize-market-structure.ts';
import type { MarketStructureSeries } from '../analytics/market/market-structure-series.ts';
import { loadEquitySeriesIfStored } from '../data/panel/load-equity-series.ts';
import { loadMarketStructure } from './load-market-structure.ts';
import type { Store } from '../data/store/store.ts';
import type { MarketStatusResult, StatusItem } from './contracts/market-status.ts';
import { MARKET_STATUS_SCHEMA } from './contracts/schema-names.ts';
import { dataNotice } from './data-notice.ts';
import { dailyRankingsFor } from './daily-rankings.ts';
import { keptStatusItem } from './kept-status-item.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { signalsStatusItem } from './signals.ts';
import { rotationStatusItem } from './rotation.ts';
import { readinessStatusItem } from './readiness.ts';
import { resolveRotationOptions } from '../analytics/rotation/rotation-options.ts';

// The contract's schema id, checked against it by the compiler: importing the value would load zod
// (~30 ms at start-up) for a string constant.

export const STATUS_WINDOWS = [30, 90, 365] as const;
/**
 * The rotation phase and signals lines cost ~50–90 ms each, so they are kept for each state of the
 * store (kept-status-item.ts); bump a version when its line's rules change.
 */
const ROTATION_LINE_VERSION = 2;
const SIGNALS_LINE_VERSION = 2;
/** History the status needs before its last day: the 365-day ASI plus its staleness. */
const STATUS_LOOKBACK_DAYS = 400;
/**
 * …and for market structure: 90-day growth (97 days with the 7-day staleness), a 50-day trend with
 * its 20-day slope (77), and a week for the as-of caps at the start to fill in. The same figures as
 * from the whole history (the dashboard passes that; its test compares the two).
 */
const STRUCTURE_LOOKBACK_DAYS = 110;

export interface MarketStatusInputs {
  /** Market-structure series, when the caller has them already (the server caches them). */
  marketStructure?: MarketStructureSeries[] | null;
}

export async function marketStatus(context: ReadContext, inputs: MarketStatusInputs = {}): Promise<MarketStatusResult> {
  return inSnapshot(context, async () => {
    const { store } = context;
    // The last crypto day alone: summary() would count every table (~20 ms) for it.
    const asOf = (await store.cryptoDaySpan()).lastDay;
    const from = asOf === null ? undefined : addDays(asOf, -STATUS_LOOKBACK_DAYS);
    const items: StatusItem[] = [];
    if (asOf !== null) {
      // The whole panel (cutting a range out of the cached one costs more than it saves), so the
      // kept daily rankings serve the rotation phase's walk (the same figures as a live ranking).
      const panel = await context.panel();
      items.push(...seasonItems(panel, asOf));
      const phase = await keptStatusItem(context, 'rotation', ROTATION_LINE_VERSION, asOf, async () =>
        rotationStatusItem(panel, await store.listCategoryRules(), from!, asOf, await dailyRankingsFor(context, panel, resolveRotationOptions().stalenessDays)),
      );
      if (phase) items.push(phase);
      const structure = inputs.marketStructure !== undefined ? inputs.marketStructure : await loadMarketStructureIfAny(store, addDays(asOf, -STRUCTURE_LOOKBACK_DAYS));
      if (structure && structure.length > 0) items.push(...structureItems(structure, asOf));
    }
    const rut = await russellItem(store);
    if (rut) items.push(rut);
    const signalsItem = asOf === null ? null : await keptStatusItem(context, 'signals', SIGNALS_LINE_VERSION, asOf, () => signalsStatusItem(context, asOf));
    if (signalsItem) items.push(signalsItem);
    const readinessItem = await readinessStatusItem(context, asOf);
    if (readinessItem) items.unshift(readinessItem);
    const simulated = await context.simulated();
    return { schema: MARKET_STATUS_SCHEMA, simulated, data: dataNotice(asOf, context.today(), simulated), asOf: asOf === null ? null : isoDateOf(asOf), items };
  });
}

function seasonItems(panel: Awaited<ReturnType<ReadContext['panel']>>, asOf: DayNumber): StatusItem[] {
  const items: StatusItem[] = [];
  const series = altcoinSeasonIndexSeries(panel, asOf, asOf, { windows: [...STATUS_WINDOWS] });
  for (const { window, options, points } of series) {
    const point = points[0];
    const name = window === 30 ? 'Altcoin Month' : window === 90 ? 'Altcoin Season' : 'Altcoin Year';
    const basis = `${window}-day window, top ${options.top} alts as of ${isoDateOf(asOf)}`;
    const common = { key: `asi${window}`, label: `ASI ${window}d`, unit: 'index' as const, basis, asOf: isoDateOf(asOf) };
    if (!point || point.index === null) {
      items.push({ ...common, value: '—', number: null, reading: `${name} index undefined: too few coins priced at both ends of the window`, tone: 'info' });
      continue;
    }
    const season = point.season ?? 'neutral';
    const verdict = season === 'altcoin' ? `altcoin season (≥ ${options.altThreshold})` : season === 'bitcoin' ? `bitcoin season (≤ ${options.btcThreshold})` : 'neither season';
    const shortfall = point.universeSize < options.top ? ` (only ${point.universeSize} of the top ${options.top} qualified)` : '';
    items.push({
      ...common,
      value: point.index.toFixed(0),
      number: point.index,
      reading: `${verdict}: ${point.beatCount} of ${point.universeSize} alts beat BTC over ${window} days${shortfall}`,
      tone: season === 'altcoin' ? 'alt' : season === 'bitcoin' ? 'btc' : 'neutral',
    });
  }
  return items;
}

function structureItems(structure: MarketStructureSeries[], asOf: DayNumber): StatusItem[] {
  const items: StatusItem[] = [];
  const summary = summarizeMarketStructure(structure, { asOf });
  const btcd = summary.latest.find((f) => f.metric === 'btc_dominance_pct' && f.value !== null);
  if (btcd && btcd.value !== null && btcd.day !== null) {
    const trend = summary.btcDominanceTrends.find((t) => t.universe === btcd.universe && t.source === btcd.source);
    const level = btcd.value < 50 ? 'below 50%' : btcd.value < 55 ? 'below 55%, above 50%' : 'above 55%';
    const direction = trend?.direction ? `, ${trend.direction} vs its ${trend.window}-day average` : '';
    items.push({
      key: 'btcd',
      label: 'BTC dominance',
      value: formatPercent(btcd.value),
      number: btcd.value,
      unit: 'percent',
      reading: `${level}${direction}`,
      basis: btcd.universe,
      asOf: isoDateOf(btcd.day),
      tone: btcd.value < 50 ? 'alt' : btcd.value >= 55 ? 'btc' : 'neutral',
    });
  }
  const growth = summary.total2VsBtc.filter((g) => g.growthPct !== null && g.benchmarkGrowthPct !== null && g.differencePts !== null);
  const g30 = growth.find((g) => g.windowDays === 30);
  const g90 = growth.find((g) => g.windowDays === 90);
  const lead = g30 ?? g90;
  if (lead) {
    const parts = [g30, g90].filter((g) => g !== undefined).map((g) => `${g.windowDays}d: TOTAL2 ${formatPercent(g.growthPct, 1, true)} vs BTC ${formatPercent(g.benchmarkGrowthPct, 1, true)}`);
    items.push({
      key: 'total2',
      label: 'TOTAL2 vs BTC',
      value: formatPoints(lead.differencePts),
      number: lead.differencePts,
      unit: 'points',
      reading: `${lead.faster ? 'alts growing faster than BTC' : 'BTC growing faster than alts'}; ${parts.join('; ')}`,
      basis: `${lead.windowDays}-day growth of market caps, ${lead.universe}`,
      asOf: isoDateOf(lead.endDay),
      tone: lead.faster ? 'alt' : 'btc',
    });
  }
  return items;
}

/** The Russell 2000 on its own calendar: its latest close, wherever the crypto data end. */
async function russellItem(store: Store): Promise<StatusItem | null> {
  const rut = await loadEquitySeriesIfStored(store, '^RUT');
  if (!rut || rut.series.days.length === 0) return null;
  // No S&P 500 benchmark: it feeds only the summary's relative strength, which this item does not
  // show, and reading its ~25,000 bars (back to 1928) was a tenth of the command's time.
  const summary = summarizeEquityRecords(rut.series);
  const last = summary.breakouts.at(-1);
  const distance = summary.isRecordToday
    ? 'a record close'
    : `${formatPercent(Math.abs(summary.distanceFromRecordPct))} below its ${isoDateOf(summary.recordDay)} record of ${summary.record.toFixed(2)}, ${summary.daysSinceRecord} days earlier`;
  return {
    key: 'rut',
    label: 'Russell 2000',
    value: summary.latestClose.toFixed(0),
    number: summary.latestClose,
    unit: 'index points',
    reading: `${distance}${last ? `; last breakout ${isoDateOf(last.day)} (after a ≥ ${summary.breakoutDrawdownPct}% drawdown)` : ''}`,
    basis: `close of ${isoDateOf(summary.latestDay)}`,
    asOf: isoDateOf(summary.latestDay),
    tone: summary.isRecordToday || summary.daysSinceRecord <= 30 ? 'alt' : 'info',
  };
}

/** Market structure is optional: a store may hold prices only. */
export async function loadMarketStructureIfAny(store: Store, from?: DayNumber): Promise<MarketStructureSeries[] | null> {
  try {
    return (await loadMarketStructure(store, from !== undefined ? { from } : {})).series;
  } catch (error) {
    if (error instanceof NoDataError) return null;
    throw error;
  }
}
