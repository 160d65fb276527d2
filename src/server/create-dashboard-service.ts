/**
 * The dashboard's numbers, computed by the same analytics as the CLI over one store. The panel and
 * the full ASI history are computed once and cached (the store is read-only while serving; call
 * `refresh()` after a sync).
 */
import { buildMarketStatus, loadMarketStructureIfAny } from '../app/market-status.ts';
import { addDays, isoDateOf, parseDay, type DayNumber } from '../domain/dates.ts';
import { NoDataError } from '../domain/errors.ts';
import type { Panel } from '../domain/panel.ts';
import { indexAtOrBefore } from '../domain/series.ts';
import type { MarketStructureSeries } from '../analytics/market/market-structure-series.ts';
import { METRIC_LABELS } from '../analytics/market/market-structure-series.ts';
import { ratioSeries } from '../analytics/market/ratio-series.ts';
import { summarizeEquityRecords } from '../analytics/market/summarize-equity-records.ts';
import { summarizeMarketStructure } from '../analytics/market/summarize-market-structure.ts';
import { altcoinSeasonIndexSeries, type SeasonIndexSeries } from '../analytics/season/altcoin-season-index-series.ts';
import { explainSeasonIndex } from '../analytics/season/explain-season-index.ts';
import { seasonEpisodes } from '../analytics/season/season-episodes.ts';
import { loadEquitySeriesIfStored } from '../data/panel/load-equity-series.ts';
import { loadPanel } from '../data/panel/load-panel.ts';
import type { Store } from '../data/store/store.ts';
import { isSimulatedStore, SIMULATED_NOTICE } from '../sim/write-simulated-market.ts';
import type { DominancePoint, DominanceResponse, ExplainResponse, IndexResponse, MetaResponse, RutResponse } from './api-types.ts';
import { LruCache } from './lru-cache.ts';
import { computeThesis as computeThesisReport } from '../report/thesis/compute-thesis.ts';
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import type { DashboardService, IndexQuery } from './dashboard-service.ts';


const finite = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? null : value);
const round = (value: number | null, digits = 6) => (value === null ? null : Number(value.toFixed(digits)));

export interface CachedDashboardService extends DashboardService {
  refresh(): void;
}

