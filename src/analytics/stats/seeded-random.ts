/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded through splitmix32) so that every
 * random procedure in the statistics (bootstraps, placebos, the simulated market) is reproducible
 * from one integer seed, independent of the platform's Math.random.
 */
import { InvalidInputError } from '../../domain/errors.ts';

export interface SeededRandom {
  readonly seed: number;
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform integer on 0 … maxExclusive − 1. */
  integer(maxExclusive: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Gamma(shape, 1) (Marsaglia–Tsang). */
  gamma(shape: number): number;
  /** Student t with `degreesOfFreedom` (> 0), not rescaled. */
  studentT(degreesOfFreedom: number): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seededRandom(seed: number): SeededRandom {
  if (!Number.isFinite(seed)) throw new InvalidInputError(`seed: expected a finite number, got ${seed}`);
  // Mix both 32-bit halves of the seed so that large integer seeds stay distinct.
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  const mix = splitmix32(low ^ Math.imul(high, 0x27d4eb2d));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  if ((a | b | c | d) === 0) a = 1;

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  const uniform = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  let spareNormal: number | null = null;
  const normal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    let u = uniform();
    while (u === 0) u = uniform();
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  const gamma = (shape: number): number => {
    if (!(shape > 0)) throw new InvalidInputError(`gamma shape must be > 0, got ${shape}`);
    if (shape < 1) {
      // Boost a shape below 1 (Marsaglia–Tsang, section 6).
      let u = uniform();
      while (u === 0) u = uniform();
      return gamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x ** 4) return dd * v;
      if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
    }
  };
  return {
    seed,
    uniform,
    integer: (maxExclusive: number) => {
      if (!(maxExclusive >= 1)) throw new InvalidInputError(`integer(max): max must be ≥ 1, got ${maxExclusive}`);
      return Math.floor(uniform() * maxExclusive);
    },
    normal,
    gamma,
    studentT: (degreesOfFreedom: number) => normal() / Math.sqrt((2 * gamma(degreesOfFreedom / 2)) / degreesOfFreedom),
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
