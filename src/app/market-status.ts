/**
 * The one-screen market status: today's ASI (30/90/365) and season, BTC.D and its trend, TOTAL2
 * vs BTC, and the Russell 2000's distance from its record — each with a one-line reading. Used by
 * `altseason status`, `altseason serve` and the dashboard's /api/status, so all three agree.
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import type { Panel } from '../domain/panel.ts';
import { altcoinSeasonIndexSeries } from '../analytics/season/altcoin-season-index-series.ts';
import { summarizeEquityRecords } from '../analytics/market/summarize-equity-records.ts';
import { summarizeMarketStructure } from '../analytics/market/summarize-market-structure.ts';
import type { MarketStructureSeries } from '../analytics/market/market-structure-series.ts';
import { loadEquitySeriesIfStored } from '../data/panel/load-equity-series.ts';
import { loadMarketStructure } from '../data/panel/load-market-structure.ts';
import type { Store } from '../data/store/store.ts';
import type { StatusItem, StatusResponse } from '../server/api-types.ts';
import { isSimulatedStore } from '../sim/write-simulated-market.ts';

export const STATUS_WINDOWS = [30, 90, 365] as const;

const percent = (value: number, digits = 1) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}%`;

export interface MarketStatusInputs {
  panel: Panel;
  marketStructure: MarketStructureSeries[] | null;
}

export async function buildMarketStatus(store: Store, inputs: MarketStatusInputs): Promise<StatusResponse> {
  const items: StatusItem[] = [];
  const { panel } = inputs;
  const asOf = panel.lastDay;

  if (asOf !== null) {
    const series = altcoinSeasonIndexSeries(panel, asOf, asOf, { windows: [...STATUS_WINDOWS] });
    for (const { window, options, points } of series) {
      const point = points[0];
      const name = window === 30 ? 'Altcoin Month' : window === 90 ? 'Altcoin Season' : 'Altcoin Year';
      if (!point || point.index === null) {
        items.push({ key: `asi${window}`, label: `ASI ${window}d`, value: '—', number: null, unit: 'index', reading: `${name} index undefined: too few coins priced at both ends of the window`, tone: 'info' });
        continue;
      }
      const beat = Math.round((point.index * point.universeSize) / 100);
      const season = point.season ?? 'neutral';
      const verdict =
        season === 'altcoin' ? `altcoin season (≥ ${options.altThreshold})` : season === 'bitcoin' ? `bitcoin season (≤ ${options.btcThreshold})` : 'neither season';
      items.push({
        key: `asi${window}`,
        label: `ASI ${window}d`,
        value: point.index.toFixed(0),
        number: point.index,
        unit: 'index',
        reading: `${verdict}: ${beat} of ${point.universeSize} alts beat BTC over ${window} days`,
        tone: season === 'altcoin' ? 'alt' : season === 'bitcoin' ? 'btc' : 'neutral',
      });
    }
  }

  if (inputs.marketStructure && inputs.marketStructure.length > 0) {
    const summary = summarizeMarketStructure(inputs.marketStructure, asOf !== null ? { asOf } : {});
    const btcd = summary.latest.find((f) => f.metric === 'btc_dominance_pct' && f.value !== null);
    if (btcd && btcd.value !== null) {
      const trend = summary.btcDominanceTrends.find((t) => t.universe === btcd.universe && t.source === btcd.source);
      const level = btcd.value < 50 ? 'below 50%' : btcd.value < 55 ? 'below 55%, above 50%' : 'above 55%';
      const direction = trend?.direction ? `, ${trend.direction} vs its ${trend.window}-day average` : '';
      items.push({
        key: 'btcd',
        label: 'BTC dominance',
        value: `${btcd.value.toFixed(1)}%`,
        number: btcd.value,
        unit: 'percent',
        reading: `${level}${direction} (${btcd.universe})`,
        tone: btcd.value < 50 ? 'alt' : btcd.value >= 55 ? 'btc' : 'neutral',
      });
    }
    const growth = summary.total2VsBtc.filter((g) => g.growthPct !== null && g.benchmarkGrowthPct !== null);
    const g30 = growth.find((g) => g.windowDays === 30);
    const g90 = growth.find((g) => g.windowDays === 90);
    const lead = g30 ?? g90;
    if (lead) {
      const parts = [g30, g90].filter((g) => g !== undefined).map((g) => `${g.windowDays}d: TOTAL2 ${percent(g.growthPct!)} vs BTC ${percent(g.benchmarkGrowthPct!)}`);
      items.push({
        key: 'total2',
        label: 'TOTAL2 vs BTC',
        value: `${lead.differencePts! >= 0 ? '+' : ''}${lead.differencePts!.toFixed(1)} pt`,
        number: lead.differencePts,
        unit: 'points',
        reading: `${lead.faster ? 'alts growing faster than BTC' : 'BTC growing faster than alts'}; ${parts.join('; ')}`,
        tone: lead.faster ? 'alt' : 'btc',
      });
    }
  }

  const upTo = asOf !== null ? { to: asOf } : {};
  const rut = await loadEquitySeriesIfStored(store, '^RUT', upTo);
  if (rut && rut.series.days.length > 0) {
    const spx = await loadEquitySeriesIfStored(store, '^GSPC', upTo);
    const summary = summarizeEquityRecords(rut.series, { benchmark: spx?.series ?? null });
    const last = summary.breakouts.at(-1);
    const distance = summary.isRecordToday
      ? `a record close today`
      : `${Math.abs(summary.distanceFromRecordPct).toFixed(1)}% below its ${isoDateOf(summary.recordDay)} record of ${summary.record.toFixed(2)}, ${summary.daysSinceRecord} days ago`;
    items.push({
      key: 'rut',
      label: 'Russell 2000',
      value: summary.latestClose.toFixed(0),
      number: summary.latestClose,
      unit: 'index points',
      reading: `${distance}${last ? `; last breakout ${isoDateOf(last.day)}` : ''} (close of ${isoDateOf(summary.latestDay)})`,
      tone: summary.isRecordToday || summary.daysSinceRecord <= 30 ? 'alt' : 'info',
    });
  }

  return { asOf: asOf === null ? null : isoDateOf(asOf), simulated: await isSimulatedStore(store), items };
}

/** Loads what the status needs; market structure is optional (a store may hold prices only). */
export async function loadMarketStructureIfAny(store: Store, from?: DayNumber): Promise<MarketStructureSeries[] | null> {
  try {
    return (await loadMarketStructure(store, from !== undefined ? { from } : {})).series;
  } catch (error) {
    if (error instanceof NoDataError) return null;
    throw error;
  }
}
