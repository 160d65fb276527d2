import { describe, expect, it } from 'vitest';
import { weekdayOf, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { autocorrelation } from '../analytics/stats/autocorrelation.ts';
import { logReturns } from '../analytics/stats/log-returns.ts';
import { simulateMarket } from './simulate-market.ts';

function kurtosis(values: Float64Array): number {
  const finite = values.filter(Number.isFinite);
  const m = finite.reduce((a, b) => a + b, 0) / finite.length;
  const m2 = finite.reduce((a, b) => a + (b - m) ** 2, 0) / finite.length;
  const m4 = finite.reduce((a, b) => a + (b - m) ** 4, 0) / finite.length;
  return m4 / (m2 * m2);
}

describe('simulateMarket', () => {
  const market = simulateMarket({ seed: 5, years: 4, assets: 20, leadDays: 20, effect: 0.1 });

  it('is reproducible from its seed', () => {
    const again = simulateMarket({ seed: 5, years: 4, assets: 20, leadDays: 20, effect: 0.1 });
    expect(Array.from(again.bitcoin.prices), 'same seed, same BTC path').toEqual(Array.from(market.bitcoin.prices));
    expect(Array.from(again.alts[7]!.prices)).toEqual(Array.from(market.alts[7]!.prices));
    expect(JSON.stringify(again.groundTruth)).toBe(JSON.stringify(market.groundTruth));
    const other = simulateMarket({ seed: 6, years: 4, assets: 20 });
    expect(other.bitcoin.prices[500], 'another seed, another market').not.toBe(market.bitcoin.prices[500]);
  });

  it('covers every UTC day for crypto and weekdays only for equities', () => {
    expect(market.days.length, '4 years of days').toBe(1461);
    for (let i = 1; i < market.days.length; i++) expect(market.days[i]! - market.days[i - 1]!).toBe(1);
    for (const equity of market.equities) {
      expect(equity.days.length, `${equity.symbol}: about 5/7 of the days`).toBeGreaterThan(1040);
      expect(equity.days.every((day) => weekdayOf(day as DayNumber) >= 1 && weekdayOf(day as DayNumber) <= 5), `${equity.symbol} trades on weekdays only`).toBe(true);
    }
    expect(market.equities.map((e) => e.symbol)).toEqual(['^RUT', '^GSPC']);
    expect(market.bitcoin.id, 'the ASI looks BTC up by the id bitcoin').toBe('bitcoin');
  });

  it('lists alts at staggered dates, delists some, and has prices only while listed', () => {
    const listedLater = market.alts.filter((alt) => alt.firstIndex > 0);
    const delisted = market.alts.filter((alt) => alt.lastIndex < market.days.length - 1);
    expect(listedLater.length, 'most alts list after the start').toBeGreaterThan(5);
    expect(delisted.length, 'some alts are delisted').toBeGreaterThan(0);
    for (const alt of market.alts) {
      expect(Number.isNaN(alt.prices[alt.firstIndex - 1] ?? Number.NaN), `${alt.id} has no price before its listing`).toBe(true);
      expect(alt.prices[alt.firstIndex]! > 0 && alt.prices[alt.lastIndex]! > 0, `${alt.id} has prices while listed`).toBe(true);
      expect(Number.isNaN(alt.prices[alt.lastIndex + 1] ?? Number.NaN), `${alt.id} has no price after its delisting`).toBe(true);
    }
    expect(market.groundTruth.listings.filter((l) => l.delisted !== null).length).toBe(delisted.length);
  });

  it('ranks listed assets by market cap every day', () => {
    for (const t of [0, 700, 1460]) {
      const listed = [market.bitcoin, ...market.alts].filter((a) => a.ranks[t]! > 0).sort((a, b) => a.ranks[t]! - b.ranks[t]!);
      for (let i = 1; i < listed.length; i++) expect(listed[i - 1]!.marketCaps[t]!, `rank ${i} outweighs rank ${i + 1} on day ${t}`).toBeGreaterThanOrEqual(listed[i]!.marketCaps[t]!);
      expect(listed.map((a) => a.ranks[t])).toEqual(listed.map((_, i) => i + 1));
    }
  });

  it('has fat tails and volatility clustering in BTC returns, and both regimes', () => {
    const long = simulateMarket({ seed: 8, years: 12, assets: 3 });
    const returns = logReturns(long.bitcoin.prices);
    expect(kurtosis(returns), 'daily returns are fat-tailed (normal kurtosis is 3)').toBeGreaterThan(4);
    const squared = returns.map((r) => r * r);
    expect(autocorrelation(squared, 5)[1]!, 'squared returns are autocorrelated (GARCH)').toBeGreaterThan(0.05);
    expect(Math.abs(autocorrelation(returns, 5)[1]!), 'returns themselves are nearly uncorrelated').toBeLessThan(0.06);
    expect(new Set(long.regimes).size, 'bitcoin and altcoin seasons both occur').toBe(2);
    expect(long.groundTruth.regimes.length).toBeGreaterThan(4);
  });

  it('records the planted link in the ground truth, and none without an effect', () => {
    expect(market.groundTruth.simulated).toBe(true);
    expect(market.groundTruth.plantedLink).toMatchObject({ leadDays: 20, effect: 0.1 });
    expect(simulateMarket({ seed: 5, years: 2, assets: 2 }).groundTruth.plantedLink, 'effect 0 plants nothing').toBeNull();
  });

  it('rejects impossible options with the value in the message', () => {
    expect(() => simulateMarket({ seed: 1, effect: 1 })).toThrow(InvalidInputError);
    expect(() => simulateMarket({ seed: 1, assets: 0 })).toThrow(/--assets.*got 0/);
    expect(() => simulateMarket({ seed: 1.5 })).toThrow(/--seed/);
  });
});
