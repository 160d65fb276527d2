/**
 * The recovery check of the thesis's main test on simulated markets: for each seed, simulate a
 * market, build the thesis's own daily series from it (buildMainTestSeries: the main test's two
 * series as buildThesisSeries computes them, from the panel and ^RUT closes `runThesis` loads
 * from the simulated store, over the same span) and run the main test exactly as the report does (the cross-correlation scan of Russell 2000 daily log
 * returns against the median alt-minus-BTC daily log return over lags 1 … maxLag, Šidák p).
 * A seed counts as recovered by the verdict's rule for the main test (p < alpha, r > 0: it
 * supports the thesis) with the peak within `tolerance` days of the planted lag, which is also
 * what the report's simulated banner says. Without a link, any rejection is a false positive.
 */
import type { DayNumber } from '../domain/dates.ts';
import { crossCorrelation, type CrossCorrelationStandardErrors } from '../analytics/stats/cross-correlation.ts';
import { leadLagTest } from '../analytics/stats/lead-lag-test.ts';
import { buildMainTestSeries } from '../analytics/thesis/build-thesis-series.ts';
import { simulateMarket } from './simulate-market.ts';
import { simulatedInputs } from './simulated-inputs.ts';

export interface RecoveryOptions {
  seeds: readonly number[];
  effect: number;
  leadDays?: number;
  years?: number;
  assets?: number;
  /** First simulated day, YYYY-MM-DD (it fixes which days are weekends). */
  startDate?: string;
  /** Default 120 (the report's range). */
  maxLag?: number;
  /** Default 0.05. */
  alpha?: number;
  /** Default 3 days. */
  tolerance?: number;
  /** Default 'robust'. */
  standardErrors?: CrossCorrelationStandardErrors;
  /** Universe of the median (the report's default: the top 50). */
  top?: number;
}

export interface RecoveryResult {
  seeds: number;
  /** Seeds where the test rejected at alpha (either sign). */
  rejections: number;
  /** Seeds where it rejected with r > 0 and the peak within tolerance of the planted lag. */
  recovered: number;
  rejectionRate: number;
  recoveryRate: number;
  peakLags: number[];
  peakCorrelations: number[];
  pValues: number[];
  /** Complete daily pairs of the last seed (n of the correlation at lag 0). */
  days: number;
}

export function measureLeadLagRecovery(options: RecoveryOptions): RecoveryResult {
  const leadDays = options.leadDays ?? 20;
  const maxLag = options.maxLag ?? 120;
  const alpha = options.alpha ?? 0.05;
  const tolerance = options.tolerance ?? 3;
  let rejections = 0;
  let recovered = 0;
  const peakLags: number[] = [];
  const peakCorrelations: number[] = [];
  const pValues: number[] = [];
  let days = 0;
  for (const seed of options.seeds) {
    const market = simulateMarket({ seed, effect: options.effect, leadDays, years: options.years, assets: options.assets, ...(options.startDate ? { startDate: options.startDate } : {}) });
    const { panel, russell } = simulatedInputs(market);
    // The report's default span: where crypto and ^RUT data overlap.
    const from = Math.max(panel.firstDay!, russell.days[0]!) as DayNumber;
    const to = Math.min(panel.lastDay!, russell.days.at(-1)!) as DayNumber;
    const { driver: x, target: y } = buildMainTestSeries(panel, russell, from, to, { top: options.top ?? 50 });
    const ccf = crossCorrelation(x, y, { maxLag, alpha, ...(options.standardErrors ? { standardErrors: options.standardErrors } : {}) });
    const test = leadLagTest(ccf, { minLag: 1, maxLag });
    days = ccf.points.find((p) => p.lag === 0)?.n ?? 0;
    const pValue = test.pValue ?? 1;
    const lag = test.peak?.lag ?? Number.NaN;
    const r = test.peak?.r ?? Number.NaN;
    peakLags.push(lag);
    peakCorrelations.push(r);
    pValues.push(pValue);
    if (pValue < alpha) {
      rejections++;
      if (r > 0 && Math.abs(lag - leadDays) <= tolerance) recovered++;
    }
  }
  const count = options.seeds.length;
  return { seeds: count, rejections, recovered, rejectionRate: rejections / count, recoveryRate: recovered / count, peakLags, peakCorrelations, pValues, days };
}
