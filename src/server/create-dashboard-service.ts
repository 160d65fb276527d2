/**
 * The dashboard's answers: each endpoint calls the same use case as the CLI (src/app/), over a read
 * context that keeps one panel and one set of market-structure series per process. Answers are
 * cached (a bounded number: every window/top/date combination is a different answer) until
 * `refresh()`, which the app calls when the store's latest load changes.
 */
import { isoDateOf, parseDay, today, type DayNumber } from '../domain/dates.ts';
import type { Panel } from '../domain/panel.ts';
import { dominance } from '../app/dominance.ts';
import { signalHistory, signals } from '../app/signals.ts';
import { readiness } from '../app/readiness.ts';
import { readinessEvaluation } from '../app/readiness-evaluation.ts';
import { rotation } from '../app/rotation.ts';
import { sectors } from '../app/sectors.ts';
import { portfolioShow } from '../app/portfolio-show.ts';
import { risk } from '../app/risk.ts';
import { planStatus } from '../app/portfolio-plan-status.ts';
import { backtest, type BacktestQuery } from '../app/backtest.ts';
import { parseThreads } from '../app/sweep-threads.ts';
import { parseParameter, parseSweepAxis } from '../analytics/backtest/parameter-grid.ts';
import { parseWalkForward } from '../analytics/backtest/walk-forward.ts';
import { explainIndex } from '../app/explain-index.ts';
import { loadMarketStructure, type LoadedMarketStructure } from '../app/load-market-structure.ts';
import { marketStatus } from '../app/market-status.ts';
import { dataNotice } from '../app/data-notice.ts';
import type { ReadContext } from '../app/read-context.ts';
import { runThesis } from '../app/run-thesis.ts';
import { russell2000 } from '../app/russell-2000.ts';
import { seasonIndex } from '../app/season-index.ts';
import { storedCryptoSpan } from '../app/stored-span.ts';
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { loadPanel } from '../data/panel/load-panel.ts';
import type { Store } from '../data/store/store.ts';
import { isSimulatedStore, SIMULATED_NOTICE } from '../sim/write-simulated-market.ts';
import type { MetaResponse } from './api-types.ts';
import type { BacktestApiQuery, DashboardService } from './dashboard-service.ts';
import { LruCache } from './lru-cache.ts';

export interface CachedDashboardService extends DashboardService {
  refresh(): void;
}

/** Days of Russell 2000 closes the dashboard lists unless asked for a range. */
const RUT_CHART_DAYS = 365 * 12;
/** The rotation chart's default span, in days. */
const ROTATION_CHART_DAYS = 730;

const dayOrUndefined = (text: string | undefined, name: string) => (text === undefined ? undefined : parseDay(text, name));

/** Most configurations one dashboard request may sweep: vectorised asi-regime, and the engine per configuration. */
const MAX_API_CONFIGURATIONS = { vectorised: 20_000, engine: 100 };

/** The API's flat query as the use case's (each part parsed as the CLI parses its flags). */
function backtestQueryOf(query: BacktestApiQuery): BacktestQuery {
  const parameters = Object.fromEntries((query.params ?? '').split(',').filter((p) => p.trim() !== '').map((p) => parseParameter(p, 'params')));
  const sweep = (query.sweep ?? '').split(';').filter((p) => p.trim() !== '').map((p) => parseSweepAxis(p, 'sweep'));
  const configurations = sweep.reduce((n, axis) => n * axis.values.length, 1);
  const limit = query.strategy === 'asi-regime' ? MAX_API_CONFIGURATIONS.vectorised : MAX_API_CONFIGURATIONS.engine;
  if (configurations > limit) throw new InvalidInputError(`sweep: ${configurations} configurations; the dashboard runs at most ${limit} for ${query.strategy} (the CLI has no limit)`);
  const from = dayOrUndefined(query.from, 'from');
  const to = dayOrUndefined(query.to, 'to');
  return {
    strategy: query.strategy,
    parameters,
    sweep,
    feesBps: query.feesBps,
    slippageBps: query.slippageBps,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(query.walkForward !== undefined ? { walkForward: parseWalkForward(query.walkForward, 'walkForward') } : {}),
    ...(query.threads !== undefined ? { threads: parseThreads(query.threads, 'threads') } : {}),
  };
}

