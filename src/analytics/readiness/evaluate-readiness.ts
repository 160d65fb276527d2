/**
 * The evidence behind the readiness score: for the composite (default weights, and fitted weights
 * walk-forward when asked), each component alone and the naive baselines (the ASI level alone,
 * BTC.D alone, always-yes), against "a season starts within 30 / 60 / 90 days" and the alt
 * basket's return vs BTC over the next 30 / 90 days: ROC AUC with block-bootstrap intervals, Brier
 * score and a calibration table of an out-of-sample probability (each predictor mapped to a
 * probability by a logistic fit on the labels known before the day, refitted every 60 days; the
 * always-yes baseline's probability is the base rate known before the day), the threshold signal's
 * hit rate, lead time and false alarms, and whether the composite beats the best naive baseline
 * (a paired block bootstrap of the AUC difference, Holm across horizons and weight sets).
 */
import { blockBootstrapInterval, type BootstrapInterval } from '../stats/block-bootstrap.ts';
import { holmAdjust } from '../stats/multiple-testing.ts';
import { pearsonCorrelation } from '../stats/pearson-correlation.ts';
import { valueOn, type DailyValues } from '../signals/daily-values.ts';
import { compositeSeries } from './readiness-composite.ts';
import type { ComponentDefinition, ComponentSeries } from './readiness-components.ts';
import { fitWeightsWalkForward, type FittedWeightsOptions, type FittedWeightsSchedule, type WeightFit } from './fitted-weights.ts';
import { aucOverBaselines, aucWithInterval, brierScore, calibrationTable, signalStatistics, type AucDifference, type AucEstimate, type BootstrapSettings, type CalibrationBin, type SignalStatistics } from './forecast-metrics.ts';
import { fitLogistic, predictLogistic } from './logistic-regression.ts';
import { forwardExcessReturns, labelKnownOn, RETURN_HORIZONS, SEASON_HORIZONS, seasonLabels, type ReadinessTargets } from './readiness-targets.ts';
import type { WeightSet } from './readiness-weights.ts';

export const DEFAULT_SIGNAL_THRESHOLD = 0.65;
export const DEFAULT_BLOCK_LENGTH = 180;
export const DEFAULT_ALPHA = 0.05;
const CALIBRATION_REFIT_DAYS = 60;
const CALIBRATION_MIN_DAYS = 365;
const CALIBRATION_MIN_POSITIVES = 10;

export type PredictorKind = 'composite' | 'component' | 'baseline';

export interface Predictor {
  id: string;
  label: string;
  kind: PredictorKind;
  /** Daily values in [0, 1] on from..to (NaN = none); higher = readier. */
  values: Float64Array;
  /** Always-yes: its probability is the base rate known so far. */
  constant?: boolean;
}

export interface HorizonEvaluation {
  horizon: number;
  /** Scored days (label and predictor defined) and how many had a season starting within h days. */
  n: number;
  positives: number;
  auc: AucEstimate;
  brier: number | null;
  /** Brier of the base rate known before each day, over the same days. */
  brierBaseRate: number | null;
  brierDays: number;
  calibration: CalibrationBin[];
  signal: SignalStatistics;
}

export interface ReturnEvaluation {
  horizon: number;
  n: number;
  /** Pearson correlation of the predictor with the next-h-day log excess return of the alt basket over BTC. */
  correlation: number | null;
  interval: BootstrapInterval | null;
  /** Mean forward excess log return on signal-on days and on signal-off days. */
  meanWhenOn: number | null;
  meanWhenOff: number | null;
}

export interface PredictorEvaluation {
  id: string;
  label: string;
  kind: PredictorKind;
  horizons: HorizonEvaluation[];
  returns: ReturnEvaluation[];
}

export interface SkillTest {
  predictor: string;
  horizon: number;
  test: AucDifference;
  /** Holm-adjusted over every (composite, horizon) test. */
  adjustedPValue: number | null;
}

export interface ReadinessEvaluation {
  from: number;
  to: number;
  threshold: number;
  bootstrap: BootstrapSettings;
  alpha: number;
  seasonStarts: number[];
  predictors: PredictorEvaluation[];
  skill: SkillTest[];
  fittedWeights: WeightFit[] | null;
  /** The walk-forward weights themselves (null without fitted weights), for a caller that trades on them. */
  fittedSchedule: FittedWeightsSchedule | null;
  /** Whether any composite beats the best naive baseline after Holm. */
  skillful: boolean;
}

export interface EvaluationOptions {
  threshold?: number;
  blockLength?: number;
  replicates?: number;
  seed?: number;
  alpha?: number;
  /** Also evaluate walk-forward fitted weights. */
  fitted?: boolean | FittedWeightsOptions;
  /** Evaluate the components alone (default true; the bench turns it off for speed). */
  components?: boolean;
  horizons?: readonly number[];
  returnHorizons?: readonly number[];
}

