/**
 * Assembles the whole thesis report from in-memory inputs (a panel and the equity closes): pure,
 * seeded, reproducible. Every random step (placebo dates) takes a seed derived from
 * `options.seed`, so the same inputs and seed give the same report, byte for byte.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../../domain/errors.ts';
import type { Panel } from '../../domain/panel.ts';
import { makeSeries, type DailySeries } from '../../domain/series.ts';
import { DEFAULT_BREAKOUT_DRAWDOWN_PCT, findBreakouts } from '../market/find-breakouts.ts';
import { computeRecordState } from '../market/record-state.ts';
import { altcoinSeasonIndexSeries } from '../season/altcoin-season-index-series.ts';
import { DEFAULT_SEASON_INDEX_OPTIONS } from '../season/season-index-options.ts';
import { median } from '../stats/descriptive.ts';
import { adjustHypotheses } from './adjust-hypotheses.ts';
import { checkGroundTruth, type ThesisGroundTruth } from './check-ground-truth.ts';
import { analyzeLeadLag } from './analyze-lead-lag.ts';
import { eventIndices, runEventStudies, runHitRates } from './analyze-breakouts.ts';
import { buildThesisSeries, type ThesisSeries } from './build-thesis-series.ts';
import { findPrecedents } from './find-precedents.ts';
import { listHypotheses } from './list-hypotheses.ts';
import { survivorOnlyPeriodsIn } from './survivor-only-periods.ts';
import { thesisChartPoints } from './thesis-chart-points.ts';
import { thesisCommonSpan } from './thesis-common-span.ts';
import { formatNumber } from './format-thesis-numbers.ts';
import { seriesDescriptions } from './thesis-labels.ts';
import { thesisPower } from './thesis-power.ts';
import { THESIS_REPORT_SCHEMA, type DriverId, type LeadLagResult, type TargetId, type ThesisReport } from './thesis-report.ts';
import { writeVerdict } from './write-verdict.ts';

export const DEFAULT_THESIS_SEED = 20_240_501;

export type { ThesisGroundTruth } from './check-ground-truth.ts';

export interface ThesisInputs {
  panel: Panel;
  /** ^RUT closes on exchange days: the full history (records need every earlier close). */
  russell: DailySeries;
  /** ^GSPC closes, for RUT/SPX relative strength; null when not stored. */
  sp500: DailySeries | null;
  /** Days taken from each source, per equity symbol. */
  equitySources: Record<string, Record<string, number>>;
  /** Set when the data is a simulated market. */
  groundTruth: ThesisGroundTruth | null;
  /** First and last stored crypto day, when the panel was loaded for a shorter range (--from); default: the panel's. */
  cryptoSpan?: { first: DayNumber; last: DayNumber };
  simulated: boolean;
}

export interface ThesisOptions {
  from?: DayNumber;
  to?: DayNumber;
  /** ASI window; default 90. */
  window?: number;
  /** ASI universe; default 50. */
  top?: number;
  breakoutDrawdownPct?: number;
  seed?: number;
  /** Placebo sets per event study and hit rate; default 2000 (tests use fewer). */
  replicates?: number;
  maxLagDays?: number;
  alpha?: number;
  grangerMaxLagDaily?: number;
  grangerMaxLagWeekly?: number;
  eventHorizons?: readonly number[];
  hitHorizons?: readonly number[];
  rollingWindows?: readonly number[];
  altseasonThreshold?: number;
  /** Progress messages for slow steps (the CLI writes them to stderr). */
  onProgress?: (message: string) => void;
}

const DRIVERS: DriverId[] = ['rut', 'rut-spx'];
const TARGETS: TargetId[] = ['median-excess', 'cap-weighted-excess', 'asi-change'];
export { RECOVERY_TOLERANCE_DAYS } from './check-ground-truth.ts';

