/**
 * Every lead-lag statistic for one driver/target pair at one frequency: the cross-correlation
 * function over ±maxLag with robust Bartlett bands, the main scan test (driver leads target,
 * lags 1 … maxLag, Šidák p), Granger causality both ways (BIC lag selection, F test) and, for daily
 * data, rolling correlations. Pure; positive lag = the driver leads.
 */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { crossCorrelation, type CrossCorrelationPoint } from '../stats/cross-correlation.ts';
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
}

function summarizeGranger(result: GrangerResult, direction: string): GrangerSummary {
  const partialR2 =
    result.rssRestricted !== null && result.rssUnrestricted !== null && result.rssRestricted > 0 ? 1 - result.rssUnrestricted / result.rssRestricted : null;
  return {
    direction,
    lag: result.lag,
    criterion: result.criterion,
    fStatistic: result.fStatistic,
    numeratorDf: result.numeratorDf,
    denominatorDf: result.denominatorDf,
    pValue: result.pValue,
    n: result.n,
    partialR2,
  };
}

function interval(point: CrossCorrelationPoint | null | undefined): [number, number] | null {
  if (!point || point.r === null || point.band === null) return null;
  return [point.r - point.band, point.r + point.band];
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

export function analyzeLeadLag(series: FrequencySeries, driver: DriverId, target: TargetId, options: LeadLagAnalysisOptions): LeadLagResult {
  const x = series.drivers[driver];
  const y = series.targets[target];
  const maxLag = Math.max(1, Math.round(options.maxLagDays / series.unitDays));
  const ccf = crossCorrelation(x, y, { maxLag, alpha: options.alpha });
  const lead = leadLagTest(ccf, { minLag: 1, maxLag });
  const reverseScan = leadLagTest({ ...ccf, points: ccf.points.filter((p) => p.lag < 0).map((p) => ({ ...p, lag: -p.lag })) }, { minLag: 1, maxLag });
  const zero = ccf.points.find((p) => p.lag === 0);
  let first = -1;
  let last = -1;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  const grangerOptions = { maxLag: options.grangerMaxLag };
  return {
    id: `${series.frequency}:${driver}→${target}`,
    driver,
    target,
    frequency: series.frequency,
    unitDays: series.unitDays,
    period: { from: first >= 0 ? isoDateOf(series.days[first]! as DayNumber) : null, to: last >= 0 ? isoDateOf(series.days[last]! as DayNumber) : null },
    n: zero?.n ?? 0,
    varianceInflation: ccf.varianceInflation,
    correlogram: ccf.points.map((p) => ({ lag: p.lag, r: p.r, n: p.n, band: p.band, pValue: p.pValue })),
    contemporaneous: { r: zero?.r ?? null, interval: interval(zero), pValue: zero?.pValue ?? null },
    lead: {
      lagsTested: lead.lagsTested,
      peakLag: lead.peak?.lag ?? null,
      peakLagDays: lead.peak ? lead.peak.lag * series.unitDays : null,
      r: lead.peak?.r ?? null,
      interval: interval(lead.peak),
      z: lead.peak?.z ?? null,
      pointwisePValue: lead.peak?.pValue ?? null,
      pValue: lead.pValue,
    },
    reverse: { peakLag: reverseScan.peak ? -reverseScan.peak.lag : null, r: reverseScan.peak?.r ?? null, pValue: reverseScan.pValue },
    granger: {
      driverToTarget: summarizeGranger(grangerCausality(x, y, grangerOptions), `${driver} → ${target}`),
      targetToDriver: summarizeGranger(grangerCausality(y, x, grangerOptions), `${target} → ${driver}`),
    },
    rolling: options.rollingWindows.map((window) => summarizeRolling(series.days, rollingCorrelation(x, y, window), window)),
  };
}
