import { describe, expect, it } from 'vitest';
import { benjaminiHochbergAdjust, holmAdjust } from './multiple-testing.ts';

// Benjamini & Hochberg (1995), section 4.2: 15 p-values from a clinical trial.
const BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];

describe('multiple testing', () => {
  it('Benjamini–Hochberg rejects the 4 hypotheses of the 1995 paper at q = 0.05, matching scipy', () => {
    const adjusted = benjaminiHochbergAdjust(BH_1995);
    expect(adjusted.filter((p) => p <= 0.05).length, 'the paper rejects four').toBe(4);
    // scipy.stats.false_discovery_control(p)
    const scipy = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765, 0.486, 0.5811818181818181, 0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1];
    scipy.forEach((value, i) => expect(adjusted[i], `adjusted p ${i}`).toBeCloseTo(value, 12));
  });

  it('Holm rejects 3 of them (like Bonferroni here) and keeps the input order', () => {
    const adjusted = holmAdjust(BH_1995);
    expect(adjusted.filter((p) => p <= 0.05).length, 'the paper: Bonferroni-type procedures reject three').toBe(3);
    expect(adjusted.slice(0, 5).map((p) => Number(p.toFixed(6)))).toEqual([0.0015, 0.0056, 0.0247, 0.114, 0.2211]);
    expect(holmAdjust([0.04, 0.01, 0.03]), 'unsorted input: 3×0.01, max(2×0.03, …), max(1×0.04, …)').toEqual([0.06, 0.03, 0.06]);
  });
});
