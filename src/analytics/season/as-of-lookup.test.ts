import { describe, expect, it } from 'vitest';
import { makePanel } from '../../domain/make-panel.ts';
import { asOfCell } from './as-of-cell.ts';
import { AsOfLookup } from './as-of-lookup.ts';

describe('AsOfLookup', () => {
  it('gives the same cells as the backward scan, for every day and staleness', () => {
    const price = [1, null, null, 4, null, null, null, null, 9, null];
    const marketCap = [null, 2, null, null, null, 6, null, null, null, 10];
    const panel = makePanel([{ id: 'a', symbol: 'A', firstDay: 100 as never, price, marketCap }]);
    const asset = panel.assets[0]!;
    for (let staleness = 0; staleness <= 5; staleness++) {
      const lookup = new AsOfLookup(panel, staleness);
      for (let day = 95; day <= 115; day++) {
        expect(lookup.price(0, day), `price on day ${day}, staleness ${staleness}`).toBe(asOfCell(asset.price, asset.firstDay, day, staleness));
        expect(lookup.marketCap(0, day), `cap on day ${day}, staleness ${staleness}`).toBe(asOfCell(asset.marketCap, asset.firstDay, day, staleness));
      }
    }
  });
});
