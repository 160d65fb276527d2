import { describe, expect, it } from 'vitest';
import { makePanel } from '../../domain/make-panel.ts';
import { makeSeries } from '../../domain/series.ts';
import { BacktestData } from './backtest-data.ts';
import { LookAheadError, PointInTimeView } from './point-in-time-view.ts';

const caps = (v: number, n = 5) => Array.from({ length: n }, () => v);
const panel = makePanel([
  { id: 'bitcoin', symbol: 'BTC', firstDay: '2023-03-01', price: [10, 11, 12, 13, 14], marketCap: caps(1e12) },
  { id: 'big', symbol: 'BIG', categories: ['layer1'], firstDay: '2023-03-01', price: caps(1), marketCap: [5e9, 5e9, 5e9, 1e8, 1e8] },
  { id: 'mid', symbol: 'MID', categories: ['defi'], firstDay: '2023-03-01', price: caps(1), marketCap: caps(1e9) },
  { id: 'small', symbol: 'SML', categories: ['defi', 'unclassified'], firstDay: '2023-03-01', price: caps(1), marketCap: caps(1e8 + 1) },
  { id: 'usd', symbol: 'USDC', firstDay: '2023-03-01', price: caps(1), marketCap: caps(9e9) },
]);
const data = new BacktestData({ panel, btcDominance: makeSeries('d', [panel.firstDay!, panel.firstDay! + 4], [50, 40]) });
const viewAt = (index: number) => new PointInTimeView(data, index, index, {});

describe('PointInTimeView', () => {
  it('ranks the alt universe as of t (BTC and stablecoins left out) and cuts size tiers from it', () => {
    expect(viewAt(0).topAlts(10)).toEqual(['big', 'mid', 'small']);
    // On day 3 BIG's cap fell below SMALL's: the ranking is of that day.
    expect(viewAt(3).topAlts(10)).toEqual(['mid', 'small', 'big']);
    expect(viewAt(0).rankedAlts(2, 3)).toEqual(['mid', 'small']);
    expect(viewAt(0).altBasket(2)).toEqual({ big: 0.5, mid: 0.5 });
    expect([...viewAt(0).sectors(10)]).toEqual([['layer1', ['big']], ['defi', ['mid', 'small']]]);
    expect(() => viewAt(0).rankedAlts(3, 2)).toThrow(/1 ≤ first ≤ last/);
  });

  it('answers about t and before only', () => {
    const view = viewAt(2);
    expect(view.price('BTC')).toBe(12);
    expect(view.price('bitcoin', 2)).toBe(10);
    expect(view.price('BTC', 3)).toBeNull();
    expect(view.trailingReturn('BTC', 1)).toBeCloseTo(12 / 11 - 1, 12);
    expect(Array.from(view.prices('BTC', 4))).toEqual([Number.NaN, 10, 11, 12]);
    expect(view.btcDominance()).toBeNull();
    expect(viewAt(4).btcDominance()).toBe(40);
    expect(() => view.price('BTC', -1)).toThrow(LookAheadError);
    expect(() => view.asi(30, -2)).toThrow(/2 day\(s\) after 2023-03-03/);
    expect(() => view.btcDominance(-1)).toThrow(LookAheadError);
    expect(() => view.daysAgo('2023-03-04')).toThrow(LookAheadError);
    expect(view.daysAgo('2023-03-01')).toBe(2);
  });
});
