/**
 * The composite readiness score on a day: the weighted mean of the component scores present that
 * day, × 100. Contribution of component i = 100 · wᵢ · sᵢ / Σ_{present} w, so the contributions
 * add up to the score. A component with a weight but no score that day is listed as missing; when
 * the present weights are less than half of all the weights given, the score is undefined (null).
 */
import { valueOn } from '../signals/daily-values.ts';
import type { DailyValues } from '../signals/daily-values.ts';
import type { ComponentDefinition, ComponentSeries } from './readiness-components.ts';
import type { WeightSet } from './readiness-weights.ts';

/** The present weights must be at least this share of the weights given. */
export const MIN_WEIGHT_COVERAGE = 0.5;

export interface ComponentReading {
  id: string;
  label: string;
  /** Raw value on the day (null: missing). */
  value: number | null;
  /** Score in [0, 1] (null: missing). */
  score: number | null;
  /** The weight given. */
  weight: number;
  /** Its share of the present weights (0 when missing). */
  effectiveWeight: number;
  /** Points of the 0–100 score it adds (null when missing). */
  contribution: number | null;
}

export interface ReadinessReading {
  day: number;
  /** 0–100, null when too little weight is present. */
  score: number | null;
  /** Present weight / weight given. */
  coverage: number;
  components: ComponentReading[];
  /** Components with a weight but no score on the day (no data, or too little history for the percentile). */
  missing: string[];
}

/**
 * The reading on `day`. `absent` lists components whose inputs are not stored at all (missing
 * whenever they have a weight).
 */
export function readinessOn(day: number, present: readonly ComponentSeries[], absent: readonly ComponentDefinition[], weights: WeightSet): ReadinessReading {
  const rows: { c: ComponentReading; score: number }[] = [];
  const missing: string[] = [];
  let given = 0;
  let presentWeight = 0;
  for (const series of present) {
    const weight = weights[series.definition.id] ?? 0;
    if (weight === 0) continue;
    given += weight;
    const score = valueOn(series.score, day);
    const raw = valueOn(series.raw, day);
    const c: ComponentReading = { id: series.definition.id, label: series.definition.label, value: Number.isFinite(raw) ? raw : null, score: Number.isFinite(score) ? score : null, weight, effectiveWeight: 0, contribution: null };
    if (Number.isFinite(score)) presentWeight += weight;
    else missing.push(series.definition.id);
    rows.push({ c, score });
  }
  for (const definition of absent) {
    const weight = weights[definition.id] ?? 0;
    if (weight === 0) continue;
    given += weight;
    missing.push(definition.id);
    rows.push({ c: { id: definition.id, label: definition.label, value: null, score: null, weight, effectiveWeight: 0, contribution: null }, score: NaN });
  }
  let total = 0;
  if (presentWeight > 0) {
    for (const row of rows) {
      if (!Number.isFinite(row.score)) continue;
      row.c.effectiveWeight = row.c.weight / presentWeight;
      row.c.contribution = 100 * row.c.effectiveWeight * row.score;
      total += row.c.contribution;
    }
  }
  const coverage = given > 0 ? presentWeight / given : 0;
  return { day, score: coverage >= MIN_WEIGHT_COVERAGE && presentWeight > 0 ? total : null, coverage, components: rows.map((r) => r.c), missing };
}

/** The composite on every day from..to (NaN where undefined): the same rule as readinessOn, per day. */
export function compositeSeries(present: readonly ComponentSeries[], absent: readonly ComponentDefinition[], weights: WeightSet | ((day: number) => WeightSet), from: number, to: number): DailyValues {
  const values = new Float64Array(Math.max(0, to - from + 1)).fill(NaN);
  for (let day = from; day <= to; day++) {
    const w = typeof weights === 'function' ? weights(day) : weights;
    let given = 0;
    let presentWeight = 0;
    let sum = 0;
    for (const series of present) {
      const weight = w[series.definition.id] ?? 0;
      if (weight === 0) continue;
      given += weight;
      const score = valueOn(series.score, day);
      if (Number.isFinite(score)) {
        presentWeight += weight;
        sum += weight * score;
      }
    }
    for (const definition of absent) given += w[definition.id] ?? 0;
    if (presentWeight > 0 && presentWeight / given >= MIN_WEIGHT_COVERAGE) values[day - from] = (100 * sum) / presentWeight;
  }
  return { firstDay: from, values };
}
