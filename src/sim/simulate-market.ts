/**
 * A simulated market: the demo data for users without data, and the ground truth that proves the
 * statistics work (a planted link must be found; no link must mostly not be "found").
 *
 * Pure and seeded: the same options give the same market, byte for byte. Model, per UTC day:
 * - Regimes: a two-state Markov chain (bitcoin season / altcoin season) with mean durations of
 *   180 and 90 days; the regime sets the drift of the common alt-versus-BTC factor.
 * - Shocks: Student-t innovations (fat tails) rescaled to unit variance, with GARCH(1,1)
 *   volatility σ²[t] = ω + α ε²[t−1] + β σ²[t−1] (volatility clustering), ω set so that the
 *   unconditional variance is the target one.
 * - BTC: drift + GARCH-t shock + a share of the same-day equity factor on exchange days.
 * - Alt i: β_i × BTC + common alt factor a[t] + its own GARCH-t shock (+ a decline before a delisting).
 * - Equities on weekdays only (holidays are ignored): the S&P 500 is the equity factor; the
 *   Russell 2000 is 1.2 × the factor plus its own shock.
 * - Planted link (optional): with x[t] the Russell 2000 log return carried to crypto days (the
 *   exchange day's return on weekdays, 0 on weekends), a[t] gets E·σ_a·x[t − L] / sd(x) and its
 *   own shock is scaled by √(1 − E²), so corr(x[t − L], a[t]) ≈ E.
 * - Market caps: circulating supply × price, supply growing at a per-asset rate.
 * - Planted rotation (optional, `rotation`): alt 1 is ETH and the alts are sized in tiers (ETH;
 *   2–10 large; 11–50 mid; the rest small; all listed from the first day, none delisted); each
 *   tier k adds a factor g_k to its alts' daily log returns, g_ETH white noise with sd σ_g and
 *   g_k[t] = E·g_{k−1}[t − L] + √(1 − E²)·σ_g·e_k[t], so ETH's excess return leads the large caps'
 *   by L days, which lead the mid caps', which lead the small caps'. E = 0 plants none (the null).
 */
import { addDays, isoDateOf, parseDay, weekdayOf, type DayNumber, type IsoDate } from '../domain/dates.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { seededRandom, type SeededRandom } from '../analytics/stats/seeded-random.ts';

export type SimulatedRegime = 'bitcoin-season' | 'altcoin-season';

export interface SimulateMarketOptions {
  seed: number;
  /** Default 8. */
  years?: number;
  /** Number of alts; default 40. */
  assets?: number;
  /** Days by which Russell 2000 returns lead alt-minus-BTC returns; default 20. */
  leadDays?: number;
  /** Strength E of the planted link, a correlation in [0, 1); 0 (the default) plants no link. */
  effect?: number;
  /** Default 2017-01-01. */
  startDate?: string;
  /** Plant a rotation ETH → large → mid → small caps (see the model above); null/absent plants none. */
  rotation?: PlantedRotationOptions | null;
}

export interface PlantedRotationOptions {
  /** Days by which each tier's factor leads the next one's. */
  lagDays: number;
  /** Strength E in [0, 1): the correlation of a tier's factor with the previous tier's L days earlier; 0 = tiers only, no lead. */
  effect: number;
}

/** Daily sd σ_g of the planted tier factors. */
export const ROTATION_FACTOR_SIGMA = 0.03;
/** Where the planted tiers end (alt numbers, 1-based, ETH = 1), as the rotation analytics' defaults. */
const ROTATION_TIER_ENDS = { large: 10, mid: 50 };

export interface SimulatedAsset {
  id: string;
  symbol: string;
  name: string;
  /** Index into `days` of the first and last listed day (inclusive). */
  firstIndex: number;
  lastIndex: number;
  /** Per day of `days`; NaN outside the listing. */
  prices: Float64Array;
  marketCaps: Float64Array;
  volumes: Float64Array;
  /** Rank by market cap among the assets listed that day (1 = largest); 0 when not listed. */
  ranks: Int32Array;
}

