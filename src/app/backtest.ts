/**
 * The backtest use case: loads what the strategy needs (the crypto panel, and BTC dominance, the
 * Russell 2000 or BTC funding when it uses them), runs the engine (analytics/backtest), a sweep
 * when parameters are swept and a walk-forward when asked, and maps it all to the contract
 * (altseason.backtest/v1) with the statistics that say whether the result is luck. The headline is
 * the stitched out-of-sample curve under walk-forward, never the in-sample best. Shared by
 * `altseason backtest`, `GET /api/backtest` and the library.
 */
import { addDays, isoDateOf, parseDay, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import { makeSeries, type DailySeries } from '../domain/series.ts';
import { asiRegimeEvaluator, asiRegimeGridValues, precomputeAsiRegime } from '../analytics/backtest/asi-regime-sweep.ts';
import { BacktestData, type BacktestInputs } from '../analytics/backtest/backtest-data.ts';
import { seriesHonesty, sweepHonesty, verdictOf, type SweepHonesty } from '../analytics/backtest/backtest-honesty.ts';
import { computeMetrics, DAYS_PER_YEAR, type BacktestMetrics } from '../analytics/backtest/backtest-metrics.ts';
import { ASI_REGIME, findBuiltinStrategy, HOLD, type StrategyNeed } from '../analytics/backtest/builtin-strategies.ts';
import { resolveCosts, type CostOptions, type DelistingRule } from '../analytics/backtest/costs.ts';
import { ParameterGrid, type SweepAxis } from '../analytics/backtest/parameter-grid.ts';
import { runBacktest, type BacktestRun } from '../analytics/backtest/run-backtest.ts';
import type { ParameterValue, StrategyDefinition } from '../analytics/backtest/strategy.ts';
import { engineEvaluator, runSweep, sweepLayout, type SweepSummary } from '../analytics/backtest/sweep.ts';
import type { BacktestOverfitting } from '../analytics/stats/backtest-overfitting.ts';
import { FoldSelector, planWalkForward, stitchWalkForward, type WalkForwardPlan, type WalkForwardResult } from '../analytics/backtest/walk-forward.ts';
import { deflatedSharpeRatio, sharpeEstimate, varianceOfSharpes } from '../analytics/stats/sharpe-statistics.ts';
import { survivorOnlyPeriodsIn } from '../analytics/thesis/survivor-only-periods.ts';
import { assignSectors } from '../analytics/rotation/sector-labels.ts';
import type { BootstrapInterval } from '../analytics/stats/block-bootstrap.ts';
import { loadEquitySeriesIfStored } from '../data/panel/load-equity-series.ts';
import { SERIES, seriesName } from '../domain/series-names.ts';
import type { BacktestResult, BacktestCurvePoint, BacktestSweepRow } from './contracts/backtest.ts';
import { BACKTEST_SCHEMA, MAX_SWEEP_ROWS } from './contracts/backtest-names.ts';
import { dataNotice } from './data-notice.ts';
import { loadMarketStructure } from './load-market-structure.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import { AUTO_MIN_CONFIGURATIONS, AUTO_MIN_PBO_CONFIGURATIONS, decideThreads, SweepThreads, type ThreadDecision, type ThreadsOption } from './sweep-threads.ts';
import { DEFAULT_DATE_FIELDS, type DateFieldNames } from './stored-span.ts';

export interface BacktestQuery {
  /** A built-in strategy id (asi-regime, dominance-breakdown, rut-breakout, sector-momentum, hold)… */
  strategy: string;
  /** …or a user's strategy, already loaded (the CLI loads a module file), with where it came from. */
  definition?: StrategyDefinition;
  definitionSource?: string;
  parameters?: Readonly<Record<string, ParameterValue>>;
  sweep?: readonly SweepAxis[];
  from?: DayNumber;
  to?: DayNumber;
  feesBps?: number;
  slippageBps?: number;
  funding?: boolean;
  delisting?: DelistingRule;
  /** Largest gross weight (default 1: no leverage); above 1 the excess is a BTC perpetual paying funding with `funding`. */
  maxGross?: number;
  walkForward?: { train: number; test: number };
  /** Bootstrap seed and replicates (defaults 1 and 2,000). */
  seed?: number;
  replicates?: number;
  fieldNames?: DateFieldNames;
  /** Threads for a vectorised asi-regime sweep and its PBO (default 'auto': several only when more than one core is free). */
  threads?: ThreadsOption;
}

/** Sources whose coins were picked by their size on a later date (../shared/data/README.md). */
const EARLY_SNAPSHOT_SOURCES = ['cmc_cs442_top50_20171030', 'cmc_jessevent_top44_20180325'];
const EARLY_SNAPSHOT_END = parseDay('2018-01-01');

export const TIMING =
  'A decision at the close of day t reads only data up to that close (UTC); the trade fills at that close, and the weights are held to the close of t+1; fees and slippage are charged on turnover at the trade.';

export const EXPLANATIONS: Record<string, string> = {
  probabilisticSharpe: 'PSR: the probability that the true Sharpe ratio is above 0, given the track record’s length, skewness and fat tails (Bailey & López de Prado 2012).',
  deflatedSharpe: 'DSR: the same probability measured against the best Sharpe ratio that luck alone would produce after this many configurations tried; below 95 % the best configuration is not significant (Bailey & López de Prado 2014).',
  pbo: 'PBO: how often the configuration that is best on one half of the history ranks in the bottom half on the other half, over all 12,870 ways of splitting 16 blocks; above 50 % the sweep is fitting noise (Bailey, Borwein, López de Prado & Zhu 2017).',
  bootstrap: 'Bootstrap intervals resample the daily returns in blocks (keeping their volatility clustering) to show the range the Sharpe ratio and excess return could have come out in.',
  walkForward: 'Walk-forward: parameters are chosen on each training window only and traded on the next test window; the stitched test windows are the honest estimate.',
  minTrackRecord: 'Minimum track record: how many days of this Sharpe ratio, skewness and kurtosis are needed before PSR reaches 95 %.',
};

const iso = (day: number) => isoDateOf(day as DayNumber);
const annual = (perPeriod: number | null) => (perPeriod === null ? null : perPeriod * Math.sqrt(DAYS_PER_YEAR));

function resolveStrategy(query: BacktestQuery): { strategy: StrategyDefinition; needs: readonly StrategyNeed[] | null; source: string } {
  if (query.definition) return { strategy: query.definition, needs: null, source: query.definitionSource ?? 'user module' };
  const builtin = findBuiltinStrategy(query.strategy);
  if (!builtin) {
    throw new InvalidInputError(`strategy: no built-in strategy ${JSON.stringify(query.strategy)}; built-ins: asi-regime, dominance-breakdown, rut-breakout, sector-momentum, hold (or give a .ts/.js module path)`);
  }
  return { strategy: builtin, needs: builtin.needs, source: 'built-in' };
}

async function loadInputs(context: ReadContext, needs: readonly StrategyNeed[] | null, funding: boolean, notes: string[]): Promise<BacktestInputs> {
  const wants = (need: StrategyNeed) => needs === null || needs.includes(need);
  const panel = await context.panel();
  let btcDominance: DailySeries | null = null;
  if (wants('btcDominance')) {
    const structure = await loadMarketStructure(context.store, {}).catch((error: unknown) => {
      if (error instanceof NoDataError && needs === null) return null;
      throw error;
    });
    const candidates = (structure?.series ?? []).filter((s) => s.metric === 'btc_dominance_pct');
    const chosen = candidates.find((s) => s.universe.includes('stored')) ?? candidates[0];
    if (chosen) {
      btcDominance = chosen.series;
      notes.push(`BTC dominance: ${chosen.universe} (${chosen.source})`);
    }
  }
  let russell: DailySeries | null = null;
  if (wants('russell')) russell = (await loadEquitySeriesIfStored(context.store, '^RUT'))?.series ?? null;
  let fundingDaily: DailySeries | null = null;
  if (funding) {
    const points = await context.store.readSeries(seriesName(SERIES.fundingRate8h, 'BTCUSDT'));
    const bySource = new Map<string, number>();
    for (const p of points) bySource.set(p.source, (bySource.get(p.source) ?? 0) + 1);
    const source = [...bySource.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const perDay = new Map<number, number>();
    for (const p of points) if (p.source === source) perDay.set(Math.floor(p.at / 86_400_000), (perDay.get(Math.floor(p.at / 86_400_000)) ?? 0) + p.value);
    const days = [...perDay.keys()].sort((a, b) => a - b);
    if (days.length > 0) {
      fundingDaily = makeSeries('funding', days, days.map((d) => perDay.get(d)!));
      notes.push(`funding: BTCUSDT perpetual, ${source}, daily sum of the 8-hourly rates`);
    }
  }
  let sectorLabels: string[] | null = null;
  if (wants('sectors')) {
    // The primary sector of each coin, as `altseason sectors` and rotation assign them.
    const rules = await context.store.listCategoryRules();
    if (rules.length > 0) sectorLabels = assignSectors(panel, rules).map((l) => l.sector);
  }
  return { panel, btcDominance, russell, fundingDaily, sectorLabels };
}

function checkNeeds(data: BacktestData, needs: readonly StrategyNeed[] | null, id: string): void {
  if (!needs) return;
  if (needs.includes('btcDominance') && !data.btcDominance()) throw new NoDataError(`${id}: no BTC dominance in the store (import crypto_prices_long.csv.gz or btc_dominance_daily_2017_2024.csv from ../shared/data, or sync CoinGecko)`);
  if (needs.includes('russell') && !data.russellClose()) throw new NoDataError(`${id}: no ^RUT closes in the store (import ../shared/data/rut_daily.csv or sync Yahoo)`);
  if (needs.includes('sectors') && !data.hasSectors()) {
    throw new NoDataError(`${id}: no sectors in the store: no asset has a category label other than stablecoin/wrapped/staked (import ../shared/data/coin_categories.csv)`);
  }
}

/** The engine's metrics in the result contract's form (rounded; shared by every use case that reports them). */
export function metricsOut(m: BacktestMetrics): BacktestResult['metrics'] {
  const r = (f: { value: number | null; sampleSize: number }, digits = 6) => ({ value: roundOrNull(f.value, digits), sampleSize: f.sampleSize });
  return {
    days: m.days,
    totalReturn: r(m.totalReturn),
    annualisedReturn: r(m.annualisedReturn),
    volatility: r(m.volatility),
    sharpe: r(m.sharpe, 4),
    sortino: r(m.sortino, 4),
    maxDrawdown: { ...r(m.maxDrawdown), peakDate: m.maxDrawdown.peakDate, troughDate: m.maxDrawdown.troughDate, recoveryDate: m.maxDrawdown.recoveryDate },
    calmar: r(m.calmar, 4),
    turnover: r(m.turnover, 4),
    annualTurnover: r(m.annualTurnover, 4),
    exposure: r(m.exposure, 4),
    meanGross: r(m.meanGross, 4),
    trades: r(m.trades, 0),
    hitRate: r(m.hitRate, 4),
    excessReturnVsBtc: r(m.excessReturnVsBtc),
    annualisedExcessVsBtc: r(m.annualisedExcessVsBtc),
    costsPaid: r(m.costsPaid),
  };
}

function intervalOut(i: BootstrapInterval | null, scale: number): BacktestResult['honesty']['sharpeInterval'] {
  if (!i) return null;
  return { estimate: roundOrNull(i.estimate * scale, 6)!, lower: roundOrNull(i.lower * scale, 6)!, upper: roundOrNull(i.upper * scale, 6)!, confidence: i.confidence, method: i.method, blockLength: roundOrNull(i.blockLength, 2)!, replicates: i.replicates };
}

function curveOf(run: BacktestRun, btc: BacktestRun): BacktestCurvePoint[] {
  const peak = { s: 0, b: 0 };
  return Array.from(run.days, (day, k) => {
    const e = run.equity[k]!;
    const b = btc.equity[k]!;
    peak.s = Math.max(peak.s, e);
    peak.b = Math.max(peak.b, b);
    return {
      date: iso(day),
      equity: roundOrNull(e, 8)!,
      btcEquity: roundOrNull(b, 8)!,
      drawdown: roundOrNull(peak.s > 0 ? e / peak.s - 1 : 0, 8)!,
      btcDrawdown: roundOrNull(peak.b > 0 ? b / peak.b - 1 : 0, 8)!,
      exposure: k < run.exposure.length ? roundOrNull(run.exposure[k]!, 6) : null,
    };
  });
}

function sweepRows(grid: ParameterGrid, summary: SweepSummary): { rows: BacktestSweepRow[]; cut: boolean } {
  const row = (i: number): BacktestSweepRow => ({
    index: i,
    parameters: { ...grid.parameters(i) },
    sharpe: roundOrNull(Number.isFinite(summary.sharpe[i]!) ? annual(summary.sharpe[i]!) : null, 4),
    totalReturn: roundOrNull(summary.totalReturn[i]!, 6),
    maxDrawdown: roundOrNull(summary.maxDrawdown[i]!, 6),
  });
  if (grid.count <= MAX_SWEEP_ROWS) return { rows: Array.from({ length: grid.count }, (_, i) => row(i)), cut: false };
  const order = Array.from({ length: grid.count }, (_, i) => i).sort((a, b) => (summary.sharpe[b]! || -Infinity) - (summary.sharpe[a]! || -Infinity));
  return { rows: order.slice(0, MAX_SWEEP_ROWS).map(row), cut: true };
}

function heatmapOf(grid: ParameterGrid, summary: SweepSummary): NonNullable<BacktestResult['sweep']>['heatmap'] {
  if (grid.axes.length === 0) return null;
  const yAxis = grid.axes.length >= 2 ? grid.axes[0]! : { name: '', values: ['all'] };
  const xAxis = grid.axes.length >= 2 ? grid.axes[1]! : grid.axes[0]!;
  const cells = yAxis.values.map(() => xAxis.values.map(() => Number.NEGATIVE_INFINITY));
  for (let i = 0; i < grid.count; i++) {
    const c = grid.coordinates(i);
    const y = grid.axes.length >= 2 ? c[0]! : 0;
    const x = grid.axes.length >= 2 ? c[1]! : c[0]!;
    const s = summary.sharpe[i]!;
    if (Number.isFinite(s) && s > cells[y]![x]!) cells[y]![x] = s;
  }
  return {
    x: xAxis.name,
    y: yAxis.name,
    xValues: [...xAxis.values],
    yValues: [...yAxis.values],
    sharpe: cells.map((row) => row.map((s) => (Number.isFinite(s) ? roundOrNull(annual(s), 4) : null))),
  };
}

function honestyOut(headline: BacktestRun, btc: BacktestRun, sweep: SweepHonesty | null, subject: string, query: BacktestQuery): BacktestResult['honesty'] {
  const series = seriesHonesty(headline.returns, btc.returns, { seed: query.seed ?? 1, replicates: query.replicates ?? 2000 });
  const verdict = verdictOf(series, sweep, subject);
  return {
    probabilisticSharpe: roundOrNull(series.psr, 6),
    minTrackRecordDays: roundOrNull(series.minTrackRecordDays, 1),
    sharpeInterval: intervalOut(series.sharpeInterval, Math.sqrt(DAYS_PER_YEAR)),
    excessReturnInterval: intervalOut(series.excessInterval, DAYS_PER_YEAR),
    sweep: sweep
      ? {
          trials: sweep.trials,
          effectiveTrials: sweep.effectiveTrials?.value ?? null,
          effectiveTrialsBasedOn: sweep.effectiveTrials?.basedOn ?? null,
          varianceOfTrialSharpes: roundOrNull(sweep.varianceOfTrialSharpes, 10),
          expectedMaxSharpe: roundOrNull(annual(sweep.deflated?.expectedMaxSharpe ?? null), 4),
          deflatedSharpe: roundOrNull(sweep.deflated?.deflatedSharpe ?? null, 6),
          pbo: roundOrNull(sweep.pbo?.pbo ?? null, 6),
          pboSplits: sweep.pbo?.splits ?? null,
          pboBlocks: sweep.pbo?.blocks ?? null,
          pboConfigurations: sweep.pbo?.configurations ?? null,
          probabilityOfLoss: roundOrNull(sweep.pbo?.probabilityOfLoss ?? null, 6),
          degradationSlope: roundOrNull(sweep.pbo?.degradation?.slope ?? null, 4),
          pboNote: sweep.pboNote,
        }
      : null,
    indistinguishableFromLuck: verdict.indistinguishableFromLuck,
    verdict: verdict.lines,
    explanations: EXPLANATIONS,
  };
}

function walkForwardOut(wf: WalkForwardResult, summary: SweepSummary | null): { out: NonNullable<BacktestResult['walkForward']>; deflated: number | null } {
  const estimate = sharpeEstimate(wf.stitched.returns);
  const V = summary ? varianceOfSharpes(Array.from(summary.sharpe, (s) => (Number.isFinite(s) ? s : null))) : null;
  const dsr = estimate && V !== null && wf.trials >= 2 ? deflatedSharpeRatio(estimate, { trials: wf.trials, varianceOfTrialSharpes: V }) : null;
  return {
    deflated: dsr?.deflatedSharpe ?? null,
    out: {
      trainDays: wf.plan.train,
      testDays: wf.plan.test,
      folds: wf.folds.map((f) => ({
        trainFrom: f.trainFrom,
        trainTo: f.trainTo,
        testFrom: f.testFrom,
        testTo: f.testTo,
        parameters: { ...f.parameters },
        inSampleSharpe: roundOrNull(annual(f.inSampleSharpe), 4),
        outOfSampleSharpe: roundOrNull(annual(f.outOfSampleSharpe), 4),
        inSampleAnnualReturn: roundOrNull(f.inSampleAnnualReturn, 6),
        outOfSampleAnnualReturn: roundOrNull(f.outOfSampleAnnualReturn, 6),
        trials: f.trials,
      })),
      stitchedSharpe: roundOrNull(annual(estimate?.sharpe ?? null), 4),
      tStatistic: roundOrNull(estimate ? estimate.sharpe * Math.sqrt(estimate.count) : null, 4),
      deflatedSharpe: roundOrNull(dsr?.deflatedSharpe ?? null, 6),
      efficiency: roundOrNull(wf.efficiency, 4),
    },
  };
}

/** The verdict cannot vouch for data whose alts were picked by their later success: say so beside it. */
function withSurvivorshipCaveat(honesty: BacktestResult['honesty'], notes: readonly string[]): BacktestResult['honesty'] {
  if (!notes.some((n) => n.startsWith('survivorship:'))) return honesty;
  return { ...honesty, verdict: [...honesty.verdict, 'Caveat: part of the range has survivors-only alt data (see the notes), so alt-holding results there are biased upward; no statistic here corrects for that.'] };
}

interface GridSweep {
  summary: SweepSummary;
  /** PBO when its splits were ranked on several threads (else sweepHonesty ranks them here). */
  overfitting: BacktestOverfitting | null;
  vectorised: boolean;
  threads: ThreadDecision;
  elapsedMs: number;
}

/**
 * Every configuration of the grid: vectorised for asi-regime without funding or leverage (on
 * several threads when sweep-threads decides so, with PBO's splits), else the engine per
 * configuration on this thread. Byte-identical whatever the threads.
 */
async function sweepGrid(
  data: BacktestData,
  grid: ParameterGrid,
  run: { from: DayNumber; to: DayNumber; costs: Partial<CostOptions>; selector: FoldSelector | null; plan: WalkForwardPlan | null; threads: ThreadsOption | undefined },
): Promise<GridSweep> {
  const { from, to, costs, selector, plan } = run;
  const vectorised = grid.strategy === ASI_REGIME && !costs.funding && (costs.maxGross ?? 1) === 1;
  const started = performance.now();
  const decision = vectorised ? decideThreads(run.threads, grid.count, AUTO_MIN_CONFIGURATIONS) : { threads: 1, reason: '1 thread: only the vectorised asi-regime sweep runs on several' };
  let pool: SweepThreads | null = null;
  try {
    let summary: SweepSummary;
    if (decision.threads > 1) {
      pool = new SweepThreads(decision.threads);
      const pre = precomputeAsiRegime(data, asiRegimeGridValues(grid, 'window'), asiRegimeGridValues(grid, 'top'), from, to, costs);
      summary = await pool.sweep({ pre, fixed: grid.fixed, axes: grid.axes }, sweepLayout(grid.count, pre.length), selector, plan ? { from, plan, length: to - from } : null);
    } else {
      const evaluator = vectorised ? asiRegimeEvaluator(data, grid, from, to, costs) : engineEvaluator(data, grid, from, to, costs);
      summary = runSweep(evaluator, grid.count, selector ? { onConfiguration: selector.onConfiguration } : {});
    }
    let overfitting: BacktestOverfitting | null = null;
    const pboThreads = summary.cscv && grid.count > 1 ? decideThreads(run.threads, summary.cscv.configurations, AUTO_MIN_PBO_CONFIGURATIONS).threads : 1;
    if (summary.cscv && pboThreads > 1) {
      if (pool && pool.size !== pboThreads) {
        await pool.close();
        pool = null;
      }
      pool ??= new SweepThreads(pboThreads);
      overfitting = await pool.overfitting(summary.cscv);
    }
    return { summary, overfitting, vectorised, threads: decision, elapsedMs: performance.now() - started };
  } finally {
    await pool?.close();
  }
}

export async function backtest(context: ReadContext, query: BacktestQuery): Promise<BacktestResult> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const { strategy, needs, source } = resolveStrategy(query);
  const costs = resolveCosts({ feesBps: query.feesBps, slippageBps: query.slippageBps, funding: query.funding, delisting: query.delisting, maxGross: query.maxGross });
  const grid = new ParameterGrid(strategy, query.parameters ?? {}, query.sweep ?? []);
  if (query.from !== undefined && query.to !== undefined && query.to <= query.from) throw new InvalidInputError(`${names.to} ${iso(query.to)} must be after ${names.from} ${iso(query.from)}`);
  return inSnapshot(context, async () => {
    const notes: string[] = [];
    const inputs = await loadInputs(context, needs, costs.funding, notes);
    const data = new BacktestData(inputs);
    checkNeeds(data, needs, strategy.id);
    const span = `the stored prices cover ${iso(data.firstDay)} … ${iso(data.lastDay)}`;
    const btcFirst = data.panel.assets[data.btcIndex]!.firstDay;
    const warmup = grid.maxWarmupDays();
    const earliest = Math.max(data.firstDay, btcFirst);
    const from = query.from ?? addDays(earliest as DayNumber, warmup);
    const to = query.to ?? data.lastDay;
    if (from < data.firstDay || from >= data.lastDay) throw new NoDataError(`${names.from} ${iso(from)} is outside the data: ${span}`);
    if (to > data.lastDay || to <= from) throw new NoDataError(`${names.to} ${iso(to)} is outside the data or not after ${iso(from)}: ${span}`);
    if (from - earliest < warmup) notes.push(`the first ${warmup - (from - earliest)} days have less history than the rule's ${warmup}-day warm-up`);

    const costInput = { feesBps: costs.feesBps, slippageBps: costs.slippageBps, funding: costs.funding, delisting: costs.delisting, maxGross: costs.maxGross };
    let summary: SweepSummary | null = null;
    let sweepOut: BacktestResult['sweep'] = null;
    let selector: FoldSelector | null = null;
    const plan = query.walkForward ? planWalkForward(from, to, query.walkForward.train, query.walkForward.test) : null;
    if (plan) selector = new FoldSelector(from, plan, to - from);
    let overfitting: BacktestOverfitting | null = null;
    if (grid.count > 1 || plan) {
      const run = await sweepGrid(data, grid, { from, to, costs: costInput, selector, plan, threads: query.threads });
      summary = run.summary;
      overfitting = run.overfitting;
      if (grid.count > 1) {
        const { rows, cut } = sweepRows(grid, summary);
        sweepOut = {
          axes: grid.axes.map((a) => ({ name: a.name, values: [...a.values] })),
          configurations: grid.count,
          evaluation: run.vectorised ? 'vectorised' : 'engine',
          elapsedMs: Math.round(run.elapsedMs),
          threads: run.threads.threads,
          threadsNote: run.threads.reason,
          best: summary.best >= 0 ? rows.find((r) => r.index === summary!.best) ?? null : null,
          rows,
          rowsCut: cut,
          heatmap: heatmapOf(grid, summary),
        };
      }
    }

    let headline: BacktestRun;
    let headlineKind: BacktestResult['headline'];
    let parameters: Record<string, ParameterValue>;
    let walkForward: BacktestResult['walkForward'] = null;
    let sweepStats: SweepHonesty | null = null;
    let subject: string;
    if (plan && selector) {
      const wf = stitchWalkForward(data, grid, selector, plan, costInput);
      headline = wf.stitched;
      headlineKind = 'walk-forward';
      const { out, deflated } = walkForwardOut(wf, summary);
      walkForward = out;
      parameters = { ...wf.folds[wf.folds.length - 1]!.parameters };
      subject = `The stitched out-of-sample curve of ${strategy.id} (${wf.folds.length} folds)`;
      if (summary && grid.count > 1) {
        const best = runBacktest(data, strategy, grid.parameters(Math.max(0, summary.best)), { from, to, costs: costInput }).returns;
        const base = sweepHonesty(summary, best, { overfitting });
        // The verdict is about the stitched curve: its DSR (N = trials per fold) replaces the in-sample best's.
        sweepStats = { ...base, deflated: deflated === null || !base.deflated ? null : { ...base.deflated, deflatedSharpe: deflated } };
      }
    } else if (summary && grid.count > 1) {
      const best = Math.max(0, summary.best);
      parameters = { ...grid.parameters(best) };
      headline = runBacktest(data, strategy, parameters, { from, to, costs: costInput });
      headlineKind = 'sweep-best';
      sweepStats = sweepHonesty(summary, headline.returns, { overfitting });
      subject = `The best of ${grid.count} configurations (in-sample)`;
      notes.push('the headline is the in-sample best of the sweep: use --walk-forward TRAIN:TEST for an out-of-sample estimate');
    } else {
      parameters = { ...grid.parameters(0) };
      headline = runBacktest(data, strategy, parameters, { from, to, costs: costInput });
      headlineKind = 'single';
      subject = `${strategy.id} (${Object.entries(parameters).map(([k, v]) => `${k}=${v}`).join(' ') || 'no parameters'})`;
    }
    const btc = runBacktest(data, HOLD, { asset: 'BTC' }, { from: headline.from, to: headline.to, costs: costInput });
    const metrics = computeMetrics(headline, btc);
    for (const period of survivorOnlyPeriodsIn(data.panel.sources, headline.from, headline.to)) notes.push(`survivorship: ${period.from} … ${period.to}: ${period.note}`);
    const early = EARLY_SNAPSHOT_SOURCES.filter((s) => data.panel.sources.includes(s));
    if (early.length > 0 && headline.from < EARLY_SNAPSHOT_END) {
      notes.push(`survivorship: before ${iso(EARLY_SNAPSHOT_END)} the stored alts come from top-50 lists of late 2017 and March 2018 (${early.join(', ')}): coins chosen for their later size, so alt baskets there lean toward winners`);
    }
    if (headline.delistings.length > 0) notes.push(`${headline.delistings.length} holdings stopped trading and were ${costs.delisting === 'zero' ? 'marked to zero' : 'sold at their last price'}`);
    return {
      schema: BACKTEST_SCHEMA,
      simulated: await context.simulated(),
      data: dataNotice(data.lastDay, context.today(), await context.simulated()),
      strategy: { id: strategy.id, description: strategy.description, source },
      parameters,
      headline: headlineKind,
      from: iso(headline.from),
      to: iso(headline.to),
      costs: { feesBps: costs.feesBps, slippageBps: costs.slippageBps, funding: costs.funding, delisting: costs.delisting, maxGross: costs.maxGross },
      timing: TIMING,
      metrics: metricsOut(metrics),
      benchmark: { strategy: 'hold asset=BTC', metrics: metricsOut(computeMetrics(btc, btc)) },
      honesty: withSurvivorshipCaveat(honestyOut(headline, btc, sweepStats, subject, query), notes),
      sweep: sweepOut,
      walkForward,
      curve: curveOf(headline, btc),
      delistings: headline.delistings.map((d) => ({ ...d, weight: roundOrNull(d.weight, 6)! })),
      notes,
    };
  });
}
