import { describe, expect, it } from 'vitest';
import { blockBootstrapInterval, optimalBlockLength } from './block-bootstrap.ts';
import { seededRandom } from './seeded-random.ts';
import { sharpeRatio } from './sharpe-statistics.ts';

/** x_t = 0.6·x_{t−1} + sin(1.3t) + cos(2.1t²): the fixed series also built by the Python check. */
function ar(T: number): Float64Array {
  const x = new Float64Array(T);
  let previous = 0;
  for (let t = 0; t < T; t++) {
    previous = 0.6 * previous + Math.sin(1.3 * t) + Math.cos(2.1 * t * t);
    x[t] = previous;
  }
  return x;
}

describe('Politis–White block length', () => {
  // Independent check: the rule transcribed from Politis & White (2004) / Patton et al. (2009) in
  // numpy (/usr/bin/python3), with R̂(k) = Σ d_t d_{t+k}/T summed over −M … M (not via ρ):
  // T = 60 → m̂ = 1, M = 2, b_SB = 2.475400658034305, b_CB = 2.8336263892777587;
  // T = 500 → m̂ = 28 (the search cap), b_SB = 22.828951896691432, b_CB = 26.13262637870758.
  it('matches the numpy transcription', () => {
    const short = optimalBlockLength(ar(60))!;
    expect(short.stationary).toBeCloseTo(2.475400658034305, 9);
    expect(short.circular).toBeCloseTo(2.8336263892777587, 9);
    const long = optimalBlockLength(ar(500))!;
    expect(long.stationary).toBeCloseTo(22.828951896691432, 9);
    expect(long.circular).toBeCloseTo(26.13262637870758, 9);
  });

  it('is 1 for a series without autocorrelation and null when undefined', () => {
    // (r − r̄)² of r_t = 0.01 sin(0.7t) + 0.02 cos(3.1t²), t < 300: m̂ = 0 → b = 1 (numpy).
    const r = Float64Array.from({ length: 300 }, (_, t) => 0.01 * Math.sin(0.7 * t) + 0.02 * Math.cos(3.1 * t * t));
    const center = r.reduce((a, b) => a + b, 0) / r.length;
    expect(optimalBlockLength(r.map((v) => (v - center) ** 2))).toEqual({ stationary: 1, circular: 1 });
    expect(optimalBlockLength(r)!.stationary, 'numpy: 8.289795518330752').toBeCloseTo(8.289795518330752, 9);
    expect(optimalBlockLength([1, 2, 3])).toBeNull();
    expect(optimalBlockLength(new Float64Array(50).fill(2))).toBeNull();
  });
});

describe('block-bootstrap interval', () => {
  const random = seededRandom(11);
  const iid = Float64Array.from({ length: 1000 }, () => 0.001 + 0.02 * random.normal());

  it('is reproducible from its seed and states its block length rule', () => {
    const a = blockBootstrapInterval(iid, { replicates: 500, seed: 5 })!;
    const b = blockBootstrapInterval(iid, { replicates: 500, seed: 5 })!;
    expect(a).toEqual(b);
    expect(a.blockLengthRule).toBe('politis-white');
    expect(a.method).toBe('stationary');
    expect(a.estimate).toBeCloseTo(sharpeRatio(iid)!, 15);
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
    expect(blockBootstrapInterval(iid, { replicates: 500, seed: 6 })!.lower).not.toBe(a.lower);
  });

  it('gives about ±1.96·σ/√T for the mean of i.i.d. data', () => {
    const result = blockBootstrapInterval(iid, { statistic: 'mean', blockLength: 1, replicates: 4000, seed: 3 })!;
    const sd = Math.sqrt(iid.reduce((s, v) => s + (v - result.estimate) ** 2, 0) / 999);
    const halfWidth = (1.959964 * sd) / Math.sqrt(1000);
    expect((result.upper - result.lower) / 2 / halfWidth).toBeGreaterThan(0.93);
    expect((result.upper - result.lower) / 2 / halfWidth).toBeLessThan(1.07);
    expect(result.standardError! / (sd / Math.sqrt(1000))).toBeGreaterThan(0.93);
    expect(result.standardError! / (sd / Math.sqrt(1000))).toBeLessThan(1.07);
  });

  it('widens the interval of an autocorrelated mean when blocks keep the dependence', () => {
    const x = ar(600);
    const iidWidth = blockBootstrapInterval(x, { statistic: 'mean', blockLength: 1, seed: 2 })!;
    const blocked = blockBootstrapInterval(x, { statistic: 'mean', seed: 2 })!;
    expect(blocked.blockLength).toBeGreaterThan(1);
    expect(blocked.upper - blocked.lower).toBeGreaterThan(1.5 * (iidWidth.upper - iidWidth.lower));
  });

  it('resamples whole blocks: a moving block as long as the series returns the series', () => {
    const x = ar(40);
    const result = blockBootstrapInterval(x, { method: 'moving-block', blockLength: 40, statistic: 'mean', replicates: 20 })!;
    expect(result.lower).toBeCloseTo(result.estimate, 14);
    expect(result.upper).toBeCloseTo(result.estimate, 14);
  });

  it('accepts a custom statistic and returns null where undefined', () => {
    const maximum = (sample: Float64Array) => Math.max(...sample);
    const result = blockBootstrapInterval([1, 2, 3, 4, 5, 6, 7, 8], { statistic: maximum, blockLength: 2, replicates: 200 })!;
    expect(result.upper).toBe(8);
    expect(result.estimate).toBe(8);
    expect(blockBootstrapInterval([0.01, 0.01, 0.01, 0.01]), 'Sharpe of a constant series').toBeNull();
    expect(blockBootstrapInterval([0.01, Number.NaN, 0.02])).toBeNull();
    expect(() => blockBootstrapInterval(iid, { confidence: 95 })).toThrow(/confidence/);
  });
});
