import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.ts';
import { resolveSeasonIndexOptions } from './season-index-options.ts';

describe('resolveSeasonIndexOptions', () => {
  it("defaults to blockchaincenter's settings", () => {
    const options = resolveSeasonIndexOptions();
    expect([options.top, options.window, options.altThreshold, options.btcThreshold], 'top 50, 90 days, 75/25').toEqual([50, 90, 75, 25]);
    expect(options.rankAt, "ranked at the window's end, as blockchaincenter publishes it").toBe('end');
  });

  it('rejects nonsense with the value in the message', () => {
    expect(() => resolveSeasonIndexOptions({ top: 0 }), 'top must be ≥ 1').toThrow(InvalidInputError);
    expect(() => resolveSeasonIndexOptions({ window: 2.5 }), 'window must be whole').toThrow(/2\.5/);
    expect(() => resolveSeasonIndexOptions({ altThreshold: 20, btcThreshold: 30 }), 'thresholds must be ordered').toThrow(/30.*20/);
    expect(() => resolveSeasonIndexOptions({ window: 7, stalenessDays: 7 }), 'staleness shorter than the window').toThrow(/7/);
    expect(() => resolveSeasonIndexOptions({ rankAt: 'middle' as never }), 'rankAt is start or end').toThrow(/rank at.*"middle"/);
  });
});
