import { describe, expect, it } from 'vitest';
import { logGamma, regularizedGammaP, regularizedGammaQ, regularizedIncompleteBeta } from './special-functions.ts';

describe('special functions', () => {
  it('log-gamma matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1), 'Γ(1) = 1').toBeCloseTo(0, 13);
    expect(logGamma(5), 'Γ(5) = 4! = 24').toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5), 'Γ(½) = √π').toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(101), 'Γ(101) = 100!').toBeCloseTo(363.73937555556347, 9);
  });

  it('incomplete beta matches closed forms', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      expect(regularizedIncompleteBeta(x, 3, 1), `I_x(a, 1) = x^a at x=${x}`).toBeCloseTo(x ** 3, 13);
      expect(regularizedIncompleteBeta(x, 1, 4), `I_x(1, b) = 1 − (1 − x)^b at x=${x}`).toBeCloseTo(1 - (1 - x) ** 4, 13);
      expect(regularizedIncompleteBeta(x, 2.5, 7) + regularizedIncompleteBeta(1 - x, 7, 2.5), 'symmetry I_x(a,b) = 1 − I_{1−x}(b,a)').toBeCloseTo(1, 13);
    }
    expect(regularizedIncompleteBeta(0.5, 13.7, 13.7), 'I_½(a, a) = ½ by symmetry').toBeCloseTo(0.5, 13);
    // I_x(½, ½) = (2/π) asin(√x): the arcsine distribution.
    expect(regularizedIncompleteBeta(0.3, 0.5, 0.5), 'arcsine law').toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(0.3)), 12);
  });

  it('incomplete gamma matches the exponential and chi-square(2) laws', () => {
    for (const x of [0.1, 1, 3, 12]) {
      expect(regularizedGammaP(1, x), `P(1, x) = 1 − e^−x at x=${x}`).toBeCloseTo(1 - Math.exp(-x), 13);
      expect(regularizedGammaQ(2, x), `Q(2, x) = (1 + x) e^−x at x=${x}`).toBeCloseTo((1 + x) * Math.exp(-x), 13);
    }
  });
});
