import { describe, expect, it } from 'vitest';
import { roundOrNull } from './round.ts';

/** The definition: what toFixed writes, read back. */
const byString = (value: number, digits: number) => Number(value.toFixed(digits));

describe('roundOrNull', () => {
  it('is Number(value.toFixed(digits)) for every value tried: random magnitudes and signs, ties, near-ties, integers, tiny and huge values', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values: number[] = [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, 0.125, 0.375, 1e-7, -1e-7, 5e-7, 123456789.123456, 2 ** 53, 1e21, 1.005, 1.0049999999999999, 8.345, 94.27573669924452];
    for (let i = 0; i < 200_000; i++) {
      const magnitude = 10 ** Math.floor(random() * 14 - 7);
      values.push((random() - 0.5) * magnitude);
    }
    // Decimal ties and their neighbours at each precision (x.xxx5 is rarely exact in binary).
    for (let d = 0; d <= 8; d++) {
      for (let i = 0; i < 2_000; i++) {
        const tie = (Math.floor(random() * 1e6) + 0.5) / 10 ** d;
        values.push(tie, -tie, tie + Number.EPSILON * tie, tie - Number.EPSILON * tie);
      }
    }
    const mismatches: string[] = [];
    for (const value of values) {
      for (const digits of [0, 1, 2, 4, 6, 8]) {
        const got = roundOrNull(value, digits);
        const want = byString(value, digits);
        if (!Object.is(got, want)) mismatches.push(`${value} to ${digits}: ${got} ≠ ${want}`);
      }
    }
    expect(mismatches.slice(0, 10), `${mismatches.length} of ${values.length * 6} differ`).toEqual([]);
  });

  it('is null for null, undefined, NaN and infinities', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(roundOrNull(value, 4)).toBeNull();
  });
});
