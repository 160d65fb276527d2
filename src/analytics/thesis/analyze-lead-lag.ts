/**
 * Every lead-lag statistic for one driver/target pair at one frequency: the cross-correlation
 * function over ±maxLag with robust Bartlett bands, the main scan test (driver leads target,
 * lags 1 … maxLag, Šidák p, Fisher-z interval), the reverse scan (target leads; daily lags 1–2
 * left out, see thesis-report.ts), Granger causality both ways (BIC lag selection, classical and
 * HC3 F tests) and at the scan's peak lag, and, for daily data, rolling correlations. A pair with
 * too few complete pairs is returned with `unavailable` set and no statistics. Pure; positive lag
 * = the driver leads.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { crossCorrelation, type CrossCorrelationPoint } from '../stats/cross-correlation.ts';
import { fisherInterval } from '../stats/fisher-interval.ts';
import { grangerCausality, type GrangerResult } from '../stats/granger-causality.ts';
import { leadLagTest } from '../stats/lead-lag-test.ts';
import { rollingCorrelation } from '../stats/rolling-correlation.ts';
import type { FrequencySeries } from './build-thesis-series.ts';
import type { DriverId, GrangerSummary, LeadLagResult, RollingSummary, TargetId } from './thesis-report.ts';

export interface LeadLagAnalysisOptions {
  /** Largest lag in days (converted to steps of the frequency). */
  maxLagDays: number;
  alpha: number;
  grangerMaxLag: number;
  /** Rolling windows in steps (daily only; empty for none). */
  rollingWindows: readonly number[];
  /** Reverse-scan lags shorter than this many days are left out (trading-hours overlap); default 3. */
  reverseMinLagDays?: number;
}

/** Fewest complete pairs a pair's tests need: 30, and twice the lags scanned. */
export function minimumPairs(maxLagSteps: number): number {
  return Math.max(30, 2 * maxLagSteps);
}

/** 1 − (1 − p)^m without losing small p-values to rounding. */
function sidak(p: number, m: number): number {
  return Math.min(1, -Math.expm1(m * Math.log1p(-Math.min(p, 1 - 1e-16))));
}

function summarizeGranger(result: GrangerResult | null, direction: string, unavailable: string, scanned = 1): GrangerSummary {
  if (result === null || result.pValue === null) {
    return {
      direction,
      lag: result?.lag ?? 0,
      driverLags: result?.driverLags ?? [],
      criterion: result?.criterion ?? 'bic',
      fStatistic: null,
      numeratorDf: result?.numeratorDf ?? 0,
      denominatorDf: result?.denominatorDf ?? 0,
      pValue: null,
      robustFStatistic: null,
      robustPValue: null,
      testPValue: null,
      coefficientSum: null,
      n: result?.n ?? 0,
      partialR2: null,
      unavailable: result === null ? `${unavailable}: one of the series is constant over the rows` : `${unavailable}: only ${result.n} complete rows for ${1 + result.lag + result.driverLags.length} coefficients`,
    };
  }
  const partialR2 =
    result.rssRestricted !== null && result.rssUnrestricted !== null && result.rssRestricted > 0 ? 1 - result.rssUnrestricted / result.rssRestricted : null;
  return {
    direction,
    lag: result.lag,
    driverLags: result.driverLags,
    criterion: result.criterion,
    fStatistic: result.fStatistic,
    numeratorDf: result.numeratorDf,
    denominatorDf: result.denominatorDf,
    pValue: result.pValue,
    robustFStatistic: result.robustFStatistic,
    robustPValue: result.robustPValue,
    testPValue: result.robustPValue === null ? null : sidak(result.robustPValue, scanned),
    coefficientSum: result.coefficientSum,
    n: result.n,
    partialR2,
    unavailable: null,
  };
}

function interval(point: CrossCorrelationPoint | null | undefined, alpha: number): [number, number] | null {
  if (!point) return null;
  return fisherInterval(point.r, point.standardError, alpha);
}

export function summarizeRolling(days: Int32Array, values: Float64Array, window: number): RollingSummary {
  const finite: number[] = [];
  let beyond = 0;
  const naiveBand = 1.959964 / Math.sqrt(window);
  const points: { date: string; r: number | null }[] = [];
  for (let i = 0; i < values.length; i++) {
    const r = values[i]!;
    if (Number.isFinite(r)) {
      finite.push(r);
      if (Math.abs(r) > naiveBand) beyond++;
    }
    if ((days.length - 1 - i) % 7 === 0) points.push({ date: isoDateOf(days[i]! as DayNumber), r: Number.isFinite(r) ? r : null });
  }
  let latest: number | null = null;
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isFinite(values[i]!)) {
      latest = values[i]!;
      break;
    }
  }
  return {
    windowDays: window,
    windows: finite.length,
    mean: finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : null,
    min: finite.length ? Math.min(...finite) : null,
    max: finite.length ? Math.max(...finite) : null,
    latest,
    shareBeyondNaiveBand: finite.length ? beyond / finite.length : null,
    points,
  };
}

