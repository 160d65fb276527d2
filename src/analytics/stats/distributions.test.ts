import { describe, expect, it } from 'vitest';
import { fCdf, fQuantile, fSurvival } from './f-distribution.ts';
import { normalCdf, normalQuantile, normalTwoSidedPValue } from './normal-distribution.ts';
import { studentTCdf, studentTQuantile, studentTTwoSidedPValue } from './student-t-distribution.ts';

describe('normal distribution', () => {
  it('reproduces the table values', () => {
    expect(normalQuantile(0.975), 'the 97.5 % normal quantile is 1.959964').toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853627, 8);
    expect(normalQuantile(0.8), 'z for 80 % power').toBeCloseTo(0.841621234, 8);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1), 'Φ(1)').toBeCloseTo(0.841344746068543, 13);
    expect(normalCdf(-3), 'Φ(−3)').toBeCloseTo(0.00134989803163009, 15);
    expect(normalTwoSidedPValue(1.959963985), 'two-sided 5 %').toBeCloseTo(0.05, 9);
    // Far tail without cancellation: Φ(−8) ≈ 6.221e−16.
    expect(normalCdf(-8) / 6.22096057427178e-16, 'deep tail keeps relative precision').toBeCloseTo(1, 8);
  });
});

describe('Student t distribution', () => {
  it('reproduces the table values', () => {
    expect(studentTQuantile(0.975, 10), 't(0.975; 10) = 2.228').toBeCloseTo(2.228138852, 7);
    expect(studentTQuantile(0.995, 5), 't(0.995; 5) = 4.032').toBeCloseTo(4.032142984, 7);
    expect(studentTQuantile(0.975, 1e7), 'large df tends to the normal').toBeCloseTo(1.959964, 5);
  });

  it('matches the Cauchy (df 1) and df 2 closed forms', () => {
    for (const t of [-7, -1.3, 0, 0.4, 2, 30]) {
      expect(studentTCdf(t, 1), `Cauchy CDF at ${t}`).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2), `t(2) CDF at ${t}`).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
    expect(studentTTwoSidedPValue(2.228138852, 10)).toBeCloseTo(0.05, 9);
  });
});

describe('F distribution', () => {
  it('reproduces the table values', () => {
    expect(fQuantile(0.95, 2, 10), 'F(0.95; 2, 10) = 4.103').toBeCloseTo(4.102821015, 7);
    expect(fQuantile(0.95, 5, 20), 'F(0.95; 5, 20) = 2.711').toBeCloseTo(2.710889837, 7);
    expect(fQuantile(0.99, 3, 30), 'F(0.99; 3, 30) = 4.5097 (scipy.stats.f.ppf)').toBeCloseTo(4.509739562, 7);
  });

  it('matches the closed form for d1 = 2 and agrees with t² = F(1, ν)', () => {
    for (const f of [0.1, 1, 4.1028, 25]) {
      expect(fCdf(f, 2, 10), `F(2, 10) CDF at ${f}: 1 − (1 + 2f/10)^−5`).toBeCloseTo(1 - (1 + (2 * f) / 10) ** -5, 13);
      expect(fSurvival(f, 2, 10) + fCdf(f, 2, 10)).toBeCloseTo(1, 14);
    }
    expect(fSurvival(2.228138852 ** 2, 1, 10), 'T² ~ F(1, ν)').toBeCloseTo(0.05, 9);
  });
});
