import { describe, expect, it } from 'vitest';
import { makeSeries } from '../../domain/series.ts';
import { computeMarketAggregates, type AssetCap } from './compute-market-aggregates.ts';
import { deriveFromReportedTotal } from './derive-from-reported-total.ts';
import { summarizeMarketStructure } from './summarize-market-structure.ts';
import type { MarketStructureSeries } from './market-structure-series.ts';

const cap = (assetId: string, marketCap: number, isStablecoin = false): AssetCap => ({ assetId, symbol: assetId.toUpperCase(), marketCap, isStablecoin });
// 12 assets: BTC 500, ETH 200, USDT 100 (stable), then 9 alts of 10..90.
const universe = [cap('bitcoin', 500), cap('ethereum', 200), cap('tether', 100, true), ...Array.from({ length: 9 }, (_, i) => cap(`alt${i + 1}`, 10 * (i + 1)))];

describe('computeMarketAggregates', () => {
  it('computes TOTAL, TOTAL2, TOTAL3, OTHERS and the dominances by their definitions', () => {
    const a = computeMarketAggregates(universe, { topN: null });
    expect(a.totalUsd, 'TOTAL = 500 + 200 + 100 + (10 + … + 90)').toBe(1250);
    expect(a.total2Usd, 'TOTAL2 = TOTAL − BTC').toBe(750);
    expect(a.total3Usd, 'TOTAL3 = TOTAL − BTC − ETH').toBe(550);
    expect(a.othersUsd, 'OTHERS = TOTAL − the 10 largest (the two smallest alts: 10 + 20)').toBe(30);
    expect(a.btcDominancePct, 'BTC.D = 500 / 1250').toBe(40);
    expect(a.ethDominancePct, 'ETH.D = 200 / 1250').toBe(16);
    expect(a.stablecoinDominancePct, 'stablecoin dominance = 100 / 1250').toBe(8);
  });

  it('limits the universe to the top N by cap, which changes every figure', () => {
    const a = computeMarketAggregates(universe, { topN: 3 });
    expect([a.assetCount, a.totalUsd, a.btcDominancePct], 'top 3 = BTC, ETH, USDT').toEqual([3, 800, 62.5]);
    expect(a.othersUsd, 'with ≤ 10 assets there is nothing outside the top 10: null, not 0').toBeNull();
  });

  it('leaves wrapped and staked tokens out of TOTAL, TOTAL2, TOTAL3 and OTHERS by default (they double count BTC and ETH); stablecoins stay', () => {
    const wrapped: AssetCap = { ...cap('wrapped-bitcoin', 150), isWrappedOrStaked: true };
    const staked: AssetCap = { ...cap('staked-ether', 60), isWrappedOrStaked: true };
    const caps = [...universe, wrapped, staked];
    const a = computeMarketAggregates(caps, { topN: null });
    expect([a.totalUsd, a.total2Usd, a.total3Usd], 'the same as without WBTC and stETH: 1250, 750, 550').toEqual([1250, 750, 550]);
    expect(a.stablecoinDominancePct, 'USDT is market cap and stays in TOTAL: 100 / 1250').toBe(8);
    expect(a.topAssetIds.includes('wrapped-bitcoin'), 'WBTC (150) does not take a top-10 place').toBe(false);
    const withWrapped = computeMarketAggregates(caps, { topN: null, includeWrapped: true });
    expect([withWrapped.totalUsd, withWrapped.total2Usd, withWrapped.total3Usd], 'includeWrapped adds 150 + 60 to each').toEqual([1460, 960, 760]);
    expect(withWrapped.btcDominancePct, 'and lowers BTC.D: 500 / 1460').toBeCloseTo((500 / 1460) * 100, 12);
    const top3 = computeMarketAggregates(caps, { topN: 3 });
    expect(top3.totalUsd, 'the top 3 are taken after leaving them out: BTC, ETH, USDT').toBe(800);
  });

  it('gives null dominance when BTC is not in the universe, and rejects duplicates and bad caps', () => {
    const a = computeMarketAggregates([cap('ethereum', 10)]);
    expect([a.btcDominancePct, a.total2Usd], 'no BTC, no BTC.D or TOTAL2').toEqual([null, null]);
    expect(() => computeMarketAggregates([cap('bitcoin', 1), cap('bitcoin', 2)]), 'one cap per asset').toThrow(/twice/);
    expect(() => computeMarketAggregates([cap('bitcoin', 0)]), 'a zero cap cannot be ranked').toThrow(/market cap 0/);
  });
});

describe('deriveFromReportedTotal and summarizeMarketStructure', () => {
  const days = [0, 1, 2];
  const reportedTotal: MarketStructureSeries = { metric: 'total_usd', universe: 'all coins (test)', source: 'test', series: makeSeries('t', days, [1000, 1000, 100]) };
  const btcCap = makeSeries('btc', days, [400, 500, 200]);

  it('derives the provider universe’s BTC.D and TOTAL2, and skips days where BTC exceeds the total', () => {
    const derived = deriveFromReportedTotal(reportedTotal, btcCap);
    const btcD = derived.find((s) => s.metric === 'btc_dominance_pct')!;
    expect(Array.from(btcD.series.values.subarray(0, 2)), '400/1000 and 500/1000').toEqual([40, 50]);
    expect(Number.isNaN(btcD.series.values[2]!), 'BTC 200 > total 100: the sources disagree, no figure').toBe(true);
    expect(btcD.universe, 'the provider’s universe label is kept').toBe('all coins (test)');
  });

  it('shows both definitions and their gap, crossings, and TOTAL2 vs BTC growth', () => {
    const n = 120;
    const d = Array.from({ length: n }, (_, i) => i);
    const a: MarketStructureSeries = { metric: 'btc_dominance_pct', universe: 'top 125 stored assets', source: 's', series: makeSeries('a', d, d.map((i) => 60 - i * 0.1)) };
    const b: MarketStructureSeries = { metric: 'btc_dominance_pct', universe: 'all coins (x)', source: 'x', series: makeSeries('b', d, d.map((i) => 59 - i * 0.1)) };
    const total2: MarketStructureSeries = { metric: 'total2_usd', universe: 'u', source: 's', series: makeSeries('t2', d, d.map((i) => 100 + i)) };
    const btc: MarketStructureSeries = { metric: 'btc_market_cap_usd', universe: 'u', source: 's', series: makeSeries('btc', d, d.map(() => 100)) };
    const summary = summarizeMarketStructure([a, b, total2, btc]);
    expect(summary.asOf, 'the last day with a value').toBe(n - 1);
    expect(summary.crossingHysteresisPts, 'the default band is stated with the crossings').toBe(0.5);
    expect(summary.btcDominanceGaps[0]!.differencePts, 'the two BTC.D definitions differ by 1 point').toBeCloseTo(1, 10);
    expect(summary.crossings.filter((c) => c.universe === 'top 125 stored assets').map((c) => [c.day, c.threshold]), 'with the 0.5-point band: below 54.5 on day 56 (54.4), below 49.5 on day 106 (49.4)').toEqual([
      [56, 55],
      [106, 50],
    ]);
    expect(summary.btcDominanceTrends.map((t) => t.direction), 'a steadily falling BTC.D has a falling 50-day average, in both definitions').toEqual(['falling', 'falling']);
    expect(summary.total2VsBtc.map((g) => [g.windowDays, g.faster]), 'TOTAL2 grows while BTC is flat').toEqual([
      [30, true],
      [90, true],
    ]);
  });
});
