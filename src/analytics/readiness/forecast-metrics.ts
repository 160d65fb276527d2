/**
 * How well a daily predictor forecasts a binary event: ROC AUC (Mann–Whitney, ties count half)
 * with a stationary block-bootstrap interval (days resampled in blocks, analytics/stats/
 * block-bootstrap.ts), the Brier score of a probability, a calibration table, and the threshold
 * signal's hit rate, lead time and false alarms.
 */
import { blockBootstrapInterval, type BootstrapInterval } from '../stats/block-bootstrap.ts';
import { median } from '../stats/descriptive.ts';
import { normalCdf } from '../stats/normal-distribution.ts';

/** Dense ranks of the finite values (0 … levels − 1), −1 for NaN. */
function denseRanks(values: ArrayLike<number>): { rank: Int32Array; levels: number } {
  const distinct = [...new Set(Array.from(values).filter(Number.isFinite))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const rank = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) rank[i] = Number.isFinite(values[i]!) ? index.get(values[i]!)! : -1;
  return { rank, levels: distinct.length };
}

/** A prepared AUC: O(n + levels) per sample of indices (with repeats), exact with ties. */
export function aucComputer(predictor: ArrayLike<number>, labels: ArrayLike<number>): { auc(indices?: ArrayLike<number>): number | null; usable: Int32Array } {
  const { rank, levels } = denseRanks(predictor);
  const usable: number[] = [];
  for (let i = 0; i < labels.length; i++) if (rank[i]! >= 0 && (labels[i] === 0 || labels[i] === 1)) usable.push(i);
  const pos = new Float64Array(levels);
  const neg = new Float64Array(levels);
  const auc = (indices: ArrayLike<number> = usable) => {
    pos.fill(0);
    neg.fill(0);
    let nPos = 0;
    let nNeg = 0;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (labels[i] === 1) {
        pos[rank[i]!]!++;
        nPos++;
      } else {
        neg[rank[i]!]!++;
        nNeg++;
      }
    }
    if (nPos === 0 || nNeg === 0) return null;
    // Σ over positives of (negatives below + ½ negatives equal).
    let below = 0;
    let sum = 0;
    for (let l = 0; l < levels; l++) {
      sum += pos[l]! * (below + neg[l]! / 2);
      below += neg[l]!;
    }
    return sum / (nPos * nNeg);
  };
  return { auc, usable: Int32Array.from(usable) };
}

export function rocAuc(predictor: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  return aucComputer(predictor, labels).auc();
}

export interface AucEstimate {
  auc: number | null;
  interval: BootstrapInterval | null;
  /** One-sided p of AUC ≤ 0.5 from the bootstrap standard error (normal approximation). */
  pValue: number | null;
}

export interface BootstrapSettings {
  blockLength: number;
  replicates: number;
  seed: number;
}

/** AUC with a block-bootstrap interval over the scored days (in day order). */
export function aucWithInterval(predictor: ArrayLike<number>, labels: ArrayLike<number>, bootstrap: BootstrapSettings): AucEstimate {
  const computer = aucComputer(predictor, labels);
  const auc = computer.auc();
  if (auc === null) return { auc, interval: null, pValue: null };
  const interval = blockBootstrapInterval(computer.usable, { statistic: (sample) => computer.auc(sample), blockLength: bootstrap.blockLength, replicates: bootstrap.replicates, seed: bootstrap.seed });
  const se = interval?.standardError ?? null;
  return { auc, interval, pValue: se !== null && se > 0 ? 1 - normalCdf((auc - 0.5) / se) : null };
}

export interface AucDifference {
  difference: number | null;
  interval: BootstrapInterval | null;
  /** One-sided p of difference ≤ 0. */
  pValue: number | null;
}

/**
 * AUC(predictor) − max(0.5, AUC of each baseline), all on the same resampled days (a paired
 * block bootstrap): does the predictor beat the best naive baseline?
 */
export function aucOverBaselines(predictor: ArrayLike<number>, baselines: readonly ArrayLike<number>[], labels: ArrayLike<number>, bootstrap: BootstrapSettings): AucDifference {
  // The days every series scores.
  const n = labels.length;
  const common: number[] = [];
  for (let i = 0; i < n; i++) if ((labels[i] === 0 || labels[i] === 1) && Number.isFinite(predictor[i]!) && baselines.every((b) => Number.isFinite(b[i]!))) common.push(i);
  const main = aucComputer(predictor, labels);
  const others = baselines.map((b) => aucComputer(b, labels));
  const statistic = (sample: ArrayLike<number>) => {
    const a = main.auc(sample);
    if (a === null) return null;
    let best = 0.5;
    for (const o of others) {
      const b = o.auc(sample);
      if (b !== null && b > best) best = b;
    }
    return a - best;
  };
  const difference = statistic(common);
  if (difference === null) return { difference, interval: null, pValue: null };
  const interval = blockBootstrapInterval(Int32Array.from(common), { statistic, blockLength: bootstrap.blockLength, replicates: bootstrap.replicates, seed: bootstrap.seed });
  const se = interval?.standardError ?? null;
  return { difference, interval, pValue: se !== null && se > 0 ? 1 - normalCdf(difference / se) : null };
}