function wholeAtLeast(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new InvalidInputError(`thesis: ${name} must be a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
}

function describeDistribution(values: number[]) {
  if (!values.length) return { min: null, median: null, max: null };
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}

/** The last day before `from` with a daily alt-minus-BTC return in the panel, or null. */
function lastDailyReturnBefore(panel: Panel, from: DayNumber, top: number): DayNumber | null {
  if (panel.firstDay === null || panel.firstDay >= from) return null;
  const [oneDay] = altcoinSeasonIndexSeries(panel, panel.firstDay, (from - 1) as DayNumber, { windows: [1], stalenessDays: 0, top });
  for (let i = oneDay!.points.length - 1; i >= 0; i--) if (oneDay!.points[i]!.medianExcessReturn !== null) return (panel.firstDay + i) as DayNumber;
  return null;
}

function dataCaveats(series: ThesisSeries, top: number): string[] {
  const caveats: string[] = [];
  const n = series.days.length;
  const dailyDays = series.daily.targets['median-excess'].filter(Number.isFinite).length;
  if (dailyDays < n * 0.95) {
    let last = -1;
    for (let i = 0; i < n; i++) if (Number.isFinite(series.daily.targets['median-excess'][i]!)) last = i;
    caveats.push(
      `Daily alt-minus-BTC returns exist on ${dailyDays} of ${n} days${last >= 0 && last < n - 30 ? ` (the last on ${isoDateOf(series.days[last]! as DayNumber)}; later prices are weekly snapshots, which only the weekly tests and the ASI use)` : ''}; days without prices on consecutive days drop out of the daily tests and event studies.`,
    );
  }
  const sizes = Array.from(series.universeSize).filter((s) => s > 0);
  const short = sizes.filter((s) => s < top).length;
  if (sizes.length && short > 0) caveats.push(`The ASI universe had fewer than ${top} priced alts on ${short} of ${sizes.length} days (smallest ${Math.min(...sizes)}): the index there is coarser, and where the data hold only surviving coins it is biased toward survivors.`);
  return caveats;
}

export function computeThesisFromInputs(inputs: ThesisInputs, options: ThesisOptions = {}): ThesisReport {
  const window = options.window ?? DEFAULT_SEASON_INDEX_OPTIONS.window;
  const top = options.top ?? DEFAULT_SEASON_INDEX_OPTIONS.top;
  const breakoutDrawdownPct = options.breakoutDrawdownPct ?? DEFAULT_BREAKOUT_DRAWDOWN_PCT;
  const seed = options.seed ?? DEFAULT_THESIS_SEED;
  const replicates = options.replicates ?? 2000;
  const maxLagDays = options.maxLagDays ?? 120;
  const alpha = options.alpha ?? 0.05;
  const grangerMaxLagDaily = options.grangerMaxLagDaily ?? 20;
  const grangerMaxLagWeekly = options.grangerMaxLagWeekly ?? 8;
  const eventHorizons = options.eventHorizons ?? [30, 60, 90, 180];
  const hitHorizons = options.hitHorizons ?? [30, 90, 180];
  const rollingWindows = options.rollingWindows ?? [90, 180];
  const threshold = options.altseasonThreshold ?? DEFAULT_SEASON_INDEX_OPTIONS.altThreshold;
  const progress = options.onProgress ?? (() => {});
  wholeAtLeast('window', window, 2);
  wholeAtLeast('seed', seed, 0);
  wholeAtLeast('replicates', replicates, 1);
  wholeAtLeast('max lag', maxLagDays, 1);
  if (!(alpha > 0 && alpha < 1)) throw new InvalidInputError(`thesis: alpha must be between 0 and 1, got ${alpha}`);

  const { panel, russell } = inputs;
  if (panel.firstDay === null || panel.lastDay === null) throw new NoDataError('thesis: the store has no crypto prices; import or sync them first (e.g. `altseason import ../shared/data`)');
  if (russell.days.length === 0) throw new NoDataError('thesis: no ^RUT closes');
  const russellFirst = russell.days[0]! as DayNumber;
  const russellLast = russell.days.at(-1)! as DayNumber;
  const cryptoFirst = inputs.cryptoSpan?.first ?? panel.firstDay;
  const cryptoLast = inputs.cryptoSpan?.last ?? panel.lastDay;
  const from = (options.from ?? Math.max(panel.firstDay, russellFirst)) as DayNumber;
  const to = (options.to ?? Math.min(panel.lastDay, russellLast)) as DayNumber;
  const commonSpan = thesisCommonSpan({ cryptoFirst, cryptoLast, russellFirst, russellLast, ...(options.from !== undefined ? { from: options.from } : {}), ...(options.to !== undefined ? { to: options.to } : {}) });
  if (to - from < 2 * maxLagDays) {
    throw new InvalidInputError(`thesis: the period ${isoDateOf(from)} … ${isoDateOf(to)} is too short for lags up to ${maxLagDays} days; it needs at least ${2 * maxLagDays} days of crypto and ^RUT data`);
  }

  progress(`computing the ${window}-day Altcoin Season Index and daily/weekly alt-minus-BTC returns ${isoDateOf(from)} … ${isoDateOf(to)}`);
  // Equity data after `to` must not influence anything (records, breakouts, carried closes).
  const cut = (series: DailySeries) => {
    let end = series.days.length;
    while (end > 0 && series.days[end - 1]! > to) end--;
    return makeSeries(series.name, series.days.subarray(0, end), series.values.subarray(0, end));
  };
  const russellToDate = cut(russell);
  const sp500ToDate = inputs.sp500 ? cut(inputs.sp500) : null;
  const series = buildThesisSeries(panel, russellToDate, sp500ToDate, from, to, { window, top });

  const allBreakouts = findBreakouts(computeRecordState(russellToDate), breakoutDrawdownPct);
  // A breakout depends only on earlier closes, so those after `to` are found on the full history without touching the tested ones.
  const breakoutsAfterPeriod = findBreakouts(computeRecordState(russell), breakoutDrawdownPct)
    .filter((b) => b.day > to)
    .map((b) => ({ date: isoDateOf(b.day), close: b.close, drawdownPct: b.drawdownPct }));
  const breakouts = allBreakouts.filter((b) => b.day >= from && b.day <= to);
  const events = eventIndices(
    breakouts.map((b) => b.day),
    from,
    series.days.length,
  );

  progress(`cross-correlations (lags ±${maxLagDays} days), Granger tests and rolling correlations`);
  const leadLag: LeadLagResult[] = [];
  for (const frequency of [series.daily, series.weekly]) {
    for (const driver of DRIVERS) {
      if (driver === 'rut-spx' && !sp500ToDate) continue;
      for (const target of TARGETS) {
        leadLag.push(
          analyzeLeadLag(frequency, driver, target, {
            // ΔASI(t) adds day t's returns and drops day t − window's, so any same-day co-movement
            // reappears, mirrored, at lag = window: scan it only over lags shorter than its window.
            maxLagDays: target === 'asi-change' ? Math.min(maxLagDays, window - frequency.unitDays) : maxLagDays,
            alpha,
            grangerMaxLag: frequency.frequency === 'daily' ? grangerMaxLagDaily : grangerMaxLagWeekly,
            rollingWindows: frequency.frequency === 'daily' && target !== 'asi-change' ? rollingWindows : [],
          }),
        );
      }
    }
  }

  // A pair without data gets the reason in terms of the data: where its series end.
  let lastDaily: DayNumber | null | undefined;
  for (const result of leadLag) {
    if (result.unavailable === null || result.frequency !== 'daily' || result.target === 'asi-change') continue;
    const dailyDays = series.daily.targets[result.target].filter(Number.isFinite).length;
    if (dailyDays > 0) continue;
    if (lastDaily === undefined) lastDaily = lastDailyReturnBefore(panel, from, top);
    result.unavailable =
      `no day in ${isoDateOf(from)} … ${isoDateOf(to)} has a daily alt-minus-BTC return (prices on two consecutive days)` +
      (lastDaily !== null ? `: daily alt data end ${isoDateOf(lastDaily)}; later prices are weekly snapshots, which only the weekly tests use` : '');
  }

  progress(`event study of ${breakouts.length} Russell 2000 breakouts (${replicates} placebo sets per horizon) and hit rates`);
  const breakoutOptions = { seed, replicates, alpha, eventHorizons, hitHorizons, threshold };
  const eventStudies = runEventStudies(series.days, { 'median-excess': series.daily.targets['median-excess'], 'cap-weighted-excess': series.daily.targets['cap-weighted-excess'] }, events, breakoutOptions);
  const hitRates = runHitRates(series.asi, events, breakoutOptions);

  const list = listHypotheses(leadLag, eventStudies, hitRates);
  const hypotheses = adjustHypotheses(list, alpha);

  const power = thesisPower(leadLag, eventStudies, hitRates, hypotheses.count, alpha);
  const groundTruth = checkGroundTruth(inputs.groundTruth, leadLag, alpha);
  const chart = thesisChartPoints(series);
  const sizes = Array.from(series.universeSize).filter((s) => s > 0);
  const caveats = dataCaveats(series, top);
  const survivorOnlyPeriods = survivorOnlyPeriodsIn(panel.sources, from, to);
  if (commonSpan.limitedBy.end !== 'to' && cryptoLast !== russellLast) {
    const ahead = commonSpan.limitedBy.end === 'crypto' ? `^RUT closes run to ${commonSpan.russell.to}, past the last crypto day (${commonSpan.crypto.to})` : `crypto prices run to ${commonSpan.crypto.to}, past the last ^RUT close (${commonSpan.russell.to})`;
    caveats.push(`${ahead}: every test uses only the common span ${commonSpan.from} … ${commonSpan.to}.`);
  }
  if (breakoutsAfterPeriod.length) {
    caveats.push(`Russell 2000 breakout${breakoutsAfterPeriod.length === 1 ? '' : 's'} after the period, in no test: ${breakoutsAfterPeriod.map((b) => `${b.date} (after −${formatNumber(b.drawdownPct, 1)} %)`).join(', ')}.`);
  }
  if (inputs.simulated) caveats.unshift('SIMULATED DATA: these figures describe a generated market, not the real one.');

  const withoutVerdict: Omit<ThesisReport, 'verdict'> = {
    schema: THESIS_REPORT_SCHEMA,
    question: 'Does Russell 2000 strength (returns, record breakouts, strength against the S&P 500) lead altcoin outperformance against Bitcoin?',
    simulated: inputs.simulated,
    groundTruth,
    settings: {
      from: isoDateOf(from),
      to: isoDateOf(to),
      window,
      top,
      breakoutDrawdownPct,
      altseasonThreshold: threshold,
      seed,
      replicates,
      maxLagDays,
      alpha,
      grangerMaxLagDaily,
      grangerMaxLagWeekly,
      eventHorizons: [...eventHorizons],
      hitHorizons: [...hitHorizons],
      rollingWindows: [...rollingWindows],
    },
    data: {
      period: { from: isoDateOf(from), to: isoDateOf(to), days: series.days.length },
      commonSpan,
      breakoutsAfterPeriod,
      survivorOnlyPeriods,
      sources: { crypto: [...panel.sources], equity: inputs.equitySources },
      universe: {
        description: `top ${top} coins by market cap as of each day (point-in-time), excluding BTC (the benchmark), stablecoins and wrapped, staked or asset-backed tokens`,
        universeSize: describeDistribution(sizes),
        asiDays: sizes.length,
        dailyTargetDays: series.daily.targets['median-excess'].filter(Number.isFinite).length,
        weeklyTargetWeeks: series.weekly.targets['median-excess'].filter(Number.isFinite).length,
      },
      series: seriesDescriptions(window, top),
      caveats,
    },
    breakouts: breakouts.map((b) => ({ date: isoDateOf(b.day), close: b.close, drawdownPct: b.drawdownPct, priorRecordDate: isoDateOf(b.priorRecordDay), troughDate: isoDateOf(b.troughDay) })),
    leadLag,
    eventStudies,
    hitRates,
    hypotheses,
    precedents: findPrecedents(series.days, series.asi, allBreakouts, threshold),
    power,
    chart,
  };
  return { ...withoutVerdict, verdict: writeVerdict(withoutVerdict) };
}
