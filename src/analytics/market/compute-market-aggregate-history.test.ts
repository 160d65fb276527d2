import { describe, expect, it } from 'vitest';
import { computeMarketAggregateHistory } from './compute-market-aggregate-history.ts';
import type { AssetCap } from './compute-market-aggregates.ts';

const cap = (assetId: string, marketCap: number, isStablecoin = false): AssetCap => ({ assetId, symbol: assetId.toUpperCase(), marketCap, isStablecoin });

describe('computeMarketAggregateHistory', () => {
  it('gives every market-wide figure as NaN on a day BTC is missing from the stored data, not a TOTAL without BTC', () => {
    const series = computeMarketAggregateHistory(
      {
        days: [100, 101],
        caps: [
          [cap('bitcoin', 600), cap('ethereum', 300), cap('tether', 100, true)],
          [cap('ethereum', 300), cap('tether', 100, true)],
        ],
      },
      'test',
      { topN: 125 },
    );
    const value = (metric: string, i: number) => series.find((s) => s.metric === metric)!.series.values[i]!;
    expect([value('total_usd', 0), value('btc_dominance_pct', 0), value('stablecoin_dominance_pct', 0)], 'a normal day').toEqual([1000, 60, 10]);
    for (const metric of ['total_usd', 'total2_usd', 'total3_usd', 'btc_dominance_pct', 'eth_dominance_pct', 'stablecoin_dominance_pct', 'others_usd']) {
      expect(value(metric, 1), `${metric} is undefined the day BTC is missing`).toBeNaN();
    }
    expect(value('eth_market_cap_usd', 1), "ETH's own cap is still known").toBe(300);
  });
});
