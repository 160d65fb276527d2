/**
 * Fitted weights, walk-forward: on each refit day r (every `refitDays` from the first day asked),
 * a ridge logistic regression of "a season starts within h days" on the component scores, over the
 * days whose label is known on r (analytics/readiness/readiness-targets.ts: labelKnownOn) — never a
 * later one. The weights used from r until the next refit are the positive parts of the
 * coefficients (a component that the fit gives a negative or zero coefficient gets weight 0), so
 * the fitted score is still a weighted mean of scores, readable like the default one. A missing
 * score is entered as 0.5 (neutral). Until enough labelled history exists there are no fitted
 * weights (and no fitted score).
 */
import { valueOn } from '../signals/daily-values.ts';
import type { ComponentSeries } from './readiness-components.ts';
import { fitLogistic, DEFAULT_RIDGE } from './logistic-regression.ts';
import { labelKnownOn, seasonLabel, type ReadinessTargets } from './readiness-targets.ts';
import type { WeightSet } from './readiness-weights.ts';

export interface FittedWeightsOptions {
  /** The label the fit predicts: a season starting within this many days (default 90). */
  horizon?: number;
  /** Days between refits (default 60). */
  refitDays?: number;
  /** At least this many labelled days… (default 365) */
  minTrainDays?: number;
  /** …and this many of them positive (default 20). */
  minPositives?: number;
  ridge?: number;
}

export interface WeightFit {
  /** The refit day: its weights are used from this day to the day before the next refit. */
  day: number;
  /** null: too little labelled history, or no positive coefficient. */
  weights: WeightSet | null;
  /** The last training day (every training label is known on `day`). */
  trainedThrough: number | null;
  trainDays: number;
  positives: number;
  coefficients: Record<string, number> | null;
}

export interface FittedWeightsSchedule {
  fits: WeightFit[];
  /** The weights in force on `day` (the last refit on or before it), or null. */
  weightsOn(day: number): WeightSet | null;
}

function resolve(o: FittedWeightsOptions): Required<FittedWeightsOptions> {
  return { horizon: o.horizon ?? 90, refitDays: o.refitDays ?? 60, minTrainDays: o.minTrainDays ?? 365, minPositives: o.minPositives ?? 20, ridge: o.ridge ?? DEFAULT_RIDGE };
}

/** One fit on the labels known on `day`. */
export function fitWeightsOn(day: number, present: readonly ComponentSeries[], targets: ReadinessTargets, options: FittedWeightsOptions = {}): WeightFit {
  const o = resolve(options);
  const rows: Float64Array[] = [];
  const y: number[] = [];
  let positives = 0;
  let last: number | null = null;
  for (let t = targets.firstDay; labelKnownOn(targets, t, o.horizon, day); t++) {
    const label = seasonLabel(targets, t, o.horizon);
    if (!Number.isFinite(label)) continue;
    const x = new Float64Array(present.length);
    let any = false;
    for (let j = 0; j < present.length; j++) {
      const s = valueOn(present[j]!.score, t);
      any ||= Number.isFinite(s);
      x[j] = Number.isFinite(s) ? s : 0.5;
    }
    if (!any) continue;
    rows.push(x);
    y.push(label);
    positives += label;
    last = t;
  }
  const base = { day, trainedThrough: last, trainDays: rows.length, positives };
  if (rows.length < o.minTrainDays || positives < o.minPositives || present.length === 0) return { ...base, weights: null, coefficients: null };
  const fit = fitLogistic(rows, y, o.ridge);
  const coefficients: Record<string, number> = {};
  const weights: Record<string, number> = {};
  let sum = 0;
  present.forEach((c, j) => {
    const b = fit.coefficients[j]!;
    coefficients[c.definition.id] = b;
    weights[c.definition.id] = Math.max(0, b);
    sum += Math.max(0, b);
  });
  return { ...base, weights: sum > 0 ? Object.freeze(weights) : null, coefficients };
}

/** Refits on from, from + refitDays, … up to `to`. */
export function fitWeightsWalkForward(present: readonly ComponentSeries[], targets: ReadinessTargets, from: number, to: number, options: FittedWeightsOptions = {}): FittedWeightsSchedule {
  const o = resolve(options);
  const fits: WeightFit[] = [];
  for (let day = from; day <= to; day += o.refitDays) fits.push(fitWeightsOn(day, present, targets, o));
  return {
    fits,
    weightsOn(day: number) {
      if (day < from || fits.length === 0) return null;
      const k = Math.min(fits.length - 1, Math.floor((day - from) / o.refitDays));
      return fits[k]!.weights;
    },
  };
}
