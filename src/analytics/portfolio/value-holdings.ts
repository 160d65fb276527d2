/**
 * Holdings valued at stored prices, point in time (docs/risk.md): each holding's price is the last
 * stored close at or before the day (its as-of date is shown; a price older than `staleDays` is
 * flagged), value = quantity × price, weight = value / Σ values, unrealised P&L = value − cost.
 * Money and quantities are exact decimals (decimal.js): quantities and costs come as decimal text,
 * the stored price (a binary float from the panel) enters as its shortest decimal form, and values
 * are rounded to cents only for display. Weights are plain fractions (they feed the risk maths).
 */
import { Decimal } from 'decimal.js';
import type { DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';

export interface HoldingInput {
  assetId: string;
  /** Exact decimal text. */
  quantity: string;
  /** Total cost in USD, exact decimal text, or null. */
  costUsd: string | null;
  acquiredDay: DayNumber | null;
}

export interface ValuedHolding {
  assetId: string;
  /** Index in panel.assets, or -1 when the panel does not know the asset. */
  assetIndex: number;
  quantity: Decimal;
  cost: Decimal | null;
  price: number | null;
  priceDay: DayNumber | null;
  /** The price is older than staleDays at the valuation day. */
  stale: boolean;
  value: Decimal | null;
  /** value / Σ value of the priced holdings; null when unpriced. */
  weight: number | null;
  unrealisedPnl: Decimal | null;
  /** (value − cost)/cost. */
  unrealisedReturn: number | null;
  acquiredDay: DayNumber | null;
}

export interface Valuation {
  day: DayNumber;
  holdings: ValuedHolding[];
  total: Decimal;
  totalCost: Decimal | null;
  unpriced: string[];
}

/** The last finite price at or before `day` (cell index and day), or null. */
export function priceAsOf(panel: Panel, assetIndex: number, day: DayNumber): { price: number; day: DayNumber; cell: number } | null {
  const asset = panel.assets[assetIndex];
  if (!asset) return null;
  let cell = Math.min(day - asset.firstDay, asset.price.length - 1);
  for (; cell >= 0; cell--) {
    const p = asset.price[cell]!;
    if (Number.isFinite(p) && p > 0) return { price: p, day: (asset.firstDay + cell) as DayNumber, cell };
  }
  return null;
}

export function valueHoldings(panel: Panel, holdings: readonly HoldingInput[], day: DayNumber, options: { staleDays?: number } = {}): Valuation {
  const staleDays = options.staleDays ?? 3;
  const index = new Map(panel.assets.map((a, i) => [a.id, i]));
  const rows = holdings.map((h) => {
    const assetIndex = index.get(h.assetId) ?? -1;
    const quote = assetIndex < 0 ? null : priceAsOf(panel, assetIndex, day);
    const quantity = new Decimal(h.quantity);
    const cost = h.costUsd === null ? null : new Decimal(h.costUsd);
    const value = quote === null ? null : quantity.times(new Decimal(String(quote.price)));
    return { h, assetIndex, quote, quantity, cost, value };
  });
  const total = rows.reduce((sum, r) => (r.value ? sum.plus(r.value) : sum), new Decimal(0));
  const allCosts = rows.every((r) => r.cost !== null);
  const totalCost = allCosts ? rows.reduce((sum, r) => sum.plus(r.cost!), new Decimal(0)) : null;
  const valued: ValuedHolding[] = rows.map(({ h, assetIndex, quote, quantity, cost, value }) => {
    const pnl = value !== null && cost !== null ? value.minus(cost) : null;
    return {
      assetId: h.assetId,
      assetIndex,
      quantity,
      cost,
      price: quote?.price ?? null,
      priceDay: quote?.day ?? null,
      stale: quote !== null && day - quote.day > staleDays,
      value,
      weight: value !== null && total.greaterThan(0) ? value.dividedBy(total).toNumber() : null,
      unrealisedPnl: pnl,
      unrealisedReturn: pnl !== null && cost !== null && cost.greaterThan(0) ? pnl.dividedBy(cost).toNumber() : null,
      acquiredDay: h.acquiredDay,
    };
  });
  return { day, holdings: valued, total, totalCost, unpriced: valued.filter((v) => v.value === null).map((v) => v.assetId) };
}
