import { describe, expect, it } from 'vitest';
import {
  atrStopPrice,
  averageTrueRange,
  ewmaVolatility,
  kellyFractionBinary,
  kellyFractionContinuous,
  latestAverageTrueRange,
  portfolioVolatilityScale,
  positionSize,
  riskPerTradeQuantity,
  volatilityTargetWeights,
} from './position-size.ts';

describe('ATR (trading-signals, Wilder smoothing)', () => {
  // Independent check, numpy (/usr/bin/python3): TR = max(H−L, |H−C₋₁|, |L−C₋₁|) (first bar H−L),
  // ATR₁₃ = mean(TR₀…TR₁₃), then ATRₜ = (13·ATRₜ₋₁ + TRₜ)/14.
  const candles = Array.from({ length: 20 }, (_, t) => {
    const close = 100 + 5 * Math.sin(0.5 * t) + 0.3 * t;
    return { close, high: close + 1 + 0.5 * Math.abs(Math.cos(1.3 * t)), low: close - 1 - 0.7 * Math.abs(Math.sin(0.9 * t)) };
  });

  it('seeds with the mean of the first 14 true ranges and smooths by 1/14', () => {
    const atr = averageTrueRange(candles);
    expect(atr[12]).toBeNaN();
    expect(atr[13]).toBeCloseTo(3.1793637672649404, 12);
    expect(atr[19]).toBeCloseTo(3.1998509466240144, 12);
    expect(latestAverageTrueRange(candles)).toBeCloseTo(3.1998509466240144, 12);
    expect(latestAverageTrueRange(candles.slice(0, 13))).toBeNull();
    expect(() => averageTrueRange([{ high: 1, low: 2, close: 1.5 }])).toThrow(/bar 0 has high 1, low 2/);
  });
});

describe('risk per trade, caps and the combined size', () => {
  const base = { equity: 100_000, entryPrice: 50, riskFraction: 0.01 };

  it('risks E·r at the stop and names the per-position cap when it binds', () => {
    expect(riskPerTradeQuantity(100_000, 50, 45, 0.01)).toBe(200);
    expect(riskPerTradeQuantity(100_000, 50, 50, 0.01)).toBeNull();
    // 1 % of 100,000 over a 5 stop distance = 200 units = 10,000 = 10 % of equity > 5 % cap → 100 units.
    const capped = positionSize({ ...base, stopPrice: 45 });
    expect(capped.binding).toBe('position-cap');
    expect(capped.quantity).toBe(100);
    expect(capped.notional).toBe(5000);
    expect(capped.riskAtStop).toBe(500);
    // A 20 stop distance: 1,000/20 = 50 units < 100 → the risk budget binds, the loss at the stop is 1R.
    const risk = positionSize({ ...base, stopPrice: 30 });
    expect(risk.binding).toBe('risk');
    expect(risk.quantity).toBe(50);
    expect(risk.riskAtStop).toBe(1000);
    // A larger cap lets the risk budget bind.
    expect(positionSize({ ...base, stopPrice: 45, positionCap: 0.2 }).quantity).toBe(200);
  });

  it('places an ATR stop k·ATR away, for longs and shorts', () => {
    expect(atrStopPrice(50, 2, 2.5)).toBe(45);
    expect(atrStopPrice(50, 2, 2.5, 'short')).toBe(55);
    const sized = positionSize({ ...base, atrStop: { atr: 2, multiplier: 2.5 }, positionCap: 0.2 });
    expect(sized.stopPrice).toBe(45);
    expect(sized.quantity).toBe(200);
    const short = positionSize({ ...base, side: 'short', stopPrice: 70 });
    expect(short.quantity).toBe(50);
    expect(() => positionSize({ ...base, stopPrice: 55 })).toThrow(/losing side/);
    expect(() => positionSize({ ...base })).toThrow(/stop price or an ATR stop/);
  });

  it('applies volatility targeting, fractional Kelly, sector room, the lot step and the minimum notional', () => {
    // Target 2 % / asset 80 % → 2.5 % of equity = 50 units < cap 100 < risk 200.
    const vol = positionSize({ ...base, stopPrice: 45, volatilityTarget: { targetAnnualVolatility: 0.02, assetAnnualVolatility: 0.8 } });
    expect(vol.binding).toBe('volatility-target');
    expect(vol.quantity).toBeCloseTo(50, 12);
    // Binary Kelly p = 0.55, b = 1 → f* = 0.1; a quarter → 2.5 % → 50 units.
    expect(kellyFractionBinary(0.55, 1)).toBeCloseTo(0.1, 15);
    const kelly = positionSize({ ...base, stopPrice: 45, kelly: { fraction: kellyFractionBinary(0.55, 1) } });
    expect(kelly.binding).toBe('kelly');
    expect(kelly.quantity).toBeCloseTo(50, 12);
    const noEdge = positionSize({ ...base, stopPrice: 45, kelly: { fraction: kellyFractionBinary(0.4, 1) } });
    expect([noEdge.quantity, noEdge.noTradeReason]).toEqual([0, 'no-edge']);
    const sector = positionSize({ ...base, stopPrice: 45, sectorRoom: 0.01 });
    expect([sector.binding, sector.quantity]).toEqual(['sector-cap', 20]);
    // 1,000/30 = 33.33… units → 33.3 with a 0.1 lot step.
    const lots = positionSize({ ...base, stopPrice: 20, lotStep: 0.1 });
    expect(lots.quantity).toBeCloseTo(33.3, 12);
    const tiny = positionSize({ ...base, stopPrice: 20, minNotional: 2000 });
    expect([tiny.quantity, tiny.noTradeReason]).toEqual([0, 'below-minimum-notional']);
  });

  it('computes continuous Kelly (μ − r_f)/σ²', () => {
    expect(kellyFractionContinuous(0.001, 0.03)).toBeCloseTo(0.001 / 0.0009, 14);
    expect(kellyFractionContinuous(0.001, 0.03, 0.001)).toBe(0);
  });
});

