import { describe, expect, it } from 'vitest';
import { blockBootstrap, blockBootstrapIndices } from './block-bootstrap.ts';
import { seededRandom } from './seeded-random.ts';

function meanOf(values: Float64Array): (indices: Int32Array) => number {
  return (indices) => {
    let sum = 0;
    for (const i of indices) sum += values[i]!;
    return sum / indices.length;
  };
}

describe('block bootstrap', () => {
  it('draws blocks of consecutive indices', () => {
    const random = seededRandom(5);
    const indices = blockBootstrapIndices(100, 10, 'moving-block', random);
    expect(indices).toHaveLength(100);
    for (let block = 0; block < 10; block++) {
      for (let i = 1; i < 10; i++) expect(indices[block * 10 + i], 'a moving block runs on consecutive days').toBe(indices[block * 10 + i - 1]! + 1);
    }
    const stationary = blockBootstrapIndices(1000, 20, 'stationary', random);
    let restarts = 0;
    for (let i = 1; i < stationary.length; i++) if (stationary[i] !== (stationary[i - 1]! + 1) % 1000) restarts++;
    expect(restarts, 'stationary blocks restart with probability 1/20').toBeGreaterThan(25);
    expect(restarts).toBeLessThan(80);
  });

  it('estimates the standard error of a mean under autocorrelation, where the iid bootstrap cannot', () => {
    const random = seededRandom(9);
    const n = 4000;
    const phi = 0.5;
    const values = new Float64Array(n);
    for (let t = 1; t < n; t++) values[t] = phi * values[t - 1]! + random.normal();
    // The mean of an AR(1) has standard error ≈ σ / ((1 − φ) √n).
    const truth = 1 / ((1 - phi) * Math.sqrt(n));
    const blocks = blockBootstrap(n, meanOf(values), { seed: 1, replicates: 1000, blockLength: 40 });
    const iid = blockBootstrap(n, meanOf(values), { seed: 1, replicates: 1000, blockLength: 1, method: 'moving-block' });
    expect(blocks.standardError! / truth, 'blocks keep the dependence').toBeGreaterThan(0.8);
    expect(blocks.standardError! / truth).toBeLessThan(1.2);
    expect(iid.standardError! / truth, 'resampling single days understates it by √((1 − φ)/(1 + φ))').toBeLessThan(0.7);
    expect(blocks.interval![0]).toBeLessThan(blocks.estimate!);
    expect(blocks.interval![1]).toBeGreaterThan(blocks.estimate!);
  });

  it('is reproducible from its seed', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i));
    const a = blockBootstrap(200, meanOf(values), { seed: 77, replicates: 50 });
    const b = blockBootstrap(200, meanOf(values), { seed: 77, replicates: 50 });
    expect(Array.from(a.replicates)).toEqual(Array.from(b.replicates));
  });
});