function onRange(s: DailyValues, from: number, to: number, map: (v: number) => number = (v) => v): Float64Array {
  const out = new Float64Array(to - from + 1);
  for (let d = from; d <= to; d++) {
    const v = valueOn(s, d);
    out[d - from] = Number.isFinite(v) ? map(v) : NaN;
  }
  return out;
}

/** Out-of-sample probability: a logistic fit of the label on the predictor over the labels known on each refit day. */
export function walkForwardProbability(predictor: Predictor, labels: Float64Array, targets: ReadinessTargets, from: number, horizon: number): Float64Array {
  const n = labels.length;
  const out = new Float64Array(n).fill(NaN);
  for (let start = 0; start < n; start += CALIBRATION_REFIT_DAYS) {
    const refitDay = from + start;
    const rows: number[][] = [];
    const y: number[] = [];
    let positives = 0;
    for (let i = 0; i < n && labelKnownOn(targets, from + i, horizon, refitDay); i++) {
      const x = predictor.values[i]!;
      const label = labels[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(label)) continue;
      rows.push([x]);
      y.push(label);
      positives += label;
    }
    if (rows.length < CALIBRATION_MIN_DAYS || positives < CALIBRATION_MIN_POSITIVES) continue;
    const end = Math.min(n, start + CALIBRATION_REFIT_DAYS);
    if (predictor.constant) {
      const rate = positives / rows.length;
      for (let i = start; i < end; i++) if (Number.isFinite(predictor.values[i]!)) out[i] = rate;
      continue;
    }
    const fit = fitLogistic(rows, y, 1e-6);
    for (let i = start; i < end; i++) if (Number.isFinite(predictor.values[i]!)) out[i] = predictLogistic(fit, [predictor.values[i]!]);
  }
  return out;
}

function evaluateHorizon(predictor: Predictor, labels: Float64Array, baseRate: Float64Array, targets: ReadinessTargets, from: number, horizon: number, threshold: number, bootstrap: BootstrapSettings): HorizonEvaluation {
  const x = predictor.values;
  let n = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(labels[i]!)) continue;
    n++;
    positives += labels[i]!;
  }
  const probability = walkForwardProbability(predictor, labels, targets, from, horizon);
  const both = (i: number) => Number.isFinite(probability[i]!) && Number.isFinite(baseRate[i]!);
  const p = probability.map((v, i) => (both(i) ? v : NaN));
  const b = baseRate.map((v, i) => (both(i) ? v : NaN));
  const brier = brierScore(p, labels);
  const on = x.map((v) => (Number.isFinite(v) ? (predictor.constant || v >= threshold ? 1 : 0) : NaN));
  return {
    horizon,
    n,
    positives,
    auc: aucWithInterval(x, labels, bootstrap),
    brier: brier.brier,
    brierBaseRate: brierScore(b, labels).brier,
    brierDays: brier.n,
    calibration: calibrationTable(p, labels),
    signal: signalStatistics(on, labels, from, targets.seasonStarts, horizon),
  };
}

function evaluateReturns(predictor: Predictor, forward: Float64Array, horizon: number, threshold: number, bootstrap: BootstrapSettings): ReturnEvaluation {
  const x = predictor.values;
  const usable: number[] = [];
  let on = 0;
  let onSum = 0;
  let off = 0;
  let offSum = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!) || !Number.isFinite(forward[i]!)) continue;
    usable.push(i);
    if (predictor.constant || x[i]! >= threshold) {
      on++;
      onSum += forward[i]!;
    } else {
      off++;
      offSum += forward[i]!;
    }
  }
  // Pearson r of the resampled pairs (the same formula as pearsonCorrelation, without copying them out).
  const correlationOf = (sample: ArrayLike<number>) => {
    const n = sample.length;
    if (n < 3) return null;
    let sa = 0;
    let sb = 0;
    for (let k = 0; k < n; k++) {
      sa += x[sample[k]!]!;
      sb += forward[sample[k]!]!;
    }
    const ma = sa / n;
    const mb = sb / n;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let k = 0; k < n; k++) {
      const da = x[sample[k]!]! - ma;
      const db = forward[sample[k]!]! - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
  };
  const correlation = predictor.constant || usable.length < 3 ? null : pearsonCorrelation(Float64Array.from(usable, (i) => x[i]!), Float64Array.from(usable, (i) => forward[i]!)).r;
  const interval = correlation === null ? null : blockBootstrapInterval(Int32Array.from(usable), { statistic: correlationOf, blockLength: bootstrap.blockLength, replicates: bootstrap.replicates, seed: bootstrap.seed });
  return { horizon, n: usable.length, correlation, interval, meanWhenOn: on ? onSum / on : null, meanWhenOff: off ? offSum / off : null };
}

