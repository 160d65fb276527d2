import { describe, expect, it } from 'vitest';
import {
  betaTo,
  correlationClusters,
  correlationFromCovariance,
  correlationMatrix,
  covarianceMatrix,
  ledoitWolfCovariance,
} from './correlation-matrix.ts';

// Fixed series, also built by the Python check (numpy 1.24 / scipy 1.10, /usr/bin/python3).
const T = 40;
const a = Float64Array.from({ length: T }, (_, t) => 0.02 * Math.sin(0.9 * t) + 0.01 * Math.cos(2.3 * t));
const b = Float64Array.from({ length: T }, (_, t) => (t === 5 ? Number.NaN : 0.015 * Math.sin(0.9 * t + 0.4) + 0.012 * Math.cos(5.1 * t)));
const btc = Float64Array.from({ length: T }, (_, t) => 0.018 * Math.sin(0.9 * t + 0.2) + 0.006 * Math.cos(3.7 * t));

describe('correlation and covariance matrices', () => {
  it('correlates pairwise over complete pairs', () => {
    const m = correlationMatrix([a, b, btc]);
    // numpy.corrcoef over the 39 pairs without t = 5: 0.6294445620422566.
    expect(m.r[0]![1]).toBeCloseTo(0.6294445620422566, 13);
    expect(m.r[1]![0]).toBe(m.r[0]![1]);
    expect(m.n[0]![1]).toBe(39);
    expect(m.n[0]![2]).toBe(40);
    expect(m.r[2]![2]).toBe(1);
    expect(correlationMatrix([a, new Float64Array(T).fill(0.5)]).r[1]![1], 'a constant series has no correlation').toBeNull();
  });

  it('computes the sample covariance over rows where every series is present', () => {
    // numpy.cov(X[:, complete], ddof=1):
    const expected = [
      [0.00024612240997209104, 0.00013075910512883306, 0.00016843363922056133],
      [0.00013075910512883306, 0.00017533868647125599, 0.00012387741063293637],
      [0.00016843363922056133, 0.00012387741063293637, 0.0001771019007944195],
    ];
    const result = covarianceMatrix([a, b, btc])!;
    expect(result.rows).toBe(39);
    result.covariance.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(expected[i]![j]!, 17)));
    const rho = correlationFromCovariance(result.covariance);
    expect(rho[0]![0]).toBe(1);
    expect(rho[0]![1]).toBeCloseTo(0.00013075910512883306 / Math.sqrt(0.00024612240997209104 * 0.00017533868647125599), 14);
    expect(covarianceMatrix([[1], [2]])).toBeNull();
    expect(correlationFromCovariance([[0, 0], [0, 1]])[0]![1]).toBeNull();
  });
});

describe('beta to BTC', () => {
  it('is the OLS slope cov/var over complete pairs', () => {
    // numpy: cov(a, btc)/var(btc) = 0.9572284023588183 (scipy linregress slope agrees), corr 0.8118016290426714.
    const beta = betaTo(a, btc);
    expect(beta.beta).toBeCloseTo(0.9572284023588183, 13);
    expect(beta.correlation).toBeCloseTo(0.8118016290426714, 13);
    expect(beta.n).toBe(40);
    // The pair with the missing day is dropped: 0.6994696842736526.
    expect(betaTo(b, btc).beta).toBeCloseTo(0.6994696842736526, 13);
    expect(betaTo(a, new Float64Array(T).fill(0.01)).beta, 'a constant benchmark').toBeNull();
    expect(betaTo([0.1, 0.2], [0.1, 0.3]).beta, 'two pairs are too few').toBeNull();
  });
});

describe('correlation clusters', () => {
  it('joins chains of pairs above the threshold (single linkage)', () => {
    const rho = [
      [1, 0.85, 0.3, 0.2, null],
      [0.85, 1, 0.82, 0.25, null],
      [0.3, 0.82, 1, 0.1, null],
      [0.2, 0.25, 0.1, 1, null],
      [null, null, null, null, null],
    ];
    const result = correlationClusters(rho);
    expect(result.clusters).toEqual([[0, 1, 2], [3], [4]]);
    expect(result.clusterOf).toEqual([0, 0, 0, 1, 2]);
    expect(correlationClusters(rho, 0.84).clusters, 'at 0.84 asset 2 leaves').toEqual([[0, 1], [2], [3], [4]]);
  });
});

describe('Ledoit–Wolf shrinkage (constant-correlation target)', () => {
  it("matches the authors' covCor.m transcribed to numpy", () => {
    // /usr/bin/python3, numpy 1.24: covCor.m line by line on these 4 series × 50 periods.
    const series = Array.from({ length: 4 }, (_, k) =>
      Float64Array.from({ length: 50 }, (_, t) => 0.02 * Math.sin(0.9 * t + k) + 0.01 * Math.cos((2.3 + 0.4 * k) * t * t) + 0.005 * k * Math.sin(0.1 * t)),
    );
    const result = ledoitWolfCovariance(series)!;
    expect(result.shrinkage).toBeCloseTo(0.08354737487480579, 12);
    expect(result.averageCorrelation).toBeCloseTo(0.11843529198601255, 12);
    expect(result.covariance[0]![0]).toBeCloseTo(0.00021716756562940333, 17);
    expect(result.covariance[0]![1]).toBeCloseTo(0.00011460159356109968, 17);
    expect(result.covariance[2]![3]).toBeCloseTo(0.00016164465787855097, 17);
    expect(result.rows).toBe(50);
    expect(ledoitWolfCovariance([series[0]!])).toBeNull();
    expect(ledoitWolfCovariance([series[0]!, new Float64Array(50).fill(0.5)]), 'a constant series').toBeNull();
  });
});
