import { describe, expect, it } from 'vitest';
import { adjustHypotheses, type UnadjustedHypothesis } from './adjust-hypotheses.ts';

const hypothesis = (id: string, pValue: number | null, primary = false): UnadjustedHypothesis => ({
  id,
  family: 'lead-lag scan',
  description: id,
  primary,
  n: 100,
  effectLabel: 'r',
  effect: 0.1,
  interval: null,
  pValue,
  thesisDirection: true,
});

describe('adjustHypotheses', () => {
  it('adjusts only the hypotheses that have a p-value, keeping the input order', () => {
    const family = adjustHypotheses([hypothesis('a', 0.01), hypothesis('b', null), hypothesis('c', 0.04), hypothesis('d', 0.03)], 0.05);
    expect(family.count, 'a test without a p-value is not counted').toBe(3);
    // Holm: sorted 0.01, 0.03, 0.04 → 0.03, 0.06, 0.06 (monotone).
    expect(family.list.map((h) => h.holmPValue)).toEqual([0.03, null, expect.closeTo(0.06, 12), expect.closeTo(0.06, 12)]);
    // BH: 0.01·3/1 = 0.03, 0.03·3/2 = 0.045, 0.04·3/3 = 0.04 → step-up minimum gives 0.03, 0.04, 0.04.
    expect(family.list[0]!.bhPValue).toBeCloseTo(0.03, 12);
    expect(family.list[2]!.bhPValue).toBeCloseTo(0.04, 12);
    expect(family.list[3]!.bhPValue).toBeCloseTo(0.04, 12);
    expect(family.significantRaw, 'three raw p-values below 0.05').toBe(3);
    expect(family.significantHolm, 'only the smallest survives Holm').toBe(1);
    expect(family.significantBh, 'all three survive BH at 5 %').toBe(3);
    expect(family.list[0]!.adjustedPValue, 'with no main test the verdict uses Holm').toBe(0.03);
  });

  it('tests the main hypothesis first at the full α and the others only behind it (gatekeeping)', () => {
    const main = hypothesis('main', 0.0026, true);
    const family = adjustHypotheses([main, hypothesis('x', 0.001), hypothesis('y', 0.2), hypothesis('z', 0.02)], 0.05);
    // Holm over everything would give the main test 3 × 0.0026 = 0.0078; the gate keeps its own p.
    expect(family.list[0]!.adjustedPValue, 'the main test keeps its own (scan-corrected) p').toBe(0.0026);
    // Others: Holm among x, y, z: 0.003, 0.2, 0.04; each at least the main p.
    expect(family.list[1]!.adjustedPValue).toBeCloseTo(0.003, 12);
    expect(family.list[2]!.adjustedPValue).toBeCloseTo(0.2, 12);
    expect(family.list[3]!.adjustedPValue).toBeCloseTo(0.04, 12);
    expect(family.significantAdjusted, 'main, x and z are rejected by the procedure').toBe(3);

    const closed = adjustHypotheses([hypothesis('main', 0.3, true), hypothesis('x', 0.0001)], 0.05);
    expect(closed.list[1]!.adjustedPValue, 'when the main test does not reject, nothing behind it can').toBe(0.3);
    expect(closed.significantAdjusted).toBe(0);
  });

  it('handles a family with no p-values', () => {
    const family = adjustHypotheses([hypothesis('a', null)], 0.05);
    expect(family).toMatchObject({ count: 0, significantHolm: 0, significantBh: 0, significantAdjusted: 0 });
    expect(family.list[0]!.holmPValue).toBeNull();
    expect(family.list[0]!.adjustedPValue).toBeNull();
  });
});
