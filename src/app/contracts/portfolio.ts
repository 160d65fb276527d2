/**
 * `altseason portfolio import|show|plan` and `portfolio…()`: the user's holdings valued at stored
 * prices, the import's outcome and the profit plans' firings. Money and quantities are exact
 * decimal strings ("1234.56"); weights and returns are fractions.
 */
import { z } from 'zod';
import { dataResultHeader, IsoDateSchema } from './data-notice.ts';
import { PLAN_CHECK_SCHEMA, PORTFOLIO_IMPORT_SCHEMA, PORTFOLIO_SCHEMA } from './portfolio-names.ts';

const Money = z.string().regex(/^-?\d+(\.\d+)?$/);

export const PortfolioHoldingSchema = z.object({
  id: z.string(),
  symbol: z.string().nullable(),
  name: z.string().nullable(),
  quantity: Money,
  priceUsd: z.number().nullable(),
  /** The day of the stored close used (as of the valuation day). */
  priceDate: IsoDateSchema.nullable(),
  priceStale: z.boolean(),
  valueUsd: Money.nullable(),
  weight: z.number().nullable(),
  costUsd: Money.nullable(),
  unrealisedPnlUsd: Money.nullable(),
  unrealisedReturn: z.number().nullable(),
  sector: z.string().nullable(),
  /** btc, eth, large, mid, small — or null outside the ranked universe that day. */
  tier: z.string().nullable(),
  acquired: IsoDateSchema.nullable(),
});
export type PortfolioHolding = z.infer<typeof PortfolioHoldingSchema>;

export const PortfolioImportInfoSchema = z.object({ origin: z.string(), format: z.string(), importedAt: z.string(), holdings: z.number().int(), trades: z.number().int() });

export const PortfolioResultSchema = z.object({
  ...dataResultHeader(PORTFOLIO_SCHEMA),
  asOf: IsoDateSchema,
  imported: PortfolioImportInfoSchema.nullable(),
  totalValueUsd: Money,
  totalCostUsd: Money.nullable(),
  unrealisedPnlUsd: Money.nullable(),
  holdings: z.array(PortfolioHoldingSchema),
  /** Holdings without a stored price at or before asOf (left out of the total and the weights). */
  unpriced: z.array(z.string()),
});
export type PortfolioResult = z.infer<typeof PortfolioResultSchema>;

export const PortfolioImportResultSchema = z.object({
  ...dataResultHeader(PORTFOLIO_IMPORT_SCHEMA),
  file: z.string(),
  format: z.string(),
  holdings: z.number().int(),
  trades: z.number().int(),
  /** Holdings stored before this import (replaced by it). */
  replacedHoldings: z.number().int(),
});
export type PortfolioImportResult = z.infer<typeof PortfolioImportResultSchema>;

export const PlanFiringSchema = z.object({
  date: IsoDateSchema,
  ruleId: z.string(),
  id: z.string(),
  symbol: z.string().nullable(),
  trigger: z.string(),
  value: z.number(),
  limit: z.number(),
  priceUsd: z.number(),
  quantity: Money,
  proceedsUsd: Money,
  /** It fires on the day checked (an order to place now), not earlier. */
  firesToday: z.boolean(),
});
export type PlanFiringRow = z.infer<typeof PlanFiringSchema>;

export const PlanCheckResultSchema = z.object({
  ...dataResultHeader(PLAN_CHECK_SCHEMA),
  plan: z.string(),
  asOf: IsoDateSchema,
  /** Set for a simulation: the day every holding was bought at the close. */
  simulatedEntry: IsoDateSchema.nullable(),
  firings: z.array(PlanFiringSchema),
  skipped: z.array(z.object({ ruleId: z.string(), id: z.string(), reason: z.string() })),
  remaining: z.array(z.object({ id: z.string(), quantity: Money })),
  /** Plan replay against holding, at asOf: proceeds of the firings + the rest at the close, vs all of Q₀ at the close. */
  replay: z.object({ planValueUsd: Money, holdValueUsd: Money, differenceUsd: Money }).nullable(),
  series: z.array(z.string()),
});
export type PlanCheckResult = z.infer<typeof PlanCheckResultSchema>;
