import { describe, expect, it } from 'vitest';
import { dailyValuesOf } from './daily-values.ts';
import { openInterestCoinsToUsd } from './open-interest-usd.ts';

describe('openInterestCoinsToUsd', () => {
  // Closes of days 100..103: 20 000, 21 000, (none), 25 000.
  const close = dailyValuesOf([
    { day: 100, value: 20_000 },
    { day: 101, value: 21_000 },
    { day: 103, value: 25_000 },
  ]);

  it('values the coins at the close of the day before (the price at 00:00 UTC, when they were counted)', () => {
    const usd = openInterestCoinsToUsd(
      [
        { day: 101, value: 50_000 },
        { day: 102, value: 52_000 },
      ],
      close,
    );
    // By hand: 50 000 × 20 000 = 1.0e9 (day 100's close); 52 000 × 21 000 = 1.092e9 (day 101's close).
    expect(usd, 'coins × the previous day’s close').toEqual([
      { day: 101, value: 1_000_000_000 },
      { day: 102, value: 1_092_000_000 },
    ]);
  });

  it('leaves out a day whose previous close is not stored, and never uses the same day’s (later) close', () => {
    // Day 103's previous close (day 102) is missing: no value, although day 103 has a close.
    // Day 100's previous close (day 99) lies before the stored prices.
    const usd = openInterestCoinsToUsd(
      [
        { day: 100, value: 10 },
        { day: 103, value: 60_000 },
        { day: 104, value: 61_000 },
      ],
      close,
    );
    expect(usd, 'only day 104 (× day 103’s 25 000)').toEqual([{ day: 104, value: 1_525_000_000 }]);
  });
});