/** The baseline and composite predictors on from..to. */
export function readinessPredictors(present: readonly ComponentSeries[], absent: readonly ComponentDefinition[], weights: WeightSet, from: number, to: number, fittedWeights: ((day: number) => WeightSet | null) | null, includeComponents = true): Predictor[] {
  const predictors: Predictor[] = [];
  predictors.push({ id: 'composite', label: 'Readiness score (default weights)', kind: 'composite', values: onRange(compositeSeries(present, absent, weights, from, to), from, to, (v) => v / 100) });
  if (fittedWeights) {
    const none: WeightSet = {};
    const composite = compositeSeries(present, [], (day) => fittedWeights(day) ?? none, from, to);
    predictors.push({ id: 'composite-fitted', label: 'Readiness score (fitted weights, walk-forward)', kind: 'composite', values: onRange(composite, from, to, (v) => v / 100) });
  }
  if (includeComponents) for (const c of present) predictors.push({ id: c.definition.id, label: c.definition.label, kind: 'component', values: onRange(c.score, from, to) });
  const asi = present.find((c) => c.definition.id === 'asi-level');
  if (asi) predictors.push({ id: 'baseline-asi', label: 'ASI level alone (ASI / 100)', kind: 'baseline', values: onRange(asi.raw, from, to, (v) => v / 100) });
  const btcd = present.find((c) => c.definition.id === 'btc-dominance-level');
  if (btcd) predictors.push({ id: 'baseline-btc-dominance', label: 'BTC.D alone (1 − BTC.D / 100)', kind: 'baseline', values: onRange(btcd.raw, from, to, (v) => 1 - v / 100) });
  predictors.push({ id: 'baseline-always-yes', label: 'Always yes', kind: 'baseline', values: new Float64Array(to - from + 1).fill(1), constant: true });
  return predictors;
}

export function evaluateReadiness(present: readonly ComponentSeries[], absent: readonly ComponentDefinition[], weights: WeightSet, targets: ReadinessTargets, from: number, to: number, options: EvaluationOptions = {}): ReadinessEvaluation {
  const threshold = options.threshold ?? DEFAULT_SIGNAL_THRESHOLD;
  const bootstrap: BootstrapSettings = { blockLength: options.blockLength ?? DEFAULT_BLOCK_LENGTH, replicates: options.replicates ?? 1000, seed: options.seed ?? 1 };
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const horizons = options.horizons ?? SEASON_HORIZONS;
  const returnHorizons = options.returnHorizons ?? RETURN_HORIZONS;
  const schedule = options.fitted ? fitWeightsWalkForward(present, targets, from, to, typeof options.fitted === 'object' ? options.fitted : {}) : null;
  const predictors = readinessPredictors(present, absent, weights, from, to, schedule ? (day) => schedule.weightsOn(day) : null, options.components !== false);
  const always = predictors.find((p) => p.constant)!;
  const labelsBy = new Map(horizons.map((h) => [h, seasonLabels(targets, from, to, h)] as const));
  const baseRates = new Map(horizons.map((h) => [h, walkForwardProbability(always, labelsBy.get(h)!, targets, from, h)] as const));
  const forwardBy = new Map(returnHorizons.map((h) => [h, forwardExcessReturns(targets, from, to, h)] as const));
  const evaluations: PredictorEvaluation[] = predictors.map((p) => ({
    id: p.id,
    label: p.label,
    kind: p.kind,
    horizons: horizons.map((h) => evaluateHorizon(p, labelsBy.get(h)!, baseRates.get(h)!, targets, from, h, threshold, bootstrap)),
    returns: targets.altOverBtc ? returnHorizons.map((h) => evaluateReturns(p, forwardBy.get(h)!, h, threshold, bootstrap)) : [],
  }));
  const baselines = predictors.filter((p) => p.kind === 'baseline' && !p.constant).map((p) => p.values);
  const skill: SkillTest[] = [];
  for (const p of predictors.filter((q) => q.kind === 'composite')) {
    for (const h of horizons) skill.push({ predictor: p.id, horizon: h, test: aucOverBaselines(p.values, baselines, labelsBy.get(h)!, bootstrap), adjustedPValue: null });
  }
  const tested = skill.filter((s) => s.test.pValue !== null);
  const adjusted = holmAdjust(tested.map((s) => s.test.pValue!));
  tested.forEach((s, k) => (s.adjustedPValue = adjusted[k]!));
  const skillful = tested.some((s) => s.adjustedPValue! < alpha && s.test.difference! > 0);
  return { from, to, threshold, bootstrap, alpha, seasonStarts: targets.seasonStarts.filter((s) => s >= from && s <= to), predictors: evaluations, skill, fittedWeights: schedule?.fits ?? null, fittedSchedule: schedule, skillful };
}
