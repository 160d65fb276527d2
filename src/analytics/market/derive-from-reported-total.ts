/**
 * A provider's total market cap (CMC's weekly total, CoinGecko /global) combined with BTC's (and
 * ETH's) cap from the store gives that provider's universe's BTC.D, ETH.D, TOTAL2 and TOTAL3:
 * BTC.D = BTC cap / provider total × 100. Only days where the provider has a total are filled.
 */
import { makeSeries, type DailySeries } from '../../domain/series.ts';
import type { MarketStructureSeries } from './market-structure-series.ts';

function valueOn(series: DailySeries | null, day: number, cursor: { i: number }): number {
  if (!series) return Number.NaN;
  while (cursor.i < series.days.length && series.days[cursor.i]! < day) cursor.i++;
  return cursor.i < series.days.length && series.days[cursor.i] === day ? series.values[cursor.i]! : Number.NaN;
}

export function deriveFromReportedTotal(total: MarketStructureSeries, btcMarketCap: DailySeries, ethMarketCap: DailySeries | null = null): MarketStructureSeries[] {
  const days = total.series.days;
  const n = days.length;
  const btcD = new Float64Array(n);
  const ethD = new Float64Array(n);
  const total2 = new Float64Array(n);
  const total3 = new Float64Array(n);
  const btcCap = new Float64Array(n);
  const btcCursor = { i: 0 };
  const ethCursor = { i: 0 };
  for (let i = 0; i < n; i++) {
    const t = total.series.values[i]!;
    const btc = valueOn(btcMarketCap, days[i]!, btcCursor);
    const eth = valueOn(ethMarketCap, days[i]!, ethCursor);
    // A BTC cap above the total (CMC's 2013 weeks) means the two disagree on the day: no figure.
    const ok = Number.isFinite(t) && t > 0 && Number.isFinite(btc) && btc <= t;
    btcCap[i] = ok ? btc : Number.NaN;
    btcD[i] = ok ? (btc / t) * 100 : Number.NaN;
    total2[i] = ok ? t - btc : Number.NaN;
    ethD[i] = ok && Number.isFinite(eth) ? (eth / t) * 100 : Number.NaN;
    total3[i] = ok && Number.isFinite(eth) && btc + eth <= t ? t - btc - eth : Number.NaN;
  }
  const source = `${total.source} total + stored BTC/ETH caps`;
  const make = (metric: MarketStructureSeries['metric'], values: Float64Array): MarketStructureSeries => ({
    metric,
    universe: total.universe,
    source,
    series: makeSeries(`${metric} ${total.universe}`, days, values),
  });
  return [make('btc_dominance_pct', btcD), make('eth_dominance_pct', ethD), make('total2_usd', total2), make('total3_usd', total3), make('btc_market_cap_usd', btcCap)];
}
