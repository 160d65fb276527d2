import { describe, expect, it } from 'vitest';
import { readDominance, readExplain, readIndex, readRut } from './api-shapes.ts';

// Each answer in the server's first shape and in the result-contract shape (src/app/contracts).
describe('reading the API in either shape', () => {
  it('index: window and thresholds from the top level or from settings', () => {
    const first = readIndex({ window: 30, top: 50, altThreshold: 75, btcThreshold: 25, points: [{ date: '2021-05-01', index: 94 }], episodes: [] });
    const contract = readIndex({ settings: { window: 30, top: 50, altThreshold: 75, btcThreshold: 25 }, points: [{ date: '2021-05-01', index: 94, beatCount: 47 }], episodes: [] });
    expect(contract, 'both shapes read alike').toEqual(first);
    expect(first.window).toBe(30);
  });

  it("explain: BTC's return and each coin's source from either shape", () => {
    const coin = { rank: 2, assetId: 'ethereum', symbol: 'ETH', name: 'Ethereum', marketCap: 3e11, startDate: '2021-01-31', startPrice: 1315, endDate: '2021-05-01', endPrice: 2946, windowReturn: 1.24, btcReturnSameDays: 0.75, beatBtc: true };
    const first = readExplain({ date: '2021-05-01', window: 90, index: 94, season: 'altcoin', btcReturn: 0.75, constituents: [{ ...coin, source: 'cmc' }], skipped: [] });
    const contract = readExplain({ date: '2021-05-01', settings: { window: 90 }, index: 94, season: 'altcoin', btc: { windowReturn: 0.75 }, constituents: [{ ...coin, startSource: 'cmc', endSource: 'cmc' }], skipped: [] });
    expect(contract).toEqual(first);
    expect(readExplain({ date: 'x', constituents: [{ ...coin, startSource: 'a', endSource: 'b' }] }).constituents[0]!.source, 'two sources are both named').toBe('a → b');
  });

  it('dominance: days or points, sources from the label or from the per-source counts', () => {
    const first = readDominance({
      universe: 'top 125 stored assets, store observations (cmc, coingecko)',
      providerSeriesLabel: null,
      points: [{ date: '2021-01-01', btcDominance: 73.8, btcDominanceProvider: 71.3, total2: 1.9e11, btcMarketCap: 5.5e11, stablecoinDominance: 3.7 }],
      readings: ['r'],
    });
    const contract = readDominance({
      universe: 'top 125 stored assets',
      providerSeriesLabel: null,
      storedUniverseAssetDaysBySource: { cmc: 10, coingecko: 5 },
      days: [{ date: '2021-01-01', btcDominancePct: 73.8, providerBtcDominancePct: 71.3, total2Usd: 1.9e11, btcMarketCapUsd: 5.5e11, stablecoinDominancePct: 3.7 }],
      readings: ['r'],
    });
    expect(contract).toEqual(first);
    expect(first.sources).toEqual(['cmc', 'coingecko']);
  });

  it('rut: distance from the record, relative strength and breakouts under either name', () => {
    const first = readRut({
      breakoutDrawdownPct: 10,
      points: [{ date: '2025-09-18', close: 2467.7, isRecord: true, isBreakout: true, drawdownPct: 0, rutSpxRatio: 0.372 }],
      breakouts: [{ date: '2025-09-18', close: 2467.7, drawdownBeforePct: 32.99, daysSincePreviousRecord: 1410 }],
    });
    const contract = readRut({
      breakoutDrawdownPct: 10,
      days: [{ date: '2025-09-18', close: 2467.7, isRecord: true, isBreakout: true, distanceFromRecordPct: 0, benchmarkRatio: 0.372 }],
      breakouts: [{ date: '2025-09-18', close: 2467.7, drawdownPct: 32.99, daysSincePriorRecord: 1410 }],
    });
    expect(contract).toEqual(first);
    expect(first.breakouts[0]!.drawdownPct).toBe(32.99);
  });
});