export interface SimulatedEquity {
  symbol: '^RUT' | '^GSPC';
  name: string;
  /** Weekdays only. */
  days: Int32Array;
  closes: Float64Array;
}

export interface GarchParameters {
  /** Unconditional daily standard deviation. */
  sigma: number;
  alpha: number;
  beta: number;
  /** Degrees of freedom of the Student-t innovations. */
  degreesOfFreedom: number;
}

export interface SimulationGroundTruth {
  simulated: true;
  generator: string;
  seed: number;
  years: number;
  assets: number;
  startDate: IsoDate;
  endDate: IsoDate;
  leadDays: number;
  effect: number;
  plantedLink: { driver: string; target: string; leadDays: number; effect: number; meaning: string } | null;
  /** The planted rotation, or null (older ground truths lack the field). */
  plantedRotation?: { order: string[]; lagDays: number; effect: number; factorSigma: number; meaning: string } | null;
  parameters: {
    regimeMeanDays: Record<SimulatedRegime, number>;
    altFactorDriftPerDay: Record<SimulatedRegime, number>;
    bitcoin: GarchParameters & { driftPerDay: number; equityLoading: number };
    altFactor: GarchParameters;
    altIdiosyncratic: GarchParameters & { sigmaRange: [number, number]; betaRange: [number, number] };
    equityFactor: GarchParameters & { driftPerDay: number };
    russellLoading: number;
    russellIdiosyncraticSigma: number;
  };
  regimes: { regime: SimulatedRegime; from: IsoDate; to: IsoDate }[];
  listings: { id: string; symbol: string; listed: IsoDate; delisted: IsoDate | null }[];
  notes: string[];
}

export interface SimulatedMarket {
  groundTruth: SimulationGroundTruth;
  /** Every UTC day of the simulation. */
  days: Int32Array;
  /** Regime per day of `days`. */
  regimes: SimulatedRegime[];
  bitcoin: SimulatedAsset;
  alts: SimulatedAsset[];
  equities: SimulatedEquity[];
}

const GENERATOR = 'altseason simulateMarket v1';
const REGIME_MEAN_DAYS: Record<SimulatedRegime, number> = { 'bitcoin-season': 180, 'altcoin-season': 90 };
const ALT_DRIFT: Record<SimulatedRegime, number> = { 'bitcoin-season': -0.0015, 'altcoin-season': 0.004 };
const BITCOIN = { sigma: 0.035, alpha: 0.08, beta: 0.9, degreesOfFreedom: 4, driftPerDay: 0.0008, equityLoading: 0.5 };
const ALT_FACTOR = { sigma: 0.02, alpha: 0.08, beta: 0.9, degreesOfFreedom: 4 };
const ALT_IDIOSYNCRATIC = { sigma: 0.045, alpha: 0.06, beta: 0.9, degreesOfFreedom: 4, sigmaRange: [0.03, 0.06] as [number, number], betaRange: [0.8, 1.4] as [number, number] };
const IDIOSYNCRATIC_REVERSION_PER_DAY = Math.LN2 / 365;
const ALT_LEVEL_REVERSION_PER_DAY = Math.LN2 / 365;
const EQUITY_FACTOR = { sigma: 0.01, alpha: 0.1, beta: 0.87, degreesOfFreedom: 5, driftPerDay: 0.0003 };
const RUSSELL_LOADING = 1.2;
const RUSSELL_IDIOSYNCRATIC_SIGMA = 0.006;

/** A GARCH(1,1) process with unit-variance Student-t innovations. */
class GarchShock {
  private variance: number;
  private readonly omega: number;
  private readonly tScale: number;
  constructor(
    private readonly random: SeededRandom,
    private readonly parameters: GarchParameters,
  ) {
    this.variance = parameters.sigma ** 2;
    this.omega = parameters.sigma ** 2 * (1 - parameters.alpha - parameters.beta);
    this.tScale = Math.sqrt((parameters.degreesOfFreedom - 2) / parameters.degreesOfFreedom);
  }
  next(): number {
    const shock = Math.sqrt(this.variance) * this.random.studentT(this.parameters.degreesOfFreedom) * this.tScale;
    // Cap the feedback of a single extreme t draw so one shock cannot explode the variance.
    const squared = Math.min(shock * shock, 25 * this.parameters.sigma ** 2);
    this.variance = this.omega + this.parameters.alpha * squared + this.parameters.beta * this.variance;
    return shock;
  }
}

