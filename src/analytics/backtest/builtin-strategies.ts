/**
 * The built-in strategies. Their ids and parameter names are a contract (scripts rely on them);
 * docs/backtests.md documents each one. "Alts" is the equal-weight basket of the N largest alts by
 * as-of market cap at t (point in time; stablecoins, wrapped and staked tokens and BTC left out),
 * rebalanced to equal weights every day.
 */
import type { PointInTimeView } from './point-in-time-view.ts';
import { BTC_ID, ETH_ID } from './backtest-data.ts';
import { numberParameter, textParameter, type StrategyDefinition, type Weights } from './strategy.ts';

/** The alt basket of the strategies without a `top` parameter. */
export const DEFAULT_ALT_BASKET = 50;
/** Sector baskets draw from the largest this many alts at t. */
export const SECTOR_UNIVERSE = 100;

const BTC: Weights = Object.freeze({ [BTC_ID]: 1 });
const CASH: Weights = Object.freeze({});

export type StrategyNeed = 'btcDominance' | 'russell' | 'sectors';
export interface BuiltinStrategy extends StrategyDefinition {
  /** Data the rule cannot run without (the use case checks the store has them). */
  needs: readonly StrategyNeed[];
}

export const ASI_REGIME: BuiltinStrategy = {
  id: 'asi-regime',
  description: 'Hold the equal-weight top-N alt basket while the Altcoin Season Index (top 50, window W) is ≥ threshold, else BTC (or cash).',
  parameters: [
    { name: 'threshold', kind: 'number', default: 75, min: 0, max: 100, description: 'ASI level at or above which alts are held' },
    { name: 'window', kind: 'integer', default: 90, min: 8, max: 730, description: 'ASI return window, days' },
    { name: 'top', kind: 'integer', default: 50, min: 1, max: 500, description: 'alts in the basket' },
    { name: 'exit', kind: 'choice', default: 'btc', choices: ['btc', 'cash'], description: 'what is held otherwise' },
  ],
  needs: [],
  warmupDays: (p) => numberParameter(p, 'window'),
  decide(view, p) {
    const asi = view.asi(numberParameter(p, 'window'));
    if (asi !== null && asi >= numberParameter(p, 'threshold')) return view.altBasket(numberParameter(p, 'top'));
    return textParameter(p, 'exit') === 'cash' ? CASH : BTC;
  },
};

/** Mean of the finite values, or null when fewer than 80 % of them are finite. */
function meanOfMostly(values: Float64Array): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n > 0 && n >= 0.8 * values.length ? sum / n : null;
}

export const DOMINANCE_BREAKDOWN: BuiltinStrategy = {
  id: 'dominance-breakdown',
  description: `Hold the top-${DEFAULT_ALT_BASKET} alt basket while BTC dominance is below the level and below its moving average, else BTC.`,
  parameters: [
    { name: 'level', kind: 'number', default: 55, min: 1, max: 99, description: 'BTC.D level (%) below which alts may be held' },
    { name: 'average', kind: 'integer', default: 50, min: 2, max: 730, description: 'moving average of BTC.D, days' },
  ],
  needs: ['btcDominance'],
  warmupDays: (p) => numberParameter(p, 'average'),
  decide(view, p) {
    const d = view.btcDominance();
    const average = meanOfMostly(view.btcDominanceHistory(numberParameter(p, 'average')));
    if (d !== null && average !== null && d < numberParameter(p, 'level') && d < average) return view.altBasket(DEFAULT_ALT_BASKET);
    return BTC;
  },
};

export const RUT_BREAKOUT: BuiltinStrategy = {
  id: 'rut-breakout',
  description: `After a Russell 2000 breakout (a record close after a drawdown of at least \`drawdown\` %), hold the top-${DEFAULT_ALT_BASKET} alt basket for \`hold\` days, else BTC.`,
  parameters: [
    { name: 'drawdown', kind: 'number', default: 10, min: 0.5, max: 90, description: 'drawdown (%) from the prior record that a breakout must follow' },
    { name: 'hold', kind: 'integer', default: 90, min: 1, max: 1000, description: 'days alts are held after the breakout (the breakout day is day 0)' },
  ],
  needs: ['russell'],
  warmupDays: () => 0,
  decide(view, p) {
    const since = view.daysSinceRussellBreakout(numberParameter(p, 'drawdown'));
    return since !== null && since < numberParameter(p, 'hold') ? view.altBasket(DEFAULT_ALT_BASKET) : BTC;
  },
};