describe('volatility targeting', () => {
  it('EWMA λ = 0.94 equals pandas ewm(alpha = 0.06, adjust = False) on r²', () => {
    // numpy.sqrt(pd.Series(r**2).ewm(alpha=0.06, adjust=False).mean()), pandas 1.5:
    const expected = [0.01, 0.010862780491200215, 0.011154371340420757, 0.013074968451204766, 0.012911139066712898, 0.012517813758001034, 0.01308793037891018];
    const sigma = ewmaVolatility([0.01, -0.02, 0.015, 0.03, -0.01, 0, 0.02]);
    expected.forEach((value, i) => expect(sigma[i]).toBeCloseTo(value, 15));
    const gap = ewmaVolatility([0.01, Number.NaN, -0.02]);
    expect(gap[1], 'a missing return carries σ̂ forward').toBe(0.01);
  });

  it('caps each weight and scales to the gross limit', () => {
    // 0.2/0.4 = 0.5, 0.2/0.8 = 0.25, 0.2/0.1 = 2 → cap 1; gross 1.75 > 1.5 → ×1.5/1.75.
    const w = volatilityTargetWeights([0.4, 0.8, 0.1, 0], { target: 0.2, maxWeight: 1, grossLimit: 1.5 });
    [0.5, 0.25, 1, 0].forEach((value, i) => expect(w[i]).toBeCloseTo((value * 1.5) / 1.75, 15));
    // Portfolio form: w = (1), Σ = 0.0004/day → σ_ann = 0.02·√365; scale = 0.2/that.
    expect(portfolioVolatilityScale([1], [[0.0004]], 0.2)).toBeCloseTo(0.2 / (0.02 * Math.sqrt(365)), 15);
    expect(portfolioVolatilityScale([0], [[0.0004]], 0.2)).toBeNull();
  });
});