function checkOptions(options: SimulateMarketOptions): Required<SimulateMarketOptions> {
  const resolved = { years: 8, assets: 40, leadDays: 20, effect: 0, startDate: '2017-01-01', rotation: null, ...options };
  if (resolved.rotation) {
    const { lagDays, effect } = resolved.rotation;
    if (!(Number.isInteger(lagDays) && lagDays >= 1 && lagDays <= 180)) throw new InvalidInputError(`--rotation-lag: expected a whole number of days 1 … 180, got ${lagDays}`);
    if (!(effect >= 0 && effect < 1)) throw new InvalidInputError(`--rotation-effect: expected a correlation in [0, 1), got ${effect}`);
    if (resolved.assets < ROTATION_TIER_ENDS.mid + 10) throw new InvalidInputError(`--assets: a planted rotation needs at least ${ROTATION_TIER_ENDS.mid + 10} alts (ETH, large, mid and small caps), got ${resolved.assets}`);
  }
  const { seed, years, assets, leadDays, effect } = resolved;
  if (!Number.isInteger(seed)) throw new InvalidInputError(`--seed: expected a whole number, got ${seed}`);
  if (!(years >= 1 && years <= 50)) throw new InvalidInputError(`--years: expected 1 … 50, got ${years}`);
  if (!(Number.isInteger(assets) && assets >= 1 && assets <= 1000)) throw new InvalidInputError(`--assets: expected a whole number 1 … 1000, got ${assets}`);
  if (!(Number.isInteger(leadDays) && leadDays >= 1 && leadDays <= 365)) throw new InvalidInputError(`--lead-days: expected a whole number 1 … 365, got ${leadDays}`);
  if (!(effect >= 0 && effect < 1)) throw new InvalidInputError(`--effect: expected a correlation in [0, 1), got ${effect}`);
  parseDay(resolved.startDate, 'startDate');
  return resolved;
}

