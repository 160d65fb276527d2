/**
 * A simulated market for the readiness score's statistics: altcoin seasons at random times, an
 * ASI that climbs into each one, and the other components' inputs as random walks or AR(1)
 * noise unrelated to the seasons — except, when `plantedLead` is set, the Fear & Greed signal,
 * which rises `plantedLead` days before each season start by `plantedEffect` standard deviations
 * (the planted leading component). Ground truth: the season starts. Pure and seeded.
 */
import { seededRandom } from '../analytics/stats/seeded-random.ts';
import type { DailyValues } from '../analytics/signals/daily-values.ts';
import type { ReadinessSources } from '../analytics/readiness/readiness-components.ts';
import type { ReadinessTargets } from '../analytics/readiness/readiness-targets.ts';

export interface ReadinessMarketOptions {
  seed: number;
  /** Days simulated (default 3,650). */
  days?: number;
  /** Days the planted component leads each season start (0 or absent: no planted link). */
  plantedLead?: number;
  /** Size of the planted rise, in the signal's noise standard deviations (default 1.5). */
  plantedEffect?: number;
  /** Mean days between seasons (default 400). */
  meanGapDays?: number;
}

export interface ReadinessMarket {
  sources: ReadinessSources;
  targets: ReadinessTargets;
  firstDay: number;
  lastDay: number;
}

const FIRST_DAY = 17_000;

function ar1(random: ReturnType<typeof seededRandom>, n: number, phi: number, sd: number, mean = 0): Float64Array {
  const out = new Float64Array(n);
  let x = 0;
  for (let i = 0; i < n; i++) {
    x = phi * x + sd * random.normal();
    out[i] = mean + x;
  }
  return out;
}

export function simulateReadinessMarket(options: ReadinessMarketOptions): ReadinessMarket {
  const random = seededRandom(options.seed);
  const n = options.days ?? 3650;
  const gap = options.meanGapDays ?? 400;
  const seasons: { start: number; end: number }[] = [];
  for (let i = 200 + Math.floor(random.uniform() * gap); i < n - 30; ) {
    const length = 20 + Math.floor(random.uniform() * 80);
    seasons.push({ start: FIRST_DAY + i, end: FIRST_DAY + Math.min(n - 1, i + length - 1) });
    i += length + 60 + Math.floor(-Math.log(1 - random.uniform()) * gap);
  }
  // ASI: AR(1) noise around 40, ramping up over the 20 days before a season, ≥ 75 inside it.
  const noise = ar1(random, n, 0.95, 3);
  const asi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const day = FIRST_DAY + i;
    const inside = seasons.find((s) => day >= s.start && day <= s.end);
    const next = seasons.find((s) => s.start > day);
    const ramp = next && next.start - day <= 20 ? (20 - (next.start - day)) * 1.2 : 0;
    asi[i] = inside ? Math.min(100, 80 + Math.abs(noise[i]!)) : Math.max(0, Math.min(72, 40 + noise[i]! + ramp));
  }
  const walk = (start: number, sd: number) => {
    const out = new Float64Array(n);
    let x = Math.log(start);
    for (let i = 0; i < n; i++) {
      x += sd * random.normal();
      out[i] = Math.exp(x);
    }
    return out;
  };
  const btcd = ar1(random, n, 0.995, 0.4, 55).map((v) => Math.min(75, Math.max(35, v)));
  const btcCap = walk(5e11, 0.03);
  const total2 = walk(3e11, 0.035);
  const ethBtc = walk(0.05, 0.02);
  const fear = ar1(random, n, 0.9, 8, 50);
  const lead = options.plantedLead ?? 0;
  if (lead > 0) {
    const rise = (options.plantedEffect ?? 1.5) * (8 / Math.sqrt(1 - 0.9 ** 2));
    for (const s of seasons) for (let d = s.start - lead; d < s.start; d++) if (d - FIRST_DAY >= 0) fear[d - FIRST_DAY]! += rise;
  }
  const funding = ar1(random, n, 0.9, 5, 10);
  const rutDays: number[] = [];
  const rutValues: number[] = [];
  const rut = walk(1500, 0.012);
  for (let i = 0; i < n; i++) {
    if ((FIRST_DAY + i + 4) % 7 < 5) {
      rutDays.push(FIRST_DAY + i);
      rutValues.push(rut[i]!);
    }
  }
  const daily = (values: Float64Array): DailyValues => ({ firstDay: FIRST_DAY, values });
  const sources: ReadinessSources = {
    asi: daily(asi),
    btcDominancePct: daily(btcd),
    total2Usd: daily(total2),
    btcCapUsd: daily(btcCap),
    ethBtc: daily(ethBtc),
    rutCloses: { days: Int32Array.from(rutDays), values: Float64Array.from(rutValues) },
    signals: { fear_greed: daily(fear), funding_annualised_btc: daily(funding) },
  };
  const lastDay = FIRST_DAY + n - 1;
  const targets: ReadinessTargets = {
    firstDay: FIRST_DAY,
    lastDay,
    seasons,
    seasonStarts: seasons.map((s) => s.start),
    confirmDays: 3,
    altOverBtc: daily(total2.map((v, i) => Math.log(v / btcCap[i]!))),
  };
  return { sources, targets, firstDay: FIRST_DAY, lastDay };
}
