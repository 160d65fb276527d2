import { describe, expect, it } from 'vitest';
import {
  deflatedSharpeOfSweep,
  deflatedSharpeRatio,
  effectiveNumberOfTrials,
  expectedMaxSharpe,
  minimumTrackRecordLength,
  probabilisticSharpeRatio,
  sampleMoments,
  sharpeEstimate,
  sharpeRatio,
  varianceOfSharpes,
} from './sharpe-statistics.ts';
import { normalCdf } from './normal-distribution.ts';
import { seededRandom } from './seeded-random.ts';

// Twenty daily returns used throughout.
const RETURNS = [
  0.012, -0.004, 0.021, -0.015, 0.003, 0.008, -0.031, 0.017, 0.005, -0.002, 0.044, -0.009, 0.011, 0.0, -0.006, 0.013, 0.027, -0.012,
  0.004, 0.009,
];

describe('sample moments and the Sharpe ratio', () => {
  it('matches numpy/scipy: std(ddof=1), skew(bias=True), kurtosis(fisher=False, bias=True)', () => {
    // /usr/bin/python3: numpy 1.24 / scipy 1.10 on RETURNS:
    // mean 0.00475, sd 0.01628649747490233, skew 0.19853517423833306, kurt 3.655163989563885.
    const m = sampleMoments([...RETURNS, Number.NaN]);
    expect(m.count, 'NaN is skipped').toBe(20);
    expect(m.mean).toBeCloseTo(0.00475, 15);
    expect(m.standardDeviation).toBeCloseTo(0.01628649747490233, 15);
    expect(m.skewness).toBeCloseTo(0.19853517423833306, 12);
    expect(m.kurtosis, 'raw kurtosis, normal = 3').toBeCloseTo(3.655163989563885, 12);
    expect(m.excessKurtosis).toBeCloseTo(0.655163989563885, 12);
    expect(sharpeRatio(RETURNS)).toBeCloseTo(0.29165264092662047, 13);
    expect(sharpeRatio(RETURNS, 0.00475), 'excess over a risk-free rate equal to the mean').toBeCloseTo(0, 14);
  });

  it('is null where undefined', () => {
    expect(sampleMoments([]).mean).toBeNull();
    expect(sampleMoments([1]).standardDeviation).toBeNull();
    const constant = sampleMoments([0.01, 0.01, 0.01]);
    expect(constant.standardDeviation).toBe(0);
    expect(constant.skewness).toBeNull();
    expect(constant.kurtosis).toBeNull();
    expect(sharpeRatio([0.01, 0.01, 0.01]), 'zero variance').toBeNull();
    expect(sharpeRatio([0.01]), 'one return').toBeNull();
    expect(sharpeEstimate([0.02, 0.02])).toBeNull();
  });
});

describe('probabilistic Sharpe ratio and minimum track record length', () => {
  const estimate = sharpeEstimate(RETURNS)!;

  it('matches the formula of Bailey & López de Prado (2012) computed with scipy', () => {
    // scipy.stats.norm.cdf((sr − b)·√(T−1)/√(1 − g3·sr + (g4−1)/4·sr²)) with the moments above.
    expect(probabilisticSharpeRatio(estimate)).toBeCloseTo(0.8983491371046066, 10);
    expect(probabilisticSharpeRatio(estimate, 0.1)).toBeCloseTo(0.7984216480711483, 10);
    // 1 + factor·(Φ⁻¹(0.95)/sr)² = 32.76118335827467; at 99 % against 0.05: 93.54228378063713.
    expect(minimumTrackRecordLength(estimate)).toBeCloseTo(32.76118335827467, 8);
    expect(minimumTrackRecordLength(estimate, 0.05, 0.99)).toBeCloseTo(93.54228378063713, 8);
  });

  it('uses RAW kurtosis: γ₃ = 0, γ₄ = 3 gives the i.i.d. normal error √(1 + SR²/2) (Lo 2002)', () => {
    const normal = { sharpe: 0.2, count: 101, skewness: 0, kurtosis: 3 };
    expect(probabilisticSharpeRatio(normal)).toBeCloseTo(normalCdf((0.2 * 10) / Math.sqrt(1 + 0.02)), 14);
    // Passing excess kurtosis (0) would give √(1 − SR²/4): a visibly different answer.
    expect(probabilisticSharpeRatio({ ...normal, kurtosis: 0 })).not.toBeCloseTo(probabilisticSharpeRatio(normal)!, 4);
  });

  it('is null where undefined', () => {
    expect(minimumTrackRecordLength({ ...estimate, sharpe: -0.1 }), 'SR̂ ≤ SR*: no length suffices').toBeNull();
    expect(probabilisticSharpeRatio({ ...estimate, count: 1 })).toBeNull();
  });
});

