import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../domain/errors.ts';
import { ordinaryLeastSquares } from './ordinary-least-squares.ts';

describe('ordinary least squares', () => {
  it('recovers an exact small system with zero residuals', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [0, 1, 0, 3, 2, 5];
    const y = a.map((value, i) => 1 + 2 * value - 3 * b[i]!);
    const fit = ordinaryLeastSquares([a.map(() => 1), a, b], y);
    expect(Array.from(fit.coefficients).map((c) => Math.round(c * 1e10) / 1e10), 'y = 1 + 2a − 3b exactly').toEqual([1, 2, -3]);
    expect(fit.residualSumOfSquares, 'an exact fit leaves nothing').toBeLessThan(1e-20);
  });

  it('matches numpy.linalg.lstsq on an overdetermined system, with standard errors', () => {
    const fit = ordinaryLeastSquares(
      [
        [1, 1, 1, 1, 1],
        [1, 2, 3, 4, 5],
        [2, 1, 4, 3, 7],
      ],
      [3.1, 4.2, 7.9, 8.1, 13.2],
    );
    const expected = [0.23705882352941138, 1.4076470588235281, 0.8352941176470602];
    expected.forEach((value, i) => expect(fit.coefficients[i], `coefficient ${i}`).toBeCloseTo(value, 12));
    expect(fit.residualSumOfSquares).toBeCloseTo(0.2345294117647055, 12);
    const standardErrors = [0.36011243918827796, 0.1912040704059207, 0.13131949470121057];
    standardErrors.forEach((value, i) => expect(fit.standardErrors![i], `standard error ${i}`).toBeCloseTo(value, 12));
    expect(fit.degreesOfFreedom).toBe(2);
  });

  it('names the dependent column of a rank-deficient design', () => {
    expect(() => ordinaryLeastSquares([[1, 1, 1], [1, 2, 3], [2, 4, 6]], [1, 2, 3])).toThrow(InvalidInputError);
    expect(() => ordinaryLeastSquares([[1, 1, 1], [1, 2, 3], [2, 4, 6]], [1, 2, 3])).toThrow(/column 2/);
  });
});
