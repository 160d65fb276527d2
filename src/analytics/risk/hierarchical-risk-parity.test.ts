import { describe, expect, it } from 'vitest';
import { hierarchicalRiskParity } from './hierarchical-risk-parity.ts';

// A fixed 6-asset covariance: Σ = ρ ∘ (σσᵀ).
const RHO = [
  [1.0, 0.85, 0.3, 0.2, 0.1, 0.55],
  [0.85, 1.0, 0.35, 0.25, 0.05, 0.5],
  [0.3, 0.35, 1.0, 0.75, 0.4, 0.2],
  [0.2, 0.25, 0.75, 1.0, 0.45, 0.15],
  [0.1, 0.05, 0.4, 0.45, 1.0, 0.05],
  [0.55, 0.5, 0.2, 0.15, 0.05, 1.0],
];
const VOL = [0.03, 0.045, 0.06, 0.05, 0.08, 0.035];
const COV = RHO.map((row, i) => row.map((r, j) => r * VOL[i]! * VOL[j]!));

describe('hierarchical risk parity', () => {
  // Independent check: López de Prado's (2016) published code (getQuasiDiag, getRecBipart,
  // getClusterVar) ported to Python 3 with pandas 1.5 and scipy 1.10's
  // sch.linkage(√((1−ρ)/2), 'single') — /usr/bin/python3. Its leaf order is [5, 0, 1, 4, 2, 3].
  const PAPER_WEIGHTS = [0.26513249224155, 0.11783666321846668, 0.07883150533995152, 0.11351736768953018, 0.07705456567040345, 0.34762740584009816];

  it("matches the paper's code on a fixed covariance", () => {
    const result = hierarchicalRiskParity(COV);
    expect(result.order).toEqual([5, 0, 1, 4, 2, 3]);
    result.weights.forEach((w, i) => expect(w).toBeCloseTo(PAPER_WEIGHTS[i]!, 13));
    expect(result.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(result.excluded).toEqual([]);
  });

  it('caps weights and hands the excess pro rata to the others', () => {
    // numpy, clipping the paper's weights at 0.25 and redistributing pro rata until none exceeds it.
    const expected = [0.25, 0.1521493546700286, 0.10178633998574463, 0.14657232957947225, 0.09949197576475449, 0.25];
    const result = hierarchicalRiskParity(COV, { maxWeight: 0.25 });
    result.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 13));
    expect(result.capped).toEqual([0, 5]);
    expect(() => hierarchicalRiskParity(COV, { maxWeight: 0.1 })).toThrow(/below 100 %/);
  });

  it('handles one asset, two assets and zero-variance assets', () => {
    expect(hierarchicalRiskParity([[0.0004]]).weights).toEqual([1]);
    // Two assets: inverse variance, 1/σ² ∝ (1/0.01, 1/0.04) → (0.8, 0.2), whatever the correlation.
    const two = hierarchicalRiskParity([
      [0.01, 0.005],
      [0.005, 0.04],
    ]);
    expect(two.weights[0]).toBeCloseTo(0.8, 15);
    expect(two.weights[1]).toBeCloseTo(0.2, 15);
    const withCash = hierarchicalRiskParity([
      [0.01, 0, 0.005],
      [0, 0, 0],
      [0.005, 0, 0.04],
    ]);
    expect(withCash.excluded).toEqual([1]);
    expect(withCash.weights[1]).toBe(0);
    expect(withCash.weights[0]).toBeCloseTo(0.8, 15);
    expect(() => hierarchicalRiskParity([[1, 2]])).toThrow(/row 0 has 2 entries/);
  });
});