/** Mean squared error of probabilities against 0/1 labels over the days both are defined. */
export function brierScore(probability: ArrayLike<number>, labels: ArrayLike<number>): { brier: number | null; n: number } {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probability[i]!;
    const y = labels[i]!;
    if (!Number.isFinite(p) || !(y === 0 || y === 1)) continue;
    sum += (p - y) ** 2;
    n++;
  }
  return { brier: n > 0 ? sum / n : null, n };
}

export interface CalibrationBin {
  from: number;
  to: number;
  n: number;
  meanPredicted: number | null;
  observedRate: number | null;
}

/** Days grouped by predicted probability in bins of `width` (default 0.1). */
export function calibrationTable(probability: ArrayLike<number>, labels: ArrayLike<number>, width = 0.1): CalibrationBin[] {
  const count = Math.round(1 / width);
  const bins = Array.from({ length: count }, (_, k) => ({ from: k * width, to: (k + 1) * width, n: 0, p: 0, y: 0 }));
  for (let i = 0; i < labels.length; i++) {
    const p = probability[i]!;
    const y = labels[i]!;
    if (!Number.isFinite(p) || !(y === 0 || y === 1)) continue;
    const b = bins[Math.min(count - 1, Math.max(0, Math.floor(p / width)))]!;
    b.n++;
    b.p += p;
    b.y += y;
  }
  return bins.map((b) => ({ from: b.from, to: b.to, n: b.n, meanPredicted: b.n ? b.p / b.n : null, observedRate: b.n ? b.y / b.n : null }));
}

export interface SignalStatistics {
  /** Season starts with a full look-back window inside the scored span. */
  seasons: number;
  /** Of them, preceded by at least one signal day in the h days before the start. */
  hits: number;
  hitRate: number | null;
  /** Days from the first signal day in the window to the start, per hit season. */
  leadDays: number[];
  medianLeadDays: number | null;
  /** Signal onsets (an on day after an off or unscored day) with no season start within h days after. */
  falseAlarms: number;
  /** Per 365 scored days. */
  falseAlarmsPerYear: number | null;
  /** Share of the label-0 days on which the signal was on. */
  falsePositiveRate: number | null;
  /** Share of scored days with the signal on. */
  onShare: number | null;
}

/**
 * The threshold signal (`on[i]`: 1, 0 or NaN when unscored) on days first … first + n − 1 against
 * the season starts and the labels of horizon h.
 */
export function signalStatistics(on: ArrayLike<number>, labels: ArrayLike<number>, firstDay: number, seasonStarts: readonly number[], horizon: number): SignalStatistics {
  const n = on.length;
  const lastDay = firstDay + n - 1;
  const leadDays: number[] = [];
  let seasons = 0;
  for (const s of seasonStarts) {
    if (s - horizon < firstDay || s - 1 > lastDay) continue;
    seasons++;
    for (let d = s - horizon; d <= s - 1; d++) {
      if (on[d - firstDay] === 1) {
        leadDays.push(s - d);
        break;
      }
    }
  }
  let falseAlarms = 0;
  let scored = 0;
  let onDays = 0;
  let negatives = 0;
  let negativesOn = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i]!;
    if (!(y === 0 || y === 1) || !Number.isFinite(on[i]!)) continue;
    scored++;
    if (on[i] === 1) onDays++;
    if (y === 0) {
      negatives++;
      if (on[i] === 1) negativesOn++;
    }
    if (on[i] === 1 && on[i - 1] !== 1 && y === 0) falseAlarms++;
  }
  return {
    seasons,
    hits: leadDays.length,
    hitRate: seasons > 0 ? leadDays.length / seasons : null,
    leadDays,
    medianLeadDays: median(leadDays),
    falseAlarms,
    falseAlarmsPerYear: scored > 0 ? (365 * falseAlarms) / scored : null,
    falsePositiveRate: negatives > 0 ? negativesOn / negatives : null,
    onShare: scored > 0 ? onDays / scored : null,
  };
}
