import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { makePanel } from '../../domain/make-panel.ts';
import { NO_SOURCE } from '../../domain/panel.ts';
import type { CachedPanel } from './panel-cache.ts';
import { sliceCachedPanel } from './slice-cached-panel.ts';

const d = (text: string) => parseDay(text);

/** BTC from source `a` on days 1–2, then `b` on days 4–5 (day 3 observed by `b`, no value); ETH from `b` on day 5. */
function sample(): CachedPanel {
  const panel = makePanel(
    [
      { id: 'bitcoin', symbol: 'BTC', firstDay: '2021-01-01', price: [1, 2, null, 4, 5], source: 'a' },
      { id: 'ether', symbol: 'ETH', firstDay: '2021-01-05', price: [7], source: 'b' },
    ],
    ['a', 'b'],
  );
  const bitcoin = panel.assets[0]!;
  // Days 4–5 of BTC came from `b` (source index 1).
  const priceSource = Uint16Array.from(bitcoin.priceSource, (s, i) => (i >= 3 ? 1 : s));
  const assets = [{ ...bitcoin, priceSource }, panel.assets[1]!];
  return {
    panel: { ...panel, assets },
    observed: [Uint32Array.from([0b01, 0b01, 0b10, 0b10, 0b10]), Uint32Array.from([0b10])],
    observedSources: [0b11, 0b10],
  };
}

describe('sliceCachedPanel', () => {
  it('returns the full panel itself when no range is asked', () => {
    const cached = sample();
    expect(sliceCachedPanel(cached, {}), 'no copy, no work').toBe(cached.panel);
  });

  it('spans each asset over its observed days in the range, counting a day observed without a value', () => {
    const sliced = sliceCachedPanel(sample(), { from: d('2021-01-03'), to: d('2021-01-04') });
    const bitcoin = sliced.assets.find((a) => a.id === 'bitcoin')!;
    expect(bitcoin.firstDay, 'day 3 was observed (no usable value), so the columns start there, as a load of the range does').toBe(d('2021-01-03'));
    expect(Array.from(bitcoin.price), 'days 3 and 4').toEqual([NaN, 4]);
    expect(sliced.assets.map((a) => a.id), 'ETH has no observation in the range: left out').toEqual(['bitcoin']);
    expect([sliced.firstDay, sliced.lastDay]).toEqual([d('2021-01-03'), d('2021-01-04')]);
  });

  it('keeps only the sources observed in the range and renumbers the cells to match', () => {
    const sliced = sliceCachedPanel(sample(), { from: d('2021-01-04') });
    expect(sliced.sources, 'source a has no observation from day 4 on').toEqual(['b']);
    const bitcoin = sliced.assets.find((a) => a.id === 'bitcoin')!;
    expect(Array.from(bitcoin.priceSource), 'b is now index 0').toEqual([0, 0]);
    expect(Array.from(bitcoin.marketCapSource), 'empty cells stay empty').toEqual([NO_SOURCE, NO_SOURCE]);
  });

  it('a range covering whole assets keeps them as they are; one covering only ETH drops the sources ETH lacks', () => {
    const cached = sample();
    const all = sliceCachedPanel(cached, { from: d('2020-01-01'), to: d('2022-01-01') });
    expect(all.assets[0], 'BTC lies wholly inside: the same asset, no copy').toBe(cached.panel.assets[0]);
    expect(all.sources).toEqual(['a', 'b']);
    const late = sliceCachedPanel(cached, { from: d('2021-01-05'), to: d('2022-01-01') });
    expect(late.sources, 'on day 5 only b was observed (BTC and ETH)').toEqual(['b']);
    expect(late.assets.map((a) => Array.from(a.priceSource)), 'both renumbered to b = 0').toEqual([[0], [0]]);
  });

  it('returns an empty panel for a range without observations', () => {
    const sliced = sliceCachedPanel(sample(), { from: d('2022-01-01') });
    expect(sliced, 'nothing in 2022').toEqual({ assets: [], sources: [], firstDay: null, lastDay: null });
  });
});