describe('expected maximum Sharpe and the deflated Sharpe ratio', () => {
  it('matches √V·[(1−γ)Φ⁻¹(1−1/N) + γΦ⁻¹(1−1/(Ne))] computed with scipy', () => {
    // numpy.euler_gamma, scipy.stats.norm.ppf:
    expect(expectedMaxSharpe(100, 0.01)).toBeCloseTo(0.2530602893201685, 9);
    expect(expectedMaxSharpe(2, 0.04)).toBeCloseTo(0.10395106885611878, 9);
    expect(expectedMaxSharpe(1000, 0.0025)).toBeCloseTo(0.16275607568263617, 9);
    expect(expectedMaxSharpe(1, 0.01), 'one trial has no selection').toBeNull();
    expect(expectedMaxSharpe(10, -1)).toBeNull();
  });

  it('deflates by N trials: DSR = PSR(SR₀)', () => {
    // SR₀ = emax(50, 0.002) = 0.10179936908561907; PSR(SR₀) = 0.7962066206182266 (scipy).
    const result = deflatedSharpeRatio(sharpeEstimate(RETURNS)!, { trials: 50, varianceOfTrialSharpes: 0.002 })!;
    expect(result.expectedMaxSharpe).toBeCloseTo(0.10179936908561907, 9);
    expect(result.deflatedSharpe).toBeCloseTo(0.7962066206182266, 8);
    expect(result.trials).toBe(50);
    expect(deflatedSharpeRatio(sharpeEstimate(RETURNS)!, { trials: 1, varianceOfTrialSharpes: 0.002 })).toBeNull();
  });

  it('computes the variance of trial Sharpes with N − 1, skipping undefined ones', () => {
    expect(varianceOfSharpes([0.1, null, 0.3, 0.2])).toBeCloseTo(0.01, 15);
    expect(varianceOfSharpes([0.1])).toBeNull();
  });
});

describe('effective number of trials', () => {
  const T = 200;
  const series = (f: (t: number) => number): Float64Array => Float64Array.from({ length: T }, (_, t) => f(t));
  const a = (t: number) => Math.sin(t * 0.37);
  const b = (t: number) => Math.cos(t * 1.91);
  const c = (t: number) => Math.sin(t * 2.73 + 1);

  it('counts correlation clusters: three near-copies, two near-copies and a loner make 3', () => {
    const trials = [
      series(a),
      series((t) => a(t) + 0.05 * b(t)),
      series((t) => a(t) + 0.05 * c(t)),
      series(b),
      series((t) => b(t) - 0.1 * c(t)),
      series(c),
    ];
    const result = effectiveNumberOfTrials(trials);
    expect(result.raw).toBe(6);
    expect(result.effective).toBe(3);
    expect(result.clusterOf).toEqual([0, 0, 0, 1, 1, 2]);
    expect(effectiveNumberOfTrials(trials, 0.9999).effective, 'a threshold near 1 splits every trial').toBe(6);
  });

  it('switches to leader clustering for large sweeps, with the same count on clear clusters', () => {
    const bases = [a, b, c, (t: number) => Math.cos(t * 0.23 + 2)];
    const many = Array.from({ length: 320 }, (_, i) => series((t) => bases[i % 4]!(t) + 0.05 * Math.sin(t * (3.1 + i * 0.01))));
    const large = effectiveNumberOfTrials(many);
    expect(large.method).toBe('leader');
    expect(large.effective).toBe(4);
    expect(large.clusterOf.slice(0, 8)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    const small = effectiveNumberOfTrials(many.slice(0, 40));
    expect([small.method, small.effective]).toEqual(['complete-linkage', 4]);
  });

  it('handles no trial and one trial', () => {
    expect(effectiveNumberOfTrials([]).effective).toBe(0);
    expect(effectiveNumberOfTrials([series(a)]).effective).toBe(1);
  });
});

describe('deflated Sharpe of a sweep', () => {
  it('selects the best trial and deflates by the raw and the effective number of trials', () => {
    const random = seededRandom(21);
    const base = Array.from({ length: 4 }, () => Float64Array.from({ length: 500 }, () => 0.01 * random.normal()));
    // 12 trials: 3 near-copies of each of 4 independent return series → N = 12, N_eff = 4.
    const trials = base.flatMap((series) => [0, 1, 2].map(() => series.map((r) => r + 0.0005 * random.normal())));
    const result = deflatedSharpeOfSweep(trials)!;
    const sharpes = trials.map((t) => sharpeEstimate(t)!.sharpe);
    expect(result.selected).toBe(sharpes.indexOf(Math.max(...sharpes)));
    expect(result.effectiveTrials.effective).toBe(4);
    expect(result.raw!.trials).toBe(12);
    expect(result.varianceOfTrialSharpes).toBeCloseTo(varianceOfSharpes(sharpes)!, 15);
    // By hand from the parts: DSR = PSR(expectedMaxSharpe(N, V)).
    const v = varianceOfSharpes(sharpes)!;
    expect(result.raw!.deflatedSharpe).toBeCloseTo(probabilisticSharpeRatio(result.estimate, expectedMaxSharpe(12, v)!)!, 14);
    expect(result.effective!.deflatedSharpe).toBeCloseTo(probabilisticSharpeRatio(result.estimate, expectedMaxSharpe(4, v)!)!, 14);
    expect(result.effective!.deflatedSharpe, 'fewer independent trials deflate less').toBeGreaterThan(result.raw!.deflatedSharpe);
    expect(deflatedSharpeOfSweep([trials[0]!])).toBeNull();
  });
});
