/**
 * The skew on a hand-made chain: strikes are placed at known Black-76 deltas (computed here with
 * an independent normal CDF, erf by its Taylor series, inverted by bisection), so the 25-delta
 * points, the ATM point and the 30-day blend are known exactly.
 */
import { describe, expect, it } from 'vitest';
import { black76CallDelta, chainSkew, type ChainOption } from './option-skew.ts';

const DAY = 86_400_000;
const F = 50_000;
const SNAPSHOT = 1_700_000_000_000;

/** Φ(x) from erf's Taylor series (exact to ~1e-15 for |x| < 4). */
function phi(x: number): number {
  const z = x / Math.SQRT2;
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= (-z * z) / n;
    sum += term / (2 * n + 1);
  }
  return 0.5 * (1 + (2 / Math.sqrt(Math.PI)) * sum);
}
function phiInverse(p: number): number {
  let lo = -8;
  let hi = 8;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (phi(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
/** The strike whose Black-76 call delta is `callDelta` at vol `iv` (percent): K = F·exp(−d1σ√T + ½σ²T). */
function strikeAt(callDelta: number, iv: number, years: number): number {
  const sd = (iv / 100) * Math.sqrt(years);
  return F * Math.exp(-phiInverse(callDelta) * sd + 0.5 * sd * sd);
}

interface Smile {
  days: number;
  calls: [number, number][];
  puts: [number, number][];
}
function expiry({ days, calls, puts }: Smile): ChainOption[] {
  const years = days / 365;
  const expiryMs = SNAPSHOT + days * DAY;
  return [
    ...calls.map(([delta, iv]) => ({ expiryMs, strike: strikeAt(delta, iv, years), type: 'call' as const, markIv: iv, forward: F })),
    // A put's delta is N(d1) − 1: its strike is the call-delta strike of 1 + Δput.
    ...puts.map(([delta, iv]) => ({ expiryMs, strike: strikeAt(1 + delta, iv, years), type: 'put' as const, markIv: iv, forward: F })),
  ];
}
const NEAR: Smile = { days: 20, calls: [[0.45, 50], [0.35, 51], [0.3, 52], [0.2, 55], [0.1, 60]], puts: [[-0.45, 52], [-0.35, 54], [-0.3, 56], [-0.2, 60], [-0.1, 66]] };
const FAR: Smile = { days: 45, calls: [[0.45, 54], [0.3, 55], [0.2, 57], [0.1, 61]], puts: [[-0.45, 55], [-0.3, 58], [-0.2, 61], [-0.1, 65]] };

/** What the chain should give for a smile: IV25 by linear interpolation in delta, ATM in ln(K/F). */
function pillars(s: Smile) {
  const lerp = (x: number, [x0, y0]: [number, number], [x1, y1]: [number, number]) => y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  const call = (d: number) => s.calls.find((c) => c[0] === d)!;
  const put = (d: number) => s.puts.find((p) => p[0] === d)!;
  const years = s.days / 365;
  const kc = strikeAt(0.45, call(0.45)[1], years);
  const kp = strikeAt(1 - 0.45, put(-0.45)[1], years);
  return {
    iv25Call: lerp(0.25, call(0.3), call(0.2)),
    iv25Put: lerp(-0.25, put(-0.3), put(-0.2)),
    atmIv: lerp(0, [Math.log(kp / F), put(-0.45)[1]], [Math.log(kc / F), call(0.45)[1]]),
  };
}

describe('25-delta skew at 30 days from a chain', () => {
  it('the delta is Black-76 on the forward', () => {
    const years = 30 / 365;
    const k = strikeAt(0.25, 60, years);
    expect(black76CallDelta(F, k, years, 0.6)).toBeCloseTo(0.25, 12);
  });

  it('blends the two nearest expiries in total variance', () => {
    // Noise the method must ignore: in-the-money options, a zero IV, and an expiry under 2 days.
    const noise: ChainOption[] = [
      { expiryMs: SNAPSHOT + 20 * DAY, strike: 40_000, type: 'call', markIv: 99, forward: F },
      { expiryMs: SNAPSHOT + 20 * DAY, strike: 60_000, type: 'put', markIv: 99, forward: F },
      { expiryMs: SNAPSHOT + 20 * DAY, strike: 52_000, type: 'call', markIv: 0, forward: F },
      ...expiry({ days: 1, calls: [[0.45, 90], [0.1, 95]], puts: [[-0.45, 90], [-0.1, 95]] }),
    ];
    const skew = chainSkew([...expiry(NEAR), ...expiry(FAR), ...noise], SNAPSHOT)!;
    const a = pillars(NEAR);
    const b = pillars(FAR);
    const [t1, t2, tau] = [20 / 365, 45 / 365, 30 / 365];
    const blend = (s1: number, s2: number) => {
      const w1 = (s1 / 100) ** 2 * t1;
      const w2 = (s2 / 100) ** 2 * t2;
      return 100 * Math.sqrt((w1 + ((w2 - w1) * (tau - t1)) / (t2 - t1)) / tau);
    };
    const c = blend(a.iv25Call, b.iv25Call);
    const p = blend(a.iv25Put, b.iv25Put);
    const atm = blend(a.atmIv, b.atmIv);
    expect(skew.method).toBe('interpolated');
    expect(skew.expiries.map((e) => Math.round((e.expiryMs - SNAPSHOT) / DAY))).toEqual([20, 45]);
    expect(skew.expiries[0]!.iv25Call).toBeCloseTo(53.5, 6);
    expect(skew.expiries[0]!.iv25Put).toBeCloseTo(58, 6);
    expect(skew.iv25Call).toBeCloseTo(c, 6);
    expect(skew.iv25Put).toBeCloseTo(p, 6);
    expect(skew.atmIv).toBeCloseTo(atm, 6);
    expect(skew.riskReversal).toBeCloseTo(c - p, 6);
    expect(skew.butterfly).toBeCloseTo((c + p) / 2 - atm, 6);
  });

  it('uses the nearest expiry flat in vol when the chain misses the one beyond 30 days, and says so', () => {
    const skew = chainSkew(expiry(NEAR), SNAPSHOT)!;
    const a = pillars(NEAR);
    expect(skew.method).toBe('flat-nearest');
    expect(skew.expiries).toHaveLength(1);
    expect(skew.iv25Call).toBeCloseTo(a.iv25Call, 6);
    expect(skew.riskReversal).toBeCloseTo(a.iv25Call - a.iv25Put, 6);
    expect(skew.butterfly).toBeCloseTo((a.iv25Call + a.iv25Put) / 2 - a.atmIv, 6);
  });

  it('skips an expiry without a strike on each side of 25 delta, and gives null for no usable expiry', () => {
    const unbracketed = expiry({ days: 35, calls: [[0.45, 70], [0.35, 71]], puts: [[-0.45, 70], [-0.1, 80]] });
    const skew = chainSkew([...expiry(NEAR), ...unbracketed], SNAPSHOT)!;
    expect(skew.method).toBe('flat-nearest');
    expect(skew.iv25Call).toBeCloseTo(pillars(NEAR).iv25Call, 6);
    expect(chainSkew(unbracketed, SNAPSHOT)).toBeNull();
    expect(chainSkew([], SNAPSHOT)).toBeNull();
  });
});
