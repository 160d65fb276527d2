import { describe, expect, it } from 'vitest';
import { DOMINANCE_ANSWER, ETH, EXPLAIN_ANSWER, INDEX_ANSWER, RUT_ANSWER } from '../../test/fixtures/api-answers.ts';
import { answerLastDate, constituentSource, readDominance, readExplain, readIndex, readRut } from './api-shapes.ts';

// The answers are the result contracts (test/fixtures/api-answers.ts parses each with its schema).
describe('reading the API answers', () => {
  it('index: window and thresholds come from settings, undefined days stay null', () => {
    const index = readIndex(INDEX_ANSWER);
    expect(index, 'the chart is titled and banded with the settings the server used').toMatchObject({ window: 30, top: 50, altThreshold: 75, btcThreshold: 25 });
    expect(index.points.map((p) => p.index), 'a day without a defined index is a gap, not 0').toEqual([94, null]);
    expect(index.episodes[0]).toMatchObject({ season: 'altcoin', start: '2021-04-10', days: 22 });
  });

  it("explain: BTC's return from btc.windowReturn, each coin's sources as one label", () => {
    const explain = readExplain(EXPLAIN_ANSWER);
    expect(explain).toMatchObject({ date: '2021-05-01', window: 90, index: 94, season: 'altcoin', btcReturn: 0.75 });
    expect(explain.constituents.map((c) => c.source), 'one source is named once, two are both named').toEqual(['cmc', 'cmc → coingecko']);
    expect(explain.skipped).toEqual([{ symbol: 'USDT', reason: 'stablecoin' }]);
  });

  it('a coin priced by one source at one end only names that source', () => {
    expect(constituentSource({ ...ETH, startSource: null, endSource: 'coingecko' })).toBe('coingecko');
    expect(constituentSource({ ...ETH, startSource: null, endSource: null }), 'no source is an empty label, not "null"').toBe('');
  });

  it("dominance: the universe's sources from the per-source counts", () => {
    const dominance = readDominance(DOMINANCE_ANSWER);
    expect(dominance.universe).toBe('top 125 stored assets');
    expect(dominance.sources).toEqual(['cmc', 'coingecko']);
    expect(dominance.days[0]).toMatchObject({ btcDominancePct: 73.8, providerBtcDominancePct: 71.3, total2Usd: 1.9e11 });
  });

  it('rut: days and breakouts as the contract names them; each answer states its data end', () => {
    const rut = readRut(RUT_ANSWER);
    expect(rut.breakoutDrawdownPct).toBe(10);
    expect(rut.days[0]).toMatchObject({ distanceFromRecordPct: 0, benchmarkRatio: 0.372 });
    expect(rut.breakouts[0]).toMatchObject({ drawdownPct: 32.99, daysSincePriorRecord: 1410 });
    expect(answerLastDate(RUT_ANSWER), 'the panel age comes from data.lastDate').toBe('2025-09-18');
  });
});