export function createDashboardService(store: Store): CachedDashboardService {
  let panel: Promise<Panel> | null = null;
  let structure: Promise<MarketStructureSeries[] | null> | null = null;
  // The store does not change while serving (refresh() after a sync), so answers are kept: a
  // bounded number, since every window/top/date combination is a different answer.
  const indexCache = new LruCache<string, SeasonIndexSeries>(8);
  const answers = new LruCache<string, unknown>(64);
  const remember = <T>(key: string, compute: () => Promise<T>) => answers.getOrCompute(key, compute) as Promise<T>;
  let thesis: Promise<ThesisReport> | null = null;

  const getPanel = () => (panel ??= loadPanel(store));
  const getStructure = () => (structure ??= loadMarketStructureIfAny(store));
  const dayOrNull = (text: string | undefined, name: string) => (text === undefined ? undefined : parseDay(text, name));

  async function indexSeries(window: number, top: number): Promise<SeasonIndexSeries> {
    return indexCache.getOrCompute(`${window}/${top}`, async () => {
      const p = await getPanel();
      if (p.firstDay === null || p.lastDay === null) throw new NoDataError('no crypto prices in the store: run `altseason sync` or `altseason import`');
      const [series] = altcoinSeasonIndexSeries(p, p.firstDay, p.lastDay, { window, top });
      return series!;
    });
  }

  async function computeMeta(): Promise<MetaResponse> {
    const summary = await store.summary();
    const simulated = await isSimulatedStore(store);
    return {
      simulated,
      dataNotice: simulated ? SIMULATED_NOTICE : null,
      store: store.location,
      firstDate: summary.firstDay === null ? null : isoDateOf(summary.firstDay),
      lastDate: summary.lastDay === null ? null : isoDateOf(summary.lastDay),
      assets: summary.assets,
      observations: summary.observations,
      equitySymbols: await store.listEquitySymbols(),
      series: await store.listSeries(),
    };
  }

  return {
    refresh() {
      panel = null;
      structure = null;
      indexCache.clear();
      answers.clear();
      thesis = null;
    },

    meta: () => remember('meta', computeMeta),

    status: () => remember('status', async () => buildMarketStatus(store, { panel: await getPanel(), marketStructure: await getStructure() })),

    thesis: () => (thesis ? thesis.then((report) => report) : Promise.resolve(null)),

    computeThesis() {
      if (thesis) return thesis;
      const pending = computeThesisReport(store);
      pending.catch(() => thesis === pending && (thesis = null)); // a failure is not kept
      thesis = pending;
      return pending;
    },

    index: (query: IndexQuery) => remember(`index:${JSON.stringify(query)}`, () => computeIndex(query)),
    explain: (query) => remember(`explain:${JSON.stringify(query)}`, () => computeExplain(query)),
    dominance: (query) => remember(`dominance:${JSON.stringify(query)}`, () => computeDominance(query)),
    rut: (query) => remember(`rut:${JSON.stringify(query)}`, () => computeRut(query)),
  };

  async function computeIndex(query: IndexQuery): Promise<IndexResponse> {
      const series = await indexSeries(query.window, query.top);
      const from = dayOrNull(query.from, 'from') ?? Number.NEGATIVE_INFINITY;
      const to = dayOrNull(query.to, 'to') ?? Number.POSITIVE_INFINITY;
      // Days before the first defined value are noise on a chart: start where the index starts.
      const firstDefined = series.points.findIndex((p) => p.index !== null);
      const points = series.points.slice(Math.max(0, firstDefined)).filter((p) => p.day >= from && p.day <= to);
      return {
        window: series.window,
        top: series.options.top,
        altThreshold: series.options.altThreshold,
        btcThreshold: series.options.btcThreshold,
        points: points.map((p) => ({
          date: isoDateOf(p.day),
          index: round(p.index, 4),
          season: p.season,
          universeSize: p.universeSize,
          medianExcessReturn: round(p.medianExcessReturn),
          capWeightedExcessReturn: round(p.capWeightedExcessReturn),
        })),
        episodes: seasonEpisodes(points).map((e) => ({
          season: e.season,
          start: isoDateOf(e.start),
          end: isoDateOf(e.end),
          days: e.lengthDays,
          peak: e.peakIndex,
          peakDate: isoDateOf(e.peakDay),
        })),
      };
  }

  async function computeExplain(query: { date: string; window: number; top: number }): Promise<ExplainResponse> {
      const p = await getPanel();
      const day = parseDay(query.date, 'date');
      if (p.firstDay === null || p.lastDay === null || day < p.firstDay || day > p.lastDay) {
        throw new NoDataError(`no index for ${query.date}: the store covers ${p.firstDay === null ? 'no dates' : `${isoDateOf(p.firstDay)} to ${isoDateOf(p.lastDay!)}`}`);
      }
      const explanation = explainSeasonIndex(p, day, { window: query.window, top: query.top });
      return {
        date: explanation.date,
        window: explanation.options.window,
        index: round(explanation.point.index, 4),
        season: explanation.point.season,
        btcReturn: round(explanation.btc.windowReturn),
        constituents: explanation.constituents.map((c) => ({
          rank: c.rank,
          assetId: c.assetId,
          symbol: c.symbol,
          name: c.name,
          marketCap: c.marketCap.value,
          startDate: c.startPrice.date,
          startPrice: c.startPrice.value,
          endDate: c.endPrice.date,
          endPrice: c.endPrice.value,
          windowReturn: round(c.windowReturn)!,
          btcReturnSameDays: round(c.btcReturnSameDays),
          beatBtc: c.beatBtc,
          source: c.endPrice.source ?? '',
        })),
        skipped: explanation.skipped.map((s) => ({ assetId: s.assetId, symbol: s.symbol, reason: s.reason })),
      };
  }

  async function computeDominance(query: { from?: string; to?: string }): Promise<DominanceResponse> {
      const all = await getStructure();
      if (!all || all.length === 0) throw new NoDataError('no market caps or dominance series in the store: run `altseason sync` or `altseason import`');
      const stored = (metric: MarketStructureSeries['metric']) => all.find((s) => s.metric === metric && s.universe.startsWith('top'));
      // The provider's own BTC.D with the most values is shown beside ours (another definition).
      const finiteCount = (s: MarketStructureSeries) => s.series.values.reduce((n, v) => n + (Number.isFinite(v) ? 1 : 0), 0);
      const provider = all
        .filter((s) => s.metric === 'btc_dominance_pct' && !s.universe.startsWith('top'))
        .sort((a, b) => finiteCount(b) - finiteCount(a))[0];
      const btcd = stored('btc_dominance_pct');
      if (!btcd) throw new NoDataError('no stored market caps to compute dominance from');
      const from = dayOrNull(query.from, 'from') ?? btcd.series.days[0]!;
      const to = dayOrNull(query.to, 'to') ?? btcd.series.days[btcd.series.days.length - 1]!;
      const valueOn = (s: MarketStructureSeries | undefined, day: number) => {
        if (!s) return null;
        const i = indexAtOrBefore(s.series.days, day);
        return i >= 0 && s.series.days[i] === day ? finite(s.series.values[i]) : null;
      };
      const metrics = {
        eth: stored('eth_dominance_pct'),
        stable: stored('stablecoin_dominance_pct'),
        total: stored('total_usd'),
        total2: stored('total2_usd'),
        total3: stored('total3_usd'),
        others: stored('others_usd'),
        btcCap: stored('btc_market_cap_usd'),
      };
      const points: DominancePoint[] = [];
      for (const day of btcd.series.days) {
        if (day < from || day > to) continue;
        points.push({
          date: isoDateOf(day as DayNumber),
          btcDominance: round(valueOn(btcd, day), 4),
          ethDominance: round(valueOn(metrics.eth, day), 4),
          stablecoinDominance: round(valueOn(metrics.stable, day), 4),
          totalMarketCap: valueOn(metrics.total, day),
          total2: valueOn(metrics.total2, day),
          total3: valueOn(metrics.total3, day),
          others: valueOn(metrics.others, day),
          btcMarketCap: valueOn(metrics.btcCap, day),
          btcDominanceProvider: round(valueOn(provider, day), 4),
        });
      }
      const summary = summarizeMarketStructure(all, { asOf: to as DayNumber });
      const readings: string[] = [];
      for (const figure of summary.latest.filter((f) => f.metric === 'btc_dominance_pct' && f.value !== null)) {
        readings.push(`${METRIC_LABELS[figure.metric]} ${figure.value!.toFixed(1)}% on ${isoDateOf(figure.day!)} (${figure.universe}${figure.source.startsWith('store observations') ? '' : `; ${figure.source}`})`);
      }
      for (const trend of summary.btcDominanceTrends.filter((t) => t.direction !== null)) {
        readings.push(`BTC.D is ${trend.direction} vs its ${trend.window}-day average (${trend.universe})`);
      }
      for (const g of summary.total2VsBtc.filter((x) => x.growthPct !== null && x.benchmarkGrowthPct !== null)) {
        readings.push(`${g.windowDays}d: TOTAL2 ${g.growthPct! >= 0 ? '+' : ''}${g.growthPct!.toFixed(1)}% vs BTC ${g.benchmarkGrowthPct! >= 0 ? '+' : ''}${g.benchmarkGrowthPct!.toFixed(1)}% — ${g.faster ? 'alts growing faster' : 'BTC growing faster'}`);
      }
      for (const crossing of summary.crossings.slice(-3)) {
        readings.push(`BTC.D crossed ${crossing.direction} ${crossing.threshold}% on ${isoDateOf(crossing.day)} (${crossing.universe})`);
      }
      return { universe: `${btcd.universe}, ${btcd.source}`, providerSeriesLabel: provider ? (provider.universe.includes(provider.source) ? provider.universe : `${provider.universe}, ${provider.source}`) : null, points, readings };
  }

  async function computeRut(query: { from?: string; to?: string; breakoutDrawdownPct: number }): Promise<RutResponse> {
      const to = dayOrNull(query.to, 'to');
      const from = dayOrNull(query.from, 'from');
      const rut = await loadEquitySeriesIfStored(store, '^RUT', to === undefined ? {} : { to });
      if (!rut || rut.series.days.length === 0) throw new NoDataError('no Russell 2000 (^RUT) in the store: import rut_daily.csv or run `altseason sync --source yahoo`');
      const spx = await loadEquitySeriesIfStored(store, '^GSPC', to === undefined ? {} : { to });
      const summary = summarizeEquityRecords(rut.series, { breakoutDrawdownPct: query.breakoutDrawdownPct, benchmark: spx?.series ?? null });
      const ratio = spx ? ratioSeries(rut.series, spx.series) : null;
      const breakoutDays = new Set(summary.breakouts.map((b) => b.day as number));
      const state = summary.state;
      const startDay = from ?? addDays(state.days[state.days.length - 1]! as DayNumber, -365 * 12);
      const points: RutResponse['points'] = [];
      for (let i = 0; i < state.days.length; i++) {
        const day = state.days[i]!;
        if (day < startDay) continue;
        let rutSpx: number | null = null;
        if (ratio) {
          const j = indexAtOrBefore(ratio.days, day);
          rutSpx = j >= 0 && ratio.days[j] === day ? finite(ratio.values[j]) : null;
        }
        points.push({
          date: isoDateOf(day as DayNumber),
          close: state.closes[i]!,
          record: state.record[i]!,
          drawdownPct: round(state.distanceFromRecordPct[i]!, 4)!,
          isRecord: state.isRecord[i] === 1,
          isBreakout: breakoutDays.has(day),
          rutSpxRatio: round(rutSpx, 6),
        });
      }
      return {
        breakoutDrawdownPct: query.breakoutDrawdownPct,
        points,
        breakouts: summary.breakouts
          .filter((b) => b.day >= startDay)
          .map((b) => ({ date: isoDateOf(b.day), close: b.close, drawdownBeforePct: round(b.drawdownPct, 2)!, daysSincePreviousRecord: b.day - b.priorRecordDay })),
        latest: {
          date: isoDateOf(summary.latestDay),
          close: summary.latestClose,
          record: summary.record,
          recordDate: isoDateOf(summary.recordDay),
          distancePct: round(summary.distanceFromRecordPct, 4)!,
          daysSinceRecord: summary.daysSinceRecord,
        },
      };
  }
}
