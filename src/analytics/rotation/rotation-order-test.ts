/**
 * The rotation-order test: does ETH's outperformance of BTC lead the large caps', which leads the
 * mid caps', which leads the small caps'? For each consecutive pair (driver → target), on the
 * tiers' excess log returns over BTC per step (default weekly: weekly snapshots move a coin's
 * as-of price once a week, so daily returns of a tier priced weekly lag a daily-priced tier by
 * construction; a week removes that artefact):
 * - the cross-correlation scan, driver leading by 1 … maxLag steps, robust bands, Šidák over the
 *   lags (lead-lag-test.ts);
 * - Granger causality in the thesis's direction only (driver's past → target), x entering at the
 *   scan's peak lag, BIC for the own lags, the HC3-robust p-value;
 * - an event study of the driver's phase starts (the target's excess return over the next
 *   `horizonSteps` steps against all steps, placebo p-value), when there are ≥ 3 starts.
 * Every p-value of the family is Holm-adjusted. A pair is supported when both the scan and Granger
 * reject at `alpha` after adjustment with a positive sign; the order holds when every pair is.
 * Power: the smallest correlation the scan detects with 80 % power (Šidák over the lags).
 */
import { crossCorrelation } from '../stats/cross-correlation.ts';
import { eventStudy } from '../stats/event-study.ts';
import { grangerCausality } from '../stats/granger-causality.ts';
import { leadLagTest } from '../stats/lead-lag-test.ts';
import { holmAdjust } from '../stats/multiple-testing.ts';
import { minimumDetectableCorrelation } from '../stats/power.ts';
import { weekdayOf, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { levelOf, type RotationSeries } from './rotation-indices.ts';
import type { RotationWeighting } from './rotation-options.ts';
import { phaseEpisodes, type PhasePoint, type RotationPhase } from './rotation-phase.ts';

export interface OrderTestOptions {
  weighting: RotationWeighting;
  /** Days per step: 7 (weekly, Monday to Monday; the default) or 1. */
  stepDays: number;
  /** Largest lead scanned, in steps. Default 8. */
  maxLagSteps: number;
  alpha: number;
  /** Event-study horizon in steps. Default 4. */
  horizonSteps: number;
  seed: number;
  /** Placebo sets of the event study. Default 999. */
  replicates: number;
  /** Day indices of the series to test over (default: all). */
  fromIndex?: number;
  toIndex?: number;
}

export const DEFAULT_ORDER_TEST_OPTIONS: Readonly<OrderTestOptions> = Object.freeze({ weighting: 'cap', stepDays: 7, maxLagSteps: 8, alpha: 0.05, horizonSteps: 4, seed: 1, replicates: 999 });

/** The pairs tested, in the thesis's order, and the driver's phase whose starts are the events. */
export const ORDER_PAIRS: readonly { driver: string; target: string; driverPhase: RotationPhase }[] = [
  { driver: 'eth', target: 'large', driverPhase: 'eth-led' },
  { driver: 'large', target: 'mid', driverPhase: 'large-caps' },
  { driver: 'mid', target: 'small', driverPhase: 'mid-caps' },
];

export interface PairTest {
  driver: string;
  target: string;
  /** Steps with both excess returns defined. */
  steps: number;
  scan: { peakLagSteps: number | null; r: number | null; band: number | null; pValue: number | null; adjustedP: number | null; lagsTested: number; minimumDetectableR: number | null };
  granger: { driverLags: number[]; ownLags: number; coefficientSum: number | null; pValue: number | null; adjustedP: number | null; n: number } | null;
  eventStudy: { events: number; effect: number | null; interval: [number, number] | null; pValue: number | null; adjustedP: number | null } | null;
  supported: boolean;
}

export interface OrderTestResult {
  options: OrderTestOptions;
  /** Day index of each step's end (ascending). */
  stepEnds: number[];
  pairs: PairTest[];
  /** Hypotheses in the Holm family. */
  familySize: number;
  holds: boolean;
}

export function resolveOrderTestOptions(partial: Partial<OrderTestOptions> = {}): OrderTestOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<OrderTestOptions>;
  const o = { ...DEFAULT_ORDER_TEST_OPTIONS, ...defined };
  if (o.stepDays !== 1 && o.stepDays !== 7) throw new InvalidInputError(`step: expected 1 (daily) or 7 (weekly) days, got ${JSON.stringify(o.stepDays)}`);
  if (!Number.isInteger(o.maxLagSteps) || o.maxLagSteps < 1) throw new InvalidInputError(`max lag: expected a whole number of steps ≥ 1, got ${JSON.stringify(o.maxLagSteps)}`);
  if (!(o.alpha > 0 && o.alpha < 1)) throw new InvalidInputError(`alpha: expected a level between 0 and 1, got ${JSON.stringify(o.alpha)}`);
  return o;
}

/** The step ends: every day (daily) or every Monday (weekly) in [from, to]. */
export function stepEnds(series: RotationSeries, stepDays: number, from: number, to: number): number[] {
  const ends: number[] = [];
  for (let i = from; i <= to; i++) if (stepDays === 1 || weekdayOf((series.from + i) as DayNumber) === 1) ends.push(i);
  return ends;
}

