import { describe, expect, it } from 'vitest';
import { figureBasis, type StatusItemLike } from './figure-basis.ts';

// The items /api/status answered on the shared data (2025-07-28).
const item = (key: string, reading: string): StatusItemLike => ({ key, reading });

describe('figureBasis', () => {
  it('names the window and the universe of every status figure', () => {
    expect(figureBasis(item('asi90', 'neither season: 20 of 50 alts beat BTC over 90 days')), 'ASI: its window and how many alts').toBe('90-day window · 50 altcoins');
    expect(figureBasis(item('btcd', 'above 55%, falling vs its 50-day average (top 125 stored assets)')), 'BTC.D: its universe and trend window').toBe(
      'top 125 stored assets · trend vs 50-day average',
    );
    expect(
      figureBasis(item('total2', 'alts growing faster than BTC; 30d: TOTAL2 +32.5% vs BTC +11.8%; 90d: TOTAL2 +41.7% vs BTC +24.4%')),
      'TOTAL2: the figure is the 30-day difference, the first listed',
    ).toBe('30-day growth, TOTAL2 minus BTC');
    expect(figureBasis(item('rut', '7.6% below its 2021-11-08 record of 2442.74, 1358 days ago; last breakout 2020-11-13 (close of 2025-07-28)'))).toBe(
      'record over all stored closes to 2025-07-28',
    );
  });

  it('uses a basis the server sends, and says nothing it cannot tell', () => {
    expect(figureBasis({ ...item('asi90', ''), basis: '90-day window, top 50 alts' }), "the server's own basis wins").toBe('90-day window, top 50 alts');
    expect(figureBasis(item('funding', 'positive'))).toBeNull();
    expect(figureBasis(item('asi30', 'Altcoin Month index undefined: too few coins priced at both ends of the window'))).toBe('30-day window');
  });
});