/** Relative strength vs BTC of each sector at t: mean trailing return of its members minus BTC's. */
export function sectorStrengths(view: PointInTimeView, lookback: number): { sector: string; strength: number; members: string[] }[] {
  const btc = view.trailingReturn(BTC_ID, lookback);
  if (btc === null) return [];
  const out: { sector: string; strength: number; members: string[] }[] = [];
  for (const [sector, members] of view.sectors(SECTOR_UNIVERSE)) {
    let sum = 0;
    const priced: string[] = [];
    for (const id of members) {
      const r = view.trailingReturn(id, lookback);
      if (r !== null) {
        sum += r;
        priced.push(id);
      }
    }
    if (priced.length > 0) out.push({ sector, strength: sum / priced.length - btc, members: priced });
  }
  return out.sort((a, b) => b.strength - a.strength || (a.sector < b.sector ? -1 : 1));
}

export const SECTOR_MOMENTUM: BuiltinStrategy = {
  id: 'sector-momentum',
  description: `Every \`rebalance\` days, hold the k sectors (primary sector labels among the top ${SECTOR_UNIVERSE} alts at t) with the strongest \`lookback\`-day return relative to BTC, equal weight per sector and per coin; BTC when no sector qualifies.`,
  parameters: [
    { name: 'k', kind: 'integer', default: 2, min: 1, max: 20, description: 'sectors held' },
    { name: 'lookback', kind: 'integer', default: 30, min: 1, max: 365, description: 'relative-strength window, days' },
    { name: 'rebalance', kind: 'integer', default: 7, min: 1, max: 365, description: 'days between rebalances' },
  ],
  needs: ['sectors'],
  warmupDays: (p) => numberParameter(p, 'lookback'),
  decide(view, p) {
    if (view.step % numberParameter(p, 'rebalance') !== 0) return null;
    const chosen = sectorStrengths(view, numberParameter(p, 'lookback')).slice(0, numberParameter(p, 'k'));
    if (chosen.length === 0) return BTC;
    const weights: Record<string, number> = {};
    for (const { members } of chosen) for (const id of members) weights[id] = (weights[id] ?? 0) + 1 / chosen.length / members.length;
    return weights;
  },
};

export const HOLD: BuiltinStrategy = {
  id: 'hold',
  description: `Buy and hold: BTC, ETH (from its first trading day), the top-${DEFAULT_ALT_BASKET} alt basket (rebalanced daily, point in time) or BTC/ETH 50/50 bought once on the first day both trade.`,
  parameters: [{ name: 'asset', kind: 'choice', default: 'BTC', choices: ['BTC', 'ETH', 'alts', 'btc-eth'], description: 'what is held' }],
  needs: [],
  warmupDays: () => 0,
  decide(view, p) {
    switch (textParameter(p, 'asset')) {
      case 'ETH':
        // Before ETH trades (2015-08) the money waits in cash.
        return view.price(ETH_ID) === null ? CASH : { [ETH_ID]: 1 };
      case 'alts':
        return view.altBasket(DEFAULT_ALT_BASKET);
      case 'btc-eth': {
        // Bought once, on the first day both trade, then held (never rebalanced).
        const holding = Object.keys(view.position()).length > 0;
        if (holding) return null;
        return view.price(BTC_ID) !== null && view.price(ETH_ID) !== null ? { [BTC_ID]: 0.5, [ETH_ID]: 0.5 } : CASH;
      }
      default:
        return BTC;
    }
  },
};

export const BUILTIN_STRATEGIES: readonly BuiltinStrategy[] = [ASI_REGIME, DOMINANCE_BREAKDOWN, RUT_BREAKOUT, SECTOR_MOMENTUM, HOLD];

export function findBuiltinStrategy(id: string): BuiltinStrategy | undefined {
  return BUILTIN_STRATEGIES.find((s) => s.id === id);
}