function unavailableResult(series: FrequencySeries, driver: DriverId, target: TargetId, reason: string, pairs: number, reverseMinLag: number): LeadLagResult {
  const granger = (direction: string): GrangerSummary => summarizeGranger({ lag: 0, driverLags: [], criterion: 'bic', criterionByLag: null, fStatistic: null, numeratorDf: 0, denominatorDf: 0, pValue: null, robustFStatistic: null, robustPValue: null, coefficientSum: null, n: pairs, rssRestricted: null, rssUnrestricted: null }, direction, 'not run');
  return {
    id: `${series.frequency}:${driver}→${target}`,
    unavailable: reason,
    driver,
    target,
    frequency: series.frequency,
    unitDays: series.unitDays,
    period: { from: null, to: null },
    n: pairs,
    varianceInflation: 1,
    correlogram: [],
    contemporaneous: { r: null, interval: null, pValue: null },
    lead: { lagsTested: 0, peakLag: null, peakLagDays: null, r: null, interval: null, z: null, pointwisePValue: null, pValue: null },
    reverse: { minLag: reverseMinLag, lagsTested: 0, peakLag: null, r: null, pValue: null },
    granger: { driverToTarget: { ...granger(`${driver} → ${target}`), unavailable: reason }, targetToDriver: { ...granger(`${target} → ${driver}`), unavailable: reason }, atScanLag: null },
    rolling: [],
  };
}

export function analyzeLeadLag(series: FrequencySeries, driver: DriverId, target: TargetId, options: LeadLagAnalysisOptions): LeadLagResult {
  const x = series.drivers[driver];
  const y = series.targets[target];
  const maxLag = Math.max(1, Math.round(options.maxLagDays / series.unitDays));
  const reverseMinLag = Math.max(1, Math.ceil((options.reverseMinLagDays ?? 3) / series.unitDays));
  let first = -1;
  let last = -1;
  let pairs = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      if (first < 0) first = i;
      last = i;
      pairs++;
    }
  }
  const needed = minimumPairs(maxLag);
  if (pairs < needed) {
    const unit = series.unitDays === 1 ? 'days' : 'weeks';
    return unavailableResult(series, driver, target, `only ${pairs} ${series.frequency} pairs with both series defined; scanning lags up to ${maxLag} ${unit} needs at least ${needed}`, pairs, reverseMinLag);
  }
  const ccf = crossCorrelation(x, y, { maxLag, alpha: options.alpha });
  const lead = leadLagTest(ccf, { minLag: 1, maxLag });
  const reverseScan = leadLagTest({ ...ccf, points: ccf.points.filter((p) => p.lag < 0).map((p) => ({ ...p, lag: -p.lag })) }, { minLag: reverseMinLag, maxLag });
  const zero = ccf.points.find((p) => p.lag === 0);
  const grangerOptions = { maxLag: options.grangerMaxLag };
  const forward = grangerCausality(x, y, grangerOptions);
  const peakLag = lead.peak?.lag ?? null;
  const atScanLag =
    peakLag === null
      ? null
      : summarizeGranger(grangerCausality(x, y, { maxLag: Math.max(peakLag, forward?.lag ?? 1), lag: Math.max(1, forward?.lag ?? 1), driverLags: [peakLag] }), `${driver} → ${target} at lag ${peakLag}`, 'not run', lead.lagsTested);
  return {
    id: `${series.frequency}:${driver}→${target}`,
    unavailable: null,
    driver,
    target,
    frequency: series.frequency,
    unitDays: series.unitDays,
    period: { from: first >= 0 ? isoDateOf(series.days[first]! as DayNumber) : null, to: last >= 0 ? isoDateOf(series.days[last]! as DayNumber) : null },
    n: zero?.n ?? 0,
    varianceInflation: ccf.varianceInflation,
    correlogram: ccf.points.map((p) => ({ lag: p.lag, r: p.r, n: p.n, band: p.band, pValue: p.pValue })),
    contemporaneous: { r: zero?.r ?? null, interval: interval(zero, options.alpha), pValue: zero?.pValue ?? null },
    lead: {
      lagsTested: lead.lagsTested,
      peakLag: lead.peak?.lag ?? null,
      peakLagDays: lead.peak ? lead.peak.lag * series.unitDays : null,
      r: lead.peak?.r ?? null,
      interval: interval(lead.peak, options.alpha),
      z: lead.peak?.z ?? null,
      pointwisePValue: lead.peak?.pValue ?? null,
      pValue: lead.pValue,
    },
    reverse: { minLag: reverseMinLag, lagsTested: reverseScan.lagsTested, peakLag: reverseScan.peak ? -reverseScan.peak.lag : null, r: reverseScan.peak?.r ?? null, pValue: reverseScan.pValue },
    granger: {
      driverToTarget: summarizeGranger(forward, `${driver} → ${target}`, 'not run'),
      targetToDriver: summarizeGranger(grangerCausality(y, x, grangerOptions), `${target} → ${driver}`, 'not run'),
      atScanLag,
    },
    rolling: options.rollingWindows.map((window) => summarizeRolling(series.days, rollingCorrelation(x, y, window), window)),
  };
}
