/**
 * Position sizing (METHODS.md "Position sizing"). E = equity marked to market at decision time,
 * P = entry price, S = stop price, r = risk per trade (fraction of E), c = per-position cap
 * (fraction of E). Every size is a quantity of the asset; a quantity ≤ 0 means no trade.
 *
 * - Fixed fractional cap: qty_cap = c·E/P (c between 2 % and 5 %, default 5 %).
 * - Risk per trade: qty_risk = E·r/|P − S|; the loss at the stop is E·r ("1R", Van Tharp).
 * - ATR stop: TR = max(H − L, |H − C₋₁|, |L − C₋₁|), ATR(14) with Wilder smoothing
 *   ATRₜ = (13·ATRₜ₋₁ + TRₜ)/14 seeded by the mean of the first 14 TR (Wilder 1978), computed with
 *   trading-signals' `ATR` (its default smoothing is `WSMA`, Wilder's; the first bar's TR is H − L).
 *   Long stop S = P − k·ATR (short: P + k·ATR).
 * - Volatility targeting: EWMA σ̂²ₜ = λσ̂²ₜ₋₁ + (1 − λ)rₜ², λ = 0.94 (RiskMetrics 1996), seeded with
 *   σ̂²₁ = r₁²; σ̂_ann = σ̂·√365; w = min(σ_target/σ̂_ann, w_max), then scaled so Σ|w| ≤ G (Moreira &
 *   Muir 2017). Portfolio form: scale all weights by σ_target/√(wᵀΣw·365).
 * - Fractional Kelly: binary f* = (b·p − q)/b; continuous f* = (μ − r_f)/σ² (same period units);
 *   stake κ·f*, κ ∈ [¼, ½] (default ¼); f* ≤ 0 → no position (Kelly 1956; Thorp 2006).
 * - Combine: qty = min(risk, cap, vol-target, Kelly if enabled, sector and cluster room if given);
 *   round down to the lot step; drop below the minimum notional; report which constraint bound.
 */
import { ATR } from 'trading-signals';
import { InvalidInputError } from '../../domain/errors.ts';

export interface Candle {
  high: number;
  low: number;
  close: number;
}

/**
 * Wilder's ATR(period) per bar (trading-signals `ATR`), NaN before the first `period` bars.
 * Bars must be in time order.
 */
export function averageTrueRange(candles: readonly Candle[], period = 14): Float64Array {
  if (!(Number.isInteger(period) && period >= 1)) throw new InvalidInputError(`ATR: period must be an integer ≥ 1, got ${period}`);
  const indicator = new ATR(period);
  const out = new Float64Array(candles.length).fill(Number.NaN);
  candles.forEach((candle, i) => {
    const { high, low, close } = candle;
    if (!(Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close)) || high < low) {
      throw new InvalidInputError(`ATR: bar ${i} has high ${high}, low ${low}, close ${close}`);
    }
    const value = indicator.update({ high, low, close }, false);
    if (value !== null) out[i] = value;
  });
  return out;
}

/** The ATR at the last bar, or null when there are fewer than `period` bars. */
export function latestAverageTrueRange(candles: readonly Candle[], period = 14): number | null {
  const series = averageTrueRange(candles, period);
  const last = series.length === 0 ? Number.NaN : series[series.length - 1]!;
  return Number.isNaN(last) ? null : last;
}

export type Side = 'long' | 'short';

/** Stop price k·ATR away from the entry: P − k·ATR for a long, P + k·ATR for a short. */
export function atrStopPrice(entryPrice: number, atr: number, multiplier: number, side: Side = 'long'): number {
  if (!(atr > 0 && multiplier > 0)) throw new InvalidInputError(`ATR stop: ATR and multiplier must be > 0, got ${atr} and ${multiplier}`);
  return side === 'long' ? entryPrice - multiplier * atr : entryPrice + multiplier * atr;
}

/** qty_risk = E·r/|P − S|; null when the stop equals the entry. */
export function riskPerTradeQuantity(equity: number, entryPrice: number, stopPrice: number, riskFraction: number): number | null {
  const distance = Math.abs(entryPrice - stopPrice);
  if (!(distance > 0)) return null;
  return (equity * riskFraction) / distance;
}

