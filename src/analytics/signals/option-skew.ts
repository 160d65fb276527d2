/**
 * The 25-delta risk reversal and butterfly at a constant 30-day maturity from one option-chain
 * snapshot (../shared/PROVIDERS.md, "25-delta risk reversal and butterfly"):
 * 1. per expiry, forward F (the chain's underlying price for it), T = (expiry − snapshot) / 365 d,
 *    σ = mark IV / 100; Black-76 undiscounted forward delta d1 = [ln(F/K) + ½σ²T] / (σ√T),
 *    Δcall = N(d1), Δput = N(d1) − 1 (not premium-adjusted; stated in the output);
 * 2. OTM options only (calls K ≥ F, puts K ≤ F); IV interpolated linearly in delta between the two
 *    strikes that bracket +0.25 (calls) and −0.25 (puts): no bracket → the expiry is unusable;
 * 3. ATM IV at K = F, linear in ln(K/F) between the nearest OTM strikes below and above F;
 * 4. per expiry RR25 = IV25c − IV25p, BF25 = ½(IV25c + IV25p) − ATM;
 * 5. 30 days: each pillar interpolated in total variance w = σ²T between the usable expiries
 *    T1 ≤ τ ≤ T2 nearest to it; with one side missing, the nearest usable expiry flat in vol, flagged.
 */
import { normalCdf } from '../stats/normal-distribution.ts';

const YEAR_MS = 365 * 86_400_000;

export interface ChainOption {
  expiryMs: number;
  strike: number;
  type: 'call' | 'put';
  /** Mark implied volatility in percent. */
  markIv: number;
  /** The forward the exchange used for this option's expiry (Deribit: underlying_price). */
  forward: number;
}

export interface SkewOptions {
  /** Constant maturity in days (default 30). */
  targetDays?: number;
  /** Expiries closer than this are dropped (default 2 days). */
  minDays?: number;
  /** |delta| of the wings (default 0.25). */
  delta?: number;
}

export interface ExpirySkew {
  expiryMs: number;
  years: number;
  forward: number;
  iv25Call: number;
  iv25Put: number;
  atmIv: number;
  riskReversal: number;
  butterfly: number;
}

export interface ChainSkew {
  /** Pillars at the constant maturity, in vol points (percent). */
  iv25Call: number;
  iv25Put: number;
  atmIv: number;
  riskReversal: number;
  butterfly: number;
  /** The expiries the constant-maturity figures come from (one when flat). */
  expiries: ExpirySkew[];
  /** 'interpolated' (total variance between two expiries), or 'flat-nearest' (one side missing). */
  method: 'interpolated' | 'flat-nearest';
  delta: 'forward, not premium-adjusted';
}

/** Black-76 undiscounted forward delta of a call (put = call − 1). */
export function black76CallDelta(forward: number, strike: number, years: number, vol: number): number {
  const sd = vol * Math.sqrt(years);
  return normalCdf((Math.log(forward / strike) + 0.5 * sd * sd) / sd);
}

function interpolate(x: number, x0: number, y0: number, x1: number, y1: number): number {
  return x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** IV at `target` delta by linear interpolation between the two points that bracket it, or null. */
function ivAtDelta(points: { delta: number; iv: number }[], target: number): number | null {
  const sorted = [...points].sort((a, b) => a.delta - b.delta);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.delta <= target && target <= b.delta) return interpolate(target, a.delta, a.iv, b.delta, b.iv);
  }
  return null;
}

/** The skew of one expiry, or null when a wing or the ATM point has no bracket. */
export function expirySkew(options: readonly ChainOption[], snapshotMs: number, wing = 0.25): ExpirySkew | null {
  if (options.length === 0) return null;
  const expiryMs = options[0]!.expiryMs;
  const years = (expiryMs - snapshotMs) / YEAR_MS;
  if (!(years > 0)) return null;
  const forwards = options.map((o) => o.forward).sort((a, b) => a - b);
  const forward = forwards[Math.floor(forwards.length / 2)]!;
  const otm = options.filter((o) => o.markIv > 0 && o.strike > 0 && (o.type === 'call' ? o.strike >= forward : o.strike <= forward));
  const calls = otm.filter((o) => o.type === 'call').map((o) => ({ delta: black76CallDelta(forward, o.strike, years, o.markIv / 100), iv: o.markIv, strike: o.strike }));
  const puts = otm.filter((o) => o.type === 'put').map((o) => ({ delta: black76CallDelta(forward, o.strike, years, o.markIv / 100) - 1, iv: o.markIv, strike: o.strike }));
  const iv25Call = ivAtDelta(calls, wing);
  const iv25Put = ivAtDelta(puts, -wing);
  if (iv25Call === null || iv25Put === null) return null;
  const below = puts.filter((p) => p.strike <= forward).sort((a, b) => b.strike - a.strike)[0];
  const above = calls.filter((c) => c.strike >= forward).sort((a, b) => a.strike - b.strike)[0];
  if (!below || !above) return null;
  const atmIv = interpolate(0, Math.log(below.strike / forward), below.iv, Math.log(above.strike / forward), above.iv);
  return { expiryMs, years, forward, iv25Call, iv25Put, atmIv, riskReversal: iv25Call - iv25Put, butterfly: (iv25Call + iv25Put) / 2 - atmIv };
}

/** The constant-maturity 25-delta skew of a chain snapshot, or null when no expiry is usable. */
export function chainSkew(chain: readonly ChainOption[], snapshotMs: number, options: SkewOptions = {}): ChainSkew | null {
  const tau = (options.targetDays ?? 30) / 365;
  const minYears = (options.minDays ?? 2) / 365;
  const byExpiry = new Map<number, ChainOption[]>();
  for (const o of chain) {
    if (!Number.isFinite(o.markIv) || !Number.isFinite(o.forward) || o.forward <= 0) continue;
    const list = byExpiry.get(o.expiryMs) ?? [];
    list.push(o);
    byExpiry.set(o.expiryMs, list);
  }
  const usable = [...byExpiry.values()]
    .map((list) => expirySkew(list, snapshotMs, options.delta ?? 0.25))
    .filter((e): e is ExpirySkew => e !== null && e.years >= minYears)
    .sort((a, b) => a.years - b.years);
  if (usable.length === 0) return null;
  const near = usable.filter((e) => e.years <= tau).pop();
  const far = usable.find((e) => e.years >= tau);
  const pillars = (e: ExpirySkew) => [e.iv25Call, e.iv25Put, e.atmIv];
  let values: number[];
  let expiries: ExpirySkew[];
  let method: ChainSkew['method'];
  if (near && far && near !== far) {
    const [a, b] = [pillars(near), pillars(far)];
    values = a.map((s1, i) => {
      const w1 = (s1 / 100) ** 2 * near.years;
      const w2 = (b[i]! / 100) ** 2 * far.years;
      const w = w1 + ((w2 - w1) * (tau - near.years)) / (far.years - near.years);
      return Math.sqrt(w / tau) * 100;
    });
    expiries = [near, far];
    method = 'interpolated';
  } else {
    const only = near && far ? near : (near ?? far)!;
    values = pillars(only);
    expiries = [only];
    method = near && far ? 'interpolated' : 'flat-nearest';
  }
  const [iv25Call, iv25Put, atmIv] = values as [number, number, number];
  return { iv25Call, iv25Put, atmIv, riskReversal: iv25Call - iv25Put, butterfly: (iv25Call + iv25Put) / 2 - atmIv, expiries, method, delta: 'forward, not premium-adjusted' };
}