/** A tier's excess log return over BTC per step (NaN when the tier has no members at either end). */
export function excessStepReturns(series: RotationSeries, id: string, ends: readonly number[], weighting: RotationWeighting): Float64Array {
  const group = series.groups.find((g) => g.id === id);
  const btc = levelOf(series.groups.find((g) => g.id === 'btc')!, weighting);
  const out = new Float64Array(ends.length).fill(NaN);
  if (!group) return out;
  const level = levelOf(group, weighting);
  for (let s = 1; s < ends.length; s++) {
    const a = ends[s - 1]!;
    const b = ends[s]!;
    if (!(group.memberCount[a]! > 0 && group.memberCount[b]! > 0)) continue;
    out[s] = Math.log(level[b]! / level[a]!) - Math.log(btc[b]! / btc[a]!);
  }
  return out;
}

export function rotationOrderTest(series: RotationSeries, phases: readonly PhasePoint[], partial: Partial<OrderTestOptions> = {}): OrderTestResult {
  const o = resolveOrderTestOptions(partial);
  const from = o.fromIndex ?? 0;
  const to = o.toIndex ?? series.to - series.from;
  const ends = stepEnds(series, o.stepDays, from, to);
  const episodes = phaseEpisodes(phases);
  const raw = ORDER_PAIRS.map((pair) => {
    const x = excessStepReturns(series, pair.driver, ends, o.weighting);
    const y = excessStepReturns(series, pair.target, ends, o.weighting);
    let steps = 0;
    for (let s = 0; s < x.length; s++) if (Number.isFinite(x[s]!) && Number.isFinite(y[s]!)) steps++;
    const enough = steps >= 4 * o.maxLagSteps + 10;
    const ccf = enough ? crossCorrelation(x, y, { maxLag: o.maxLagSteps, alpha: o.alpha }) : null;
    const scan = ccf ? leadLagTest(ccf, { minLag: 1, maxLag: o.maxLagSteps }) : null;
    const peakLag = scan?.peak?.lag ?? null;
    const granger = enough ? grangerCausality(x, y, { maxLag: o.maxLagSteps, criterion: 'bic', ...(peakLag !== null ? { driverLags: [peakLag] } : {}) }) : null;
    // Events: the first step ending on or after each start of the driver's phase.
    const events = episodes
      .filter((e) => e.phase === pair.driverPhase && e.start >= from && e.start <= to)
      .map((e) => ends.findIndex((end) => end >= e.start))
      .filter((s) => s >= 0);
    const study = enough && events.length >= 3 ? eventStudy(y, events, { horizon: o.horizonSteps, seed: o.seed, replicates: o.replicates }) : null;
    const power = ccf && scan ? minimumDetectableCorrelation(steps, ccf.varianceInflation, { alpha: o.alpha, tests: scan.lagsTested }) : null;
    return { pair, steps, scan, power, granger, study };
  });
  // The Holm family: every p-value computed.
  const family: { p: number; set: (adjusted: number) => void }[] = [];
  const pairs: PairTest[] = raw.map(({ pair, steps, scan, power, granger, study }) => {
    const test: PairTest = {
      driver: pair.driver,
      target: pair.target,
      steps,
      scan: { peakLagSteps: scan?.peak?.lag ?? null, r: scan?.peak?.r ?? null, band: scan?.peak?.band ?? null, pValue: scan?.pValue ?? null, adjustedP: null, lagsTested: scan?.lagsTested ?? 0, minimumDetectableR: power },
      granger: granger
        ? { driverLags: granger.driverLags, ownLags: granger.lag, coefficientSum: granger.coefficientSum, pValue: granger.robustPValue ?? granger.pValue, adjustedP: null, n: granger.n }
        : null,
      eventStudy: study ? { events: study.events, effect: study.effect, interval: study.interval, pValue: study.pValue, adjustedP: null } : null,
      supported: false,
    };
    if (test.scan.pValue !== null) family.push({ p: test.scan.pValue, set: (a) => (test.scan.adjustedP = a) });
    if (test.granger?.pValue != null) family.push({ p: test.granger.pValue, set: (a) => (test.granger!.adjustedP = a) });
    if (test.eventStudy?.pValue != null) family.push({ p: test.eventStudy.pValue, set: (a) => (test.eventStudy!.adjustedP = a) });
    return test;
  });
  holmAdjust(family.map((f) => f.p)).forEach((a, k) => family[k]!.set(a));
  for (const t of pairs) {
    const scanYes = t.scan.adjustedP !== null && t.scan.adjustedP < o.alpha && (t.scan.r ?? 0) > 0;
    const grangerYes = t.granger !== null && t.granger.adjustedP !== null && t.granger.adjustedP < o.alpha && (t.granger.coefficientSum ?? 0) > 0;
    t.supported = scanYes && grangerYes;
  }
  return { options: o, stepEnds: ends, pairs, familySize: family.length, holds: pairs.length > 0 && pairs.every((p) => p.supported) };
}