/** EWMA volatility σ̂ₜ per period (RiskMetrics), seeded with σ̂²₁ = r₁²; a missing return carries σ̂ forward. */
export function ewmaVolatility(returns: ArrayLike<number>, lambda = 0.94): Float64Array {
  if (!(lambda > 0 && lambda < 1)) throw new InvalidInputError(`EWMA volatility: lambda must be in (0, 1), got ${lambda}`);
  const out = new Float64Array(returns.length).fill(Number.NaN);
  let variance = Number.NaN;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    if (Number.isFinite(r)) variance = Number.isNaN(variance) ? r * r : lambda * variance + (1 - lambda) * r * r;
    out[t] = Math.sqrt(variance);
  }
  return out;
}

/**
 * Volatility-targeted weights: wᵢ = min(σ_target/σ̂_ann,i, w_max), then scaled down so Σ|w| ≤ G.
 * An asset without a positive volatility gets 0.
 */
export function volatilityTargetWeights(
  annualVolatilities: readonly number[],
  options: { target: number; maxWeight?: number; grossLimit?: number },
): number[] {
  const maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
  const grossLimit = options.grossLimit ?? Number.POSITIVE_INFINITY;
  const weights = annualVolatilities.map((sigma) => (sigma > 0 && Number.isFinite(sigma) ? Math.min(options.target / sigma, maxWeight) : 0));
  const gross = weights.reduce((sum, w) => sum + Math.abs(w), 0);
  return gross > grossLimit ? weights.map((w) => (w * grossLimit) / gross) : weights;
}

/** σ_target/σ_p,ann with σ_p,ann = √(wᵀΣw·periodsPerYear) (Σ per period); null when wᵀΣw ≤ 0. */
export function portfolioVolatilityScale(
  weights: readonly number[],
  covariance: readonly (readonly number[])[],
  targetAnnualVolatility: number,
  periodsPerYear = 365,
): number | null {
  let variance = 0;
  for (let i = 0; i < weights.length; i++) for (let j = 0; j < weights.length; j++) variance += weights[i]! * weights[j]! * covariance[i]![j]!;
  if (!(variance > 0)) return null;
  return targetAnnualVolatility / Math.sqrt(variance * periodsPerYear);
}

/** Kelly fraction of a binary bet: f* = (b·p − q)/b, p = win probability, b = win/loss ratio. */
export function kellyFractionBinary(winProbability: number, payoffRatio: number): number {
  if (!(winProbability >= 0 && winProbability <= 1)) throw new InvalidInputError(`Kelly: win probability must be in [0, 1], got ${winProbability}`);
  if (!(payoffRatio > 0)) throw new InvalidInputError(`Kelly: win/loss ratio must be > 0, got ${payoffRatio}`);
  return (payoffRatio * winProbability - (1 - winProbability)) / payoffRatio;
}

/** Continuous Kelly fraction f* = (μ − r_f)/σ² (μ, r_f, σ in the same period units). */
export function kellyFractionContinuous(mean: number, volatility: number, riskFree = 0): number {
  if (!(volatility > 0)) throw new InvalidInputError(`Kelly: volatility must be > 0, got ${volatility}`);
  return (mean - riskFree) / (volatility * volatility);
}

export type SizeConstraint = 'risk' | 'position-cap' | 'volatility-target' | 'kelly' | 'sector-cap' | 'cluster-cap';

export interface PositionSizeInput {
  /** E, equity marked to market. */
  equity: number;
  /** P, entry price. */
  entryPrice: number;
  side?: Side;
  /** r, risk per trade as a fraction of E (e.g. 0.01). */
  riskFraction: number;
  /** Stop price S; or give `atrStop`. */
  stopPrice?: number;
  /** Stop k·ATR from the entry. */
  atrStop?: { atr: number; multiplier: number };
  /** c, per-position cap as a fraction of E (default 0.05). */
  positionCap?: number;
  /** Volatility target: weight min(target/σ_ann, positionCap) of E. */
  volatilityTarget?: { targetAnnualVolatility: number; assetAnnualVolatility: number };
  /** Fractional Kelly (opt-in): f* and κ (default ¼; at most 1). */
  kelly?: { fraction: number; multiplier?: number };
  /** Room left in the asset's sector / correlation cluster, as fractions of E. */
  sectorRoom?: number;
  clusterRoom?: number;
  /** Quantity step (round down to it). */
  lotStep?: number;
  /** Minimum order notional (P·qty); below it, no trade. */
  minNotional?: number;
}

export interface PositionSize {
  /** Final quantity (0 = no trade). */
  quantity: number;
  /** quantity·P. */
  notional: number;
  /** Loss if the stop is hit: quantity·|P − S|. */
  riskAtStop: number;
  stopPrice: number;
  /** The constraint that set the quantity (the smallest candidate). */
  binding: SizeConstraint;
  /** Every candidate quantity, in the order computed. */
  candidates: { constraint: SizeConstraint; quantity: number }[];
  /** Why the quantity is 0, when it is. */
  noTradeReason: 'no-edge' | 'below-minimum-notional' | 'no-room' | 'below-lot-step' | null;
}