export function createDashboardService(store: Store): CachedDashboardService {
  let panel: Promise<Panel> | null = null;
  let structure: Promise<LoadedMarketStructure | null> | null = null;
  let simulated: Promise<boolean> | null = null;
  const answers = new LruCache<string, unknown>(64);
  const remember = <T>(key: string, compute: () => Promise<T>) => answers.getOrCompute(key, compute) as Promise<T>;
  let thesis: Promise<ThesisReport> | null = null;

  // One full panel per load: the analytics are point-in-time, so a range needs no panel of its own.
  const context: ReadContext = {
    store,
    panel: () => (panel ??= loadPanel(store)),
    simulated: () => (simulated ??= isSimulatedStore(store)),
    today: () => today(),
  };
  const getStructure = () =>
    (structure ??= loadMarketStructure(store).catch((error: unknown) => {
      if (error instanceof NoDataError) return null;
      throw error;
    }));

  async function computeMeta(): Promise<MetaResponse> {
    const summary = await store.summary();
    const isSimulated = await context.simulated();
    return {
      schema: 'altseason.meta/v1',
      simulated: isSimulated,
      data: dataNotice(summary.lastDay, context.today(), isSimulated),
      dataNotice: isSimulated ? SIMULATED_NOTICE : null,
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
      simulated = null;
      answers.clear();
      thesis = null;
    },

    meta: () => remember('meta', computeMeta),

    status: () =>
      remember('status', async () => {
        const loaded = await getStructure();
        return marketStatus(context, { marketStructure: loaded?.series ?? null });
      }),

    thesis: () => (thesis ? thesis.then((report) => report) : Promise.resolve(null)),

    computeThesis() {
      if (thesis) return thesis;
      const pending = runThesis(store);
      pending.catch(() => thesis === pending && (thesis = null)); // a failure is not kept
      thesis = pending;
      return pending;
    },

    index: (query) =>
      remember(`index:${JSON.stringify(query)}`, async () => {
        // The dashboard charts the whole history unless a range is asked for.
        const span = await storedCryptoSpan(store);
        const from = dayOrUndefined(query.from, 'from') ?? span.first;
        const to = dayOrUndefined(query.to, 'to');
        return seasonIndex(context, { from, ...(to !== undefined ? { to } : {}), settings: { window: query.window, top: query.top } });
      }),

    explain: (query) =>
      remember(`explain:${JSON.stringify(query)}`, () => explainIndex(context, { date: parseDay(query.date, 'date'), settings: { window: query.window, top: query.top } })),

    dominance: (query) =>
      remember(`dominance:${JSON.stringify(query)}`, async () => {
        const from = dayOrUndefined(query.from, 'from');
        const to = dayOrUndefined(query.to, 'to');
        return dominance(context, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }, { loadedStructure: getStructure });
      }),

    signals: (query) =>
      remember(`signals:${JSON.stringify(query)}`, () => {
        const at = dayOrUndefined(query.at, 'at');
        return signals(context, at === undefined ? {} : { at });
      }),

    signalHistory: (query) =>
      remember(`signal:${JSON.stringify(query)}`, () => {
        const from = dayOrUndefined(query.from, 'from');
        const to = dayOrUndefined(query.to, 'to');
        return signalHistory(context, { name: query.name, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
      }),

    readiness: (query) =>
      remember(`readiness:${JSON.stringify(query)}`, () => {
        const from = dayOrUndefined(query.from, 'from');
        const to = dayOrUndefined(query.to, 'to');
        return readiness(context, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
      }),

    readinessEvidence: () => remember('readiness-evidence', () => readinessEvaluation(context, { replicates: 500 })),

    rotation: (query) =>
      remember(`rotation:${JSON.stringify(query)}`, async () => {
        // The dashboard charts the last two years unless a range is asked for.
        const span = await storedCryptoSpan(store);
        const to = dayOrUndefined(query.to, 'to') ?? span.last;
        const from = dayOrUndefined(query.from, 'from') ?? (Math.max(span.first, to - ROTATION_CHART_DAYS) as DayNumber);
        return rotation(context, { from, to, window: query.window, weighting: query.weighting, phase: { leadMargin: query.leadMargin, riskOffBtcReturn: query.riskOffBtcReturn, confirmDays: query.confirmDays } });
      }),

    // Not remembered: an import changes the portfolio without a new market-data load.
    portfolio: (query) => {
      const at = dayOrUndefined(query.date, 'date');
      return portfolioShow(context, at !== undefined ? { at } : {});
    },
    risk: (query) => {
      const at = dayOrUndefined(query.date, 'date');
      return risk(context, at !== undefined ? { at } : {});
    },
    plans: (query) => {
      const at = dayOrUndefined(query.date, 'date');
      return planStatus(context, at !== undefined ? { at } : {});
    },

    sectors: (query) =>
      remember(`sectors:${JSON.stringify(query)}`, () => {
        const at = dayOrUndefined(query.date, 'date');
        return sectors(context, { ...(at !== undefined ? { at } : {}), ...(query.sector !== undefined ? { sector: query.sector } : {}) });
      }),

    backtest: (query) => remember(`backtest:${JSON.stringify(query)}`, () => backtest(context, backtestQueryOf(query))),

    rut: (query) =>
      remember(`rut:${JSON.stringify(query)}`, async () => {
        const from = dayOrUndefined(query.from, 'from');
        const to = dayOrUndefined(query.to, 'to');
        // The chart shows twelve years unless asked for more.
        return russell2000(context, { breakoutDrawdownPct: query.breakoutDrawdownPct, listLastDays: RUT_CHART_DAYS, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
      }),
  };
}
