/**
 * The series the thesis tests, computed directly from a simulated market's prices (the ASI is
 * built elsewhere): x = Russell 2000 daily log return carried to crypto days (the last close
 * carried forward, so weekends return 0, never back-filled), y = the median over listed alts of
 * (alt log return − BTC log return) per UTC day.
 */
import { logReturns } from '../analytics/stats/log-returns.ts';
import { median } from '../analytics/stats/descriptive.ts';
import type { SimulatedMarket } from './simulate-market.ts';

export interface LeadLagSeries {
  days: Int32Array;
  russellReturns: Float64Array;
  altMinusBitcoin: Float64Array;
}

export function leadLagSeries(market: SimulatedMarket): LeadLagSeries {
  const n = market.days.length;
  const russell = market.equities.find((equity) => equity.symbol === '^RUT')!;
  const carried = new Float64Array(n).fill(Number.NaN);
  let j = -1;
  for (let t = 0; t < n; t++) {
    while (j + 1 < russell.days.length && russell.days[j + 1]! <= market.days[t]!) j++;
    if (j >= 0) carried[t] = russell.closes[j]!;
  }
  const russellReturns = logReturns(carried);
  const bitcoinReturns = logReturns(market.bitcoin.prices);
  const altReturns = market.alts.map((alt) => logReturns(alt.prices));
  const altMinusBitcoin = new Float64Array(n).fill(Number.NaN);
  const excess = new Float64Array(market.alts.length);
  for (let t = 1; t < n; t++) {
    let count = 0;
    for (const returns of altReturns) if (Number.isFinite(returns[t]!)) excess[count++] = returns[t]! - bitcoinReturns[t]!;
    if (count > 0) altMinusBitcoin[t] = median(excess.subarray(0, count))!;
  }
  return { days: market.days, russellReturns, altMinusBitcoin };
}