export function simulateMarket(options: SimulateMarketOptions): SimulatedMarket {
  const { seed, years, assets, leadDays, effect, startDate, rotation } = checkOptions(options);
  // Separate streams so that changing one part (e.g. the number of alts) leaves the others as they were.
  const regimeRandom = seededRandom(seed * 16 + 1);
  const equityRandom = seededRandom(seed * 16 + 2);
  const bitcoinRandom = seededRandom(seed * 16 + 3);
  const altFactorRandom = seededRandom(seed * 16 + 4);

  const start = parseDay(startDate, 'startDate');
  const dayCount = Math.round(years * 365.25);
  const days = Int32Array.from({ length: dayCount }, (_, i) => start + i);

  // Regimes.
  const regimes: SimulatedRegime[] = [];
  let regime: SimulatedRegime = 'bitcoin-season';
  for (let t = 0; t < dayCount; t++) {
    if (t > 0 && regimeRandom.uniform() < 1 / REGIME_MEAN_DAYS[regime]) regime = regime === 'bitcoin-season' ? 'altcoin-season' : 'bitcoin-season';
    regimes.push(regime);
  }

  // Equities on weekdays; their returns carried to crypto days (0 on weekends).
  const equityFactor = new GarchShock(equityRandom, EQUITY_FACTOR);
  const equityDays: number[] = [];
  const spx: number[] = [];
  const rut: number[] = [];
  const equityFactorByDay = new Float64Array(dayCount);
  const russellReturnByDay = new Float64Array(dayCount);
  let spxLevel = 2250;
  let rutLevel = 1350;
  for (let t = 0; t < dayCount; t++) {
    const weekday = weekdayOf(days[t]! as DayNumber);
    if (weekday === 0 || weekday === 6) continue;
    if (equityDays.length > 0) {
      const factor = EQUITY_FACTOR.driftPerDay + equityFactor.next();
      const russell = RUSSELL_LOADING * factor + RUSSELL_IDIOSYNCRATIC_SIGMA * equityRandom.studentT(5) * Math.sqrt(3 / 5);
      spxLevel *= Math.exp(factor);
      rutLevel *= Math.exp(russell);
      equityFactorByDay[t] = factor;
      russellReturnByDay[t] = russell;
    }
    equityDays.push(days[t]!);
    spx.push(spxLevel);
    rut.push(rutLevel);
  }
  let sumSquares = 0;
  let sum = 0;
  for (let t = 0; t < dayCount; t++) {
    sum += russellReturnByDay[t]!;
    sumSquares += russellReturnByDay[t]! ** 2;
  }
  const russellSd = Math.sqrt(Math.max(sumSquares / dayCount - (sum / dayCount) ** 2, 1e-300));
  const russellMean = sum / dayCount;

  // BTC.
  const bitcoinShock = new GarchShock(bitcoinRandom, BITCOIN);
  const bitcoinReturns = new Float64Array(dayCount);
  for (let t = 1; t < dayCount; t++) bitcoinReturns[t] = BITCOIN.driftPerDay + bitcoinShock.next() + BITCOIN.equityLoading * equityFactorByDay[t]!;

  // The common alt-versus-BTC factor, with the planted link.
  const altShock = new GarchShock(altFactorRandom, ALT_FACTOR);
  const residualScale = Math.sqrt(1 - effect * effect);
  const altFactor = new Float64Array(dayCount);
  // Its cumulative level mean-reverts (half-life ~1 year), so BTC dominance swings with the
  // regimes instead of drifting to 0 % or 100 % over the years; daily increments keep the link.
  let altLevel = 0;
  for (let t = 1; t < dayCount; t++) {
    const link = effect > 0 && t >= leadDays ? (effect * ALT_FACTOR.sigma * (russellReturnByDay[t - leadDays]! - russellMean)) / russellSd : 0;
    const nextLevel = altLevel * (1 - ALT_LEVEL_REVERSION_PER_DAY) + ALT_DRIFT[regimes[t]!] + link + residualScale * altShock.next();
    altFactor[t] = nextLevel - altLevel;
    altLevel = nextLevel;
  }

  // The planted rotation's tier factors (own stream: the rest of the market is as without it).
  const tierFactors = rotation ? plantTierFactors(seededRandom(seed * 16 + 5), dayCount, rotation) : null;
  const tierOf = (i: number) => (i === 0 ? 0 : i < ROTATION_TIER_ENDS.large ? 1 : i < ROTATION_TIER_ENDS.mid ? 2 : 3);

  // BTC supply (about 16.1 M coins at the start of 2017, +0.9 M a year, capped at 21 M).
  const bitcoinPrices = new Float64Array(dayCount);
  const bitcoinCaps = new Float64Array(dayCount);
  const bitcoinVolumes = new Float64Array(dayCount);
  let bitcoinPrice = 2500; // about BTC's price in mid-2017, so BTC.D starts near its real level
  for (let t = 0; t < dayCount; t++) {
    bitcoinPrice *= Math.exp(bitcoinReturns[t]!);
    const supply = Math.min(21e6, 16.1e6 + (0.9e6 * t) / 365);
    bitcoinPrices[t] = bitcoinPrice;
    bitcoinCaps[t] = supply * bitcoinPrice;
    bitcoinVolumes[t] = bitcoinCaps[t]! * 0.03 * Math.exp(0.4 * bitcoinRandom.normal() + 8 * Math.abs(bitcoinReturns[t]!));
  }
  const bitcoin: SimulatedAsset = {
    id: 'bitcoin',
    symbol: 'BTC',
    name: 'Bitcoin',
    firstIndex: 0,
    lastIndex: dayCount - 1,
    prices: bitcoinPrices,
    marketCaps: bitcoinCaps,
    volumes: bitcoinVolumes,
    ranks: new Int32Array(dayCount),
  };

  // Alts with staggered listings and some delistings.
  const alts: SimulatedAsset[] = [];
  const initialCount = Math.max(1, Math.round(assets * 0.4));
  const lastListing = Math.max(31, dayCount - 365);
  for (let i = 0; i < assets; i++) {
    const number = String(i + 1).padStart(3, '0');
    const random = seededRandom(seed * 100_003 + 7919 * (i + 1));
    let firstIndex = i < initialCount ? 0 : Math.min(dayCount - 1, 30 + random.integer(lastListing - 30));
    let lastIndex = dayCount - 1;
    const room = dayCount - 1 - (firstIndex + 180);
    if (random.uniform() < 0.25 && room > 30) lastIndex = firstIndex + 180 + random.integer(room);
    if (tierFactors) {
      firstIndex = 0;
      lastIndex = dayCount - 1;
    }
    const beta = ALT_IDIOSYNCRATIC.betaRange[0] + random.uniform() * (ALT_IDIOSYNCRATIC.betaRange[1] - ALT_IDIOSYNCRATIC.betaRange[0]);
    const sigma = ALT_IDIOSYNCRATIC.sigmaRange[0] + random.uniform() * (ALT_IDIOSYNCRATIC.sigmaRange[1] - ALT_IDIOSYNCRATIC.sigmaRange[0]);
    const shock = new GarchShock(random, { ...ALT_IDIOSYNCRATIC, sigma });
    const inflationPerDay = (random.uniform() * 0.1) / 365;
    const capDraw = random.normal();
    // Planted tiers: caps a decade apart, so the point-in-time ranks keep most alts in their tier.
    const tierCap = [2e10, 4e9, 6e8, 8e7][tierOf(i)]!;
    const startCap = tierFactors ? tierCap * Math.exp(0.3 * capDraw) : (firstIndex === 0 ? 5e8 : 1e8) * Math.exp(1.3 * capDraw);
    const planted = tierFactors ? tierFactors[tierOf(i)]! : null;
    let price = Math.exp(2 * random.normal());
    const startSupply = startCap / price;
    const prices = new Float64Array(dayCount).fill(Number.NaN);
    const caps = new Float64Array(dayCount).fill(Number.NaN);
    const volumes = new Float64Array(dayCount).fill(Number.NaN);
    // The coin's own log-price deviation mean-reverts (half-life ~1 year): windows of 30–365 days
    // keep their dispersion, but no single coin diffuses to dwarf the whole market over the years.
    let deviation = 0;
    for (let t = firstIndex; t <= lastIndex; t++) {
      if (t > firstIndex) {
        // A coin heading for delisting bleeds for its last 120 days.
        const dying = lastIndex < dayCount - 1 && t > lastIndex - 120 ? -0.01 : 0;
        const nextDeviation = deviation * (1 - IDIOSYNCRATIC_REVERSION_PER_DAY) + shock.next();
        price *= Math.exp(beta * bitcoinReturns[t]! + altFactor[t]! + (nextDeviation - deviation) + dying + (planted ? planted[t]! : 0));
        deviation = nextDeviation;
      }
      prices[t] = price;
      caps[t] = startSupply * Math.exp(inflationPerDay * (t - firstIndex)) * price;
      volumes[t] = caps[t]! * 0.05 * Math.exp(0.5 * random.normal());
    }
    const eth = tierFactors !== null && i === 0;
    alts.push({ id: eth ? 'ethereum' : `sim-alt-${number}`, symbol: eth ? 'ETH' : `SIM${number}`, name: eth ? 'Ethereum (simulated)' : `Simulated Alt ${number}`, firstIndex, lastIndex, prices, marketCaps: caps, volumes, ranks: new Int32Array(dayCount) });
  }

  // Ranks by market cap per day among listed assets.
  const everyone = [bitcoin, ...alts];
  for (let t = 0; t < dayCount; t++) {
    const listed = everyone.filter((asset) => t >= asset.firstIndex && t <= asset.lastIndex);
    listed.sort((a, b) => b.marketCaps[t]! - a.marketCaps[t]!);
    listed.forEach((asset, rank) => (asset.ranks[t] = rank + 1));
  }

  const runs: SimulationGroundTruth['regimes'] = [];
  for (let t = 0; t < dayCount; t++) {
    const last = runs[runs.length - 1];
    if (last && last.regime === regimes[t]) last.to = isoDateOf(days[t]! as DayNumber);
    else runs.push({ regime: regimes[t]!, from: isoDateOf(days[t]! as DayNumber), to: isoDateOf(days[t]! as DayNumber) });
  }
  const groundTruth: SimulationGroundTruth = {
    simulated: true,
    generator: rotation ? `${GENERATOR} + planted rotation (lag ${rotation.lagDays} days, effect ${rotation.effect})` : GENERATOR,
    seed,
    years,
    assets,
    startDate: isoDateOf(start),
    endDate: isoDateOf(addDays(start, dayCount - 1)),
    leadDays,
    effect,
    plantedLink:
      effect > 0
        ? {
            driver: '^RUT daily log return, carried to crypto days (0 on weekends)',
            target: 'common alt-versus-BTC factor of every alt’s daily log return',
            leadDays,
            effect,
            meaning: `corr(RUT return on day t − ${leadDays}, alt factor on day t) ≈ ${effect}`,
          }
        : null,
    plantedRotation: rotation
      ? {
          order: ['ETH', 'large caps (alts 2–10)', 'mid caps (11–50)', `small caps (51–${assets})`],
          lagDays: rotation.lagDays,
          effect: rotation.effect,
          factorSigma: ROTATION_FACTOR_SIGMA,
          meaning:
            rotation.effect > 0
              ? `each tier's factor g_k[t] = ${rotation.effect}·g_(k−1)[t − ${rotation.lagDays}] + noise: ETH leads large caps, which lead mid caps, which lead small caps, by ${rotation.lagDays} days each`
              : 'tiers only: no tier leads another (any "finding" is a false positive)',
        }
      : null,
    parameters: {
      regimeMeanDays: REGIME_MEAN_DAYS,
      altFactorDriftPerDay: ALT_DRIFT,
      bitcoin: BITCOIN,
      altFactor: ALT_FACTOR,
      altIdiosyncratic: ALT_IDIOSYNCRATIC,
      equityFactor: EQUITY_FACTOR,
      russellLoading: RUSSELL_LOADING,
      russellIdiosyncraticSigma: RUSSELL_IDIOSYNCRATIC_SIGMA,
    },
    regimes: runs,
    listings: alts.map((alt) => ({
      id: alt.id,
      symbol: alt.symbol,
      listed: isoDateOf(days[alt.firstIndex]! as DayNumber),
      delisted: alt.lastIndex < dayCount - 1 ? isoDateOf(days[alt.lastIndex + 1]! as DayNumber) : null,
    })),
    notes: [
      'SIMULATED DATA: not a real market.',
      'Equities trade on weekdays; exchange holidays are ignored.',
      'Alts are listed at staggered dates; about a quarter are delisted after a 120-day decline.',
    ],
  };
  return { groundTruth, days, regimes, bitcoin, alts, equities: [
    { symbol: '^RUT', name: 'Russell 2000 (simulated)', days: Int32Array.from(equityDays), closes: Float64Array.from(rut) },
    { symbol: '^GSPC', name: 'S&P 500 (simulated)', days: Int32Array.from(equityDays), closes: Float64Array.from(spx) },
  ] };
}

/** The tier factors g_0 … g_3 of a planted rotation (see the model at the top). */
function plantTierFactors(random: SeededRandom, dayCount: number, rotation: PlantedRotationOptions): Float64Array[] {
  const { lagDays, effect } = rotation;
  const residual = Math.sqrt(1 - effect * effect);
  const factors: Float64Array[] = [];
  for (let k = 0; k < 4; k++) {
    const g = new Float64Array(dayCount);
    const previous = factors[k - 1];
    for (let t = 1; t < dayCount; t++) {
      const noise = ROTATION_FACTOR_SIGMA * random.normal();
      g[t] = previous && t > lagDays ? effect * previous[t - lagDays]! + residual * noise : noise;
    }
    factors.push(g);
  }
  return factors;
}
