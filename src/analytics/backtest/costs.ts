/**
 * Trading costs and the delisting rule. Fees and slippage are basis points of turnover
 * Σᵢ |target wᵢ − drifted wᵢ| (fractions of equity), charged at the close the trade happens;
 * funding is paid on leveraged exposure (gross weight above 1, held as a BTC perpetual) at the
 * stored daily BTC funding F_d of the day held.
 */
import { InvalidInputError } from '../../domain/errors.ts';

export type DelistingRule = 'last-price' | 'zero';
export const DELISTING_RULES: readonly DelistingRule[] = ['last-price', 'zero'];

export interface CostOptions {
  /** Fee in basis points of turnover (default 10). */
  feesBps: number;
  /** Slippage in basis points of turnover (default 0). */
  slippageBps: number;
  /** Charge funding on gross exposure above 1 (needs stored funding rates). */
  funding: boolean;
  /**
   * A held coin with no price within the staleness limit has stopped trading: 'last-price' sells
   * it at its last price (the default), 'zero' marks it to zero (a collapse).
   */
  delisting: DelistingRule;
  /** Largest gross weight a strategy may hold (1 = no leverage). */
  maxGross: number;
}

export const DEFAULT_COSTS: Readonly<CostOptions> = Object.freeze({ feesBps: 10, slippageBps: 0, funding: false, delisting: 'last-price', maxGross: 1 });

export function resolveCosts(partial: Partial<CostOptions> = {}): CostOptions {
  const costs: CostOptions = { ...DEFAULT_COSTS, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) };
  for (const [name, value] of [
    ['fees-bps', costs.feesBps],
    ['slippage-bps', costs.slippageBps],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value > 10_000) throw new InvalidInputError(`${name}: expected basis points from 0 to 10000, got ${JSON.stringify(value)}`);
  }
  if (!DELISTING_RULES.includes(costs.delisting)) throw new InvalidInputError(`delisting: expected ${DELISTING_RULES.join(' or ')}, got ${JSON.stringify(costs.delisting)}`);
  if (!Number.isFinite(costs.maxGross) || costs.maxGross < 0 || costs.maxGross > 10) throw new InvalidInputError(`max gross: expected 0 … 10, got ${JSON.stringify(costs.maxGross)}`);
  return costs;
}

/** Cost per unit of turnover (fees plus slippage) as a fraction. */
export function costPerTurnover(costs: CostOptions): number {
  return (costs.feesBps + costs.slippageBps) / 10_000;
}
