import { describe, expect, it } from 'vitest';
import { msOfDay, parseDay, type DayNumber } from '../../domain/dates.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { SERIES } from '../../domain/series-names.ts';
import { computeMarketStructure, type MarketStructureInputs } from './compute-market-structure.ts';

const day0 = parseDay('2024-01-01');
const obs = (assetId: string, symbol: string, offset: number, marketCap: number): ObservationRecord => ({
  assetId,
  day: (day0 + offset) as DayNumber,
  source: 'daily',
  symbol,
  price: 1,
  marketCap,
  volume: null,
  rank: null,
});

// Two days: BTC 600, ETH 300, WBTC 100 (built-in wrapped list), stETH 50 (category rule), USDT 50 (stablecoin).
const inputs: MarketStructureInputs = {
  observations: [0, 1].flatMap((d) => [obs('bitcoin', 'BTC', d, 600), obs('ethereum', 'ETH', d, 300), obs('wrapped-bitcoin', 'WBTC', d, 100), obs('lido', 'STETH', d, 50), obs('tether', 'USDT', d, 50)]),
  precedence: ['daily'],
  categoryRules: [
    { symbol: 'STETH', name: null, category: 'staked', excludeFromIndex: true, source: 'file' },
    { symbol: 'USDT', name: null, category: 'stablecoin', excludeFromIndex: true, source: 'file' },
  ],
  // A provider total of 2000 on day 1 only.
  reportedPoints: [{ series: SERIES.totalMarketCapUsd, at: msOfDay((day0 + 1) as DayNumber), source: 'coingecko', value: 2000 }],
};

const valueOf = (structure: ReturnType<typeof computeMarketStructure>, metric: string, universe: string, i: number) =>
  structure.series.find((s) => s.metric === metric && s.universe === universe)!.series.values[i];

describe('computeMarketStructure', () => {
  it('computes the stored aggregates without wrapped/staked tokens, and says so in the universe label', () => {
    const structure = computeMarketStructure(inputs);
    const universe = 'top 125 stored assets, ex wrapped/staked';
    expect(structure.storedUniverse, 'the label states the exclusion').toBe(universe);
    expect(valueOf(structure, 'total_usd', universe, 0), 'TOTAL = BTC 600 + ETH 300 + USDT 50; WBTC and stETH are claims on BTC and ETH').toBe(950);
    expect(valueOf(structure, 'total3_usd', universe, 0), 'TOTAL3 = 950 − 600 − 300').toBe(50);
    expect(valueOf(structure, 'btc_dominance_pct', universe, 1), 'BTC.D = 600 / 950').toBeCloseTo((600 / 950) * 100, 12);
    expect(structure.wrappedAssetDays, 'WBTC and stETH on two days').toBe(4);
  });

  it('counts them with includeWrapped, under its own label', () => {
    const structure = computeMarketStructure(inputs, { includeWrapped: true });
    const universe = 'top 125 stored assets, wrapped/staked included';
    expect(structure.storedUniverse).toBe(universe);
    expect(valueOf(structure, 'total_usd', universe, 0), 'TOTAL = 600 + 300 + 100 + 50 + 50').toBe(1100);
  });

  it("labels the provider's series and derives its BTC.D from the stored BTC cap", () => {
    const structure = computeMarketStructure(inputs);
    const reported = structure.series.filter((s) => s.universe === 'all coins (CoinGecko /global)');
    expect(reported.map((s) => s.metric).sort(), 'the reported TOTAL and what it gives with stored BTC/ETH caps').toEqual([
      'btc_dominance_pct',
      'btc_market_cap_usd',
      'eth_dominance_pct',
      'total2_usd',
      'total3_usd',
      'total_usd',
    ]);
    const btcD = reported.find((s) => s.metric === 'btc_dominance_pct')!;
    expect(Array.from(btcD.series.values), 'BTC 600 of the provider total 2000, on its one day').toEqual([30]);
  });

  it('applies from/to to the reported points too', () => {
    const structure = computeMarketStructure(inputs, { to: day0 as DayNumber });
    expect(structure.series.some((s) => s.universe === 'all coins (CoinGecko /global)'), 'the provider total of day 1 is after `to`').toBe(false);
  });
});
