/**
 * A profit-taking plan as a backtest strategy (analytics/backtest/strategy.ts), so `plan simulate`
 * runs through the one engine with its fees, slippage and metrics. At the close of the entry day
 * it buys the book at its value weights (Q₀ᵢ × closeᵢ / Σ); afterwards it keeps the drifted weights
 * (no trade) except on a day a rule fired, when it scales each sold asset's drifted weight by
 * remaining-after / remaining-before (a sale of that share of the holding at that close; the
 * proceeds stay in cash). The firings come from evaluatePlan, which decides day t from closes and
 * series of days ≤ t only, so the weights of day t use nothing later than t. With no firings the
 * same strategy is "hold the book".
 */
import type { Decimal } from 'decimal.js';
import type { StrategyDefinition, Weights } from '../backtest/strategy.ts';
import type { PlanFiring, PlanPosition } from './profit-plan.ts';

/** Per day, per asset: the factor its holding is multiplied by at that close (remaining after / before). */
export function sellFactors(positions: readonly PlanPosition[], firings: readonly PlanFiring[]): Map<number, Map<string, number>> {
  const left = new Map<string, Decimal>(positions.map((p) => [p.assetId, p.quantity]));
  const out = new Map<number, Map<string, number>>();
  const ordered = [...firings].sort((a, b) => a.day - b.day);
  for (const f of ordered) {
    const before = left.get(f.assetId);
    if (!before || !before.greaterThan(0)) continue;
    const after = before.minus(f.quantity);
    left.set(f.assetId, after);
    const day = out.get(f.day) ?? new Map<string, number>();
    day.set(f.assetId, (day.get(f.assetId) ?? 1) * after.dividedBy(before).toNumber());
    out.set(f.day, day);
  }
  return out;
}

export function planStrategy(id: string, positions: readonly PlanPosition[], firings: readonly PlanFiring[]): StrategyDefinition {
  const factors = sellFactors(positions, firings);
  return {
    id,
    description: firings.length > 0 || id !== 'hold-book' ? `the profit-taking plan ${id} on the stored holdings` : 'the stored holdings bought once and held',
    parameters: [],
    warmupDays: () => 0,
    decide(view) {
      if (view.step === 0) {
        const values: [string, number][] = [];
        for (const p of positions) {
          const price = view.price(p.assetId);
          if (price !== null) values.push([p.assetId, p.quantity.toNumber() * price]);
        }
        const total = values.reduce((s, [, v]) => s + v, 0);
        return total > 0 ? Object.fromEntries(values.map(([a, v]) => [a, v / total])) : {};
      }
      const today = factors.get(view.day);
      if (!today) return null;
      const target: Record<string, number> = {};
      for (const [asset, w] of Object.entries(view.position())) {
        // A coin that stopped trading is sold by the engine at its last price (as when keeping positions).
        if (view.price(asset) === null) continue;
        target[asset] = w * (today.get(asset) ?? 1);
      }
      return target as Weights;
    },
  };
}
