/**
 * The recovery check of the thesis statistics on simulated markets: for each seed, simulate a
 * market, compute x = Russell 2000 daily log returns (carried to crypto days) and y = median alt
 * minus BTC daily log return, and run the main lead-lag test (the cross-correlation scan over lags
 * 1 … maxLag with the Šidák-corrected p-value). With a planted link, a seed counts as recovered
 * when the test rejects at alpha AND the peak lag is within `tolerance` days of the planted lag;
 * without one, any rejection is a false positive.
 */
import { crossCorrelation, type CrossCorrelationStandardErrors } from '../analytics/stats/cross-correlation.ts';
import { leadLagTest } from '../analytics/stats/lead-lag-test.ts';
import { leadLagSeries } from './lead-lag-series.ts';
import { simulateMarket } from './simulate-market.ts';

export interface RecoveryOptions {
  seeds: readonly number[];
  effect: number;
  leadDays?: number;
  years?: number;
  assets?: number;
  /** Default 120 (the report's range). */
  maxLag?: number;
  /** Default 0.05. */
  alpha?: number;
  /** Default 3 days. */
  tolerance?: number;
  /** Default 'robust'. */
  standardErrors?: CrossCorrelationStandardErrors;
}

export interface RecoveryResult {
  seeds: number;
  /** Seeds where the test rejected at alpha. */
  rejections: number;
  /** Seeds where it rejected with the peak within tolerance of the planted lag. */
  recovered: number;
  rejectionRate: number;
  recoveryRate: number;
  peakLags: number[];
  pValues: number[];
  /** Days per simulated series (n of the correlations at lag 0). */
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
  const pValues: number[] = [];
  let days = 0;
  for (const seed of options.seeds) {
    const market = simulateMarket({ seed, effect: options.effect, leadDays, years: options.years, assets: options.assets });
    const series = leadLagSeries(market);
    days = series.days.length;
    const test = leadLagTest(crossCorrelation(series.russellReturns, series.altMinusBitcoin, { maxLag, alpha, standardErrors: options.standardErrors }), { minLag: 1, maxLag });
    const pValue = test.pValue ?? 1;
    const lag = test.peak?.lag ?? Number.NaN;
    peakLags.push(lag);
    pValues.push(pValue);
    if (pValue < alpha) {
      rejections++;
      if (Math.abs(lag - leadDays) <= tolerance) recovered++;
    }
  }
  const count = options.seeds.length;
  return { seeds: count, rejections, recovered, rejectionRate: rejections / count, recoveryRate: recovered / count, peakLags, pValues, days };
}
