/**
 * Adjusted p-values for a family of hypotheses, returned in the input order. Reject H_i at level
 * α when adjusted[i] ≤ α.
 * - Holm (1979): controls the family-wise error rate under any dependence.
 * - Benjamini–Hochberg (1995): controls the false discovery rate for independent or positively
 *   dependent tests.
 */

function checkPValues(pValues: readonly number[]): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${i} must be in [0, 1], got ${p}`);
  });
}

export function holmAdjust(pValues: readonly number[]): number[] {
  checkPValues(pValues);
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  checkPValues(pValues);
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[b]! - pValues[a]!);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach((index, position) => {
    const rank = m - position;
    running = Math.min(running, (m / rank) * pValues[index]!);
    adjusted[index] = running;
  });
  return adjusted;
}