/** Sizes one position from the risk budget and every cap that applies; see the module comment. */
export function positionSize(input: PositionSizeInput): PositionSize {
  const { equity, entryPrice, riskFraction } = input;
  const side = input.side ?? 'long';
  const cap = input.positionCap ?? 0.05;
  if (!(equity > 0)) throw new InvalidInputError(`position size: equity must be > 0, got ${equity}`);
  if (!(entryPrice > 0)) throw new InvalidInputError(`position size: entry price must be > 0, got ${entryPrice}`);
  if (!(riskFraction > 0 && riskFraction < 1)) throw new InvalidInputError(`position size: risk per trade must be in (0, 1), got ${riskFraction}`);
  if (!(cap > 0 && cap <= 1)) throw new InvalidInputError(`position size: position cap must be in (0, 1], got ${cap}`);
  let stopPrice: number;
  if (input.stopPrice !== undefined) stopPrice = input.stopPrice;
  else if (input.atrStop !== undefined) stopPrice = atrStopPrice(entryPrice, input.atrStop.atr, input.atrStop.multiplier, side);
  else throw new InvalidInputError('position size: give a stop price or an ATR stop');
  const wrongSide = side === 'long' ? stopPrice >= entryPrice : stopPrice <= entryPrice;
  if (wrongSide || !(stopPrice > 0 || side === 'short')) {
    throw new InvalidInputError(`position size: a ${side} stop must be on the losing side of the entry ${entryPrice} (and above 0), got ${stopPrice}`);
  }
  const distance = Math.abs(entryPrice - stopPrice);
  const fractionToQuantity = (fraction: number): number => (fraction * equity) / entryPrice;

  const candidates: { constraint: SizeConstraint; quantity: number }[] = [
    { constraint: 'risk', quantity: (equity * riskFraction) / distance },
    { constraint: 'position-cap', quantity: fractionToQuantity(cap) },
  ];
  if (input.volatilityTarget !== undefined) {
    const { targetAnnualVolatility, assetAnnualVolatility } = input.volatilityTarget;
    if (!(assetAnnualVolatility > 0)) throw new InvalidInputError(`position size: asset volatility must be > 0, got ${assetAnnualVolatility}`);
    candidates.push({ constraint: 'volatility-target', quantity: fractionToQuantity(targetAnnualVolatility / assetAnnualVolatility) });
  }
  if (input.kelly !== undefined) {
    const multiplier = input.kelly.multiplier ?? 0.25;
    if (!(multiplier > 0 && multiplier <= 1)) throw new InvalidInputError(`position size: Kelly multiplier must be in (0, 1], got ${multiplier}`);
    candidates.push({ constraint: 'kelly', quantity: fractionToQuantity(Math.max(0, multiplier * input.kelly.fraction)) });
  }
  if (input.sectorRoom !== undefined) candidates.push({ constraint: 'sector-cap', quantity: fractionToQuantity(Math.max(0, input.sectorRoom)) });
  if (input.clusterRoom !== undefined) candidates.push({ constraint: 'cluster-cap', quantity: fractionToQuantity(Math.max(0, input.clusterRoom)) });

  let bound = candidates[0]!;
  for (const candidate of candidates) if (candidate.quantity < bound.quantity) bound = candidate;
  let quantity = bound.quantity;
  let noTradeReason: PositionSize['noTradeReason'] = null;
  if (quantity <= 0) noTradeReason = bound.constraint === 'kelly' ? 'no-edge' : 'no-room';
  if (quantity > 0 && input.lotStep !== undefined) {
    if (!(input.lotStep > 0)) throw new InvalidInputError(`position size: lot step must be > 0, got ${input.lotStep}`);
    // The small tolerance keeps 0.3/0.1 from rounding down to 2 lots.
    quantity = Math.floor(quantity / input.lotStep + 1e-9) * input.lotStep;
    if (quantity <= 0) noTradeReason = 'below-lot-step';
  }
  if (quantity > 0 && input.minNotional !== undefined && quantity * entryPrice < input.minNotional) {
    quantity = 0;
    noTradeReason = 'below-minimum-notional';
  }
  quantity = Math.max(0, quantity);
  return {
    quantity,
    notional: quantity * entryPrice,
    riskAtStop: quantity * distance,
    stopPrice,
    binding: bound.constraint,
    candidates,
    noTradeReason,
  };
}
