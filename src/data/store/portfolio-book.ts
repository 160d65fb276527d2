/**
 * The user's own portfolio and profit-taking plans, kept in the local store (docs/risk.md): the
 * holdings (exact decimal quantities and costs, as text), the trades they came from when a trade
 * list was imported, the last import, and named plans (validated JSON). Nothing here is ever sent
 * anywhere. An import replaces the stored portfolio in ONE transaction, so a malformed or
 * interrupted import leaves the stored portfolio as it was.
 *
 * Shared by the SQLite and PostgreSQL stores (sqlite/sqlite-portfolio-book.ts,
 * postgres/postgres-portfolio-book.ts), both checked by test/contracts/portfolio-book-contract.ts.
 */
import type { DayNumber, UnixMs } from '../../domain/dates.ts';

export interface PortfolioHoldingRecord {
  assetId: string;
  /** Exact decimal quantity, as text ("1.25"). */
  quantity: string;
  /** Total cost in USD of the quantity, exact decimal text, or null when unknown. */
  costUsd: string | null;
  /** Day acquired (first buy), or null when unknown. */
  acquiredDay: DayNumber | null;
}

export type PortfolioTradeSide = 'buy' | 'sell';

export interface PortfolioTradeRecord {
  /** 1-based position in the imported list (keeps the file's order within a day). */
  seq: number;
  day: DayNumber;
  assetId: string;
  side: PortfolioTradeSide;
  quantity: string;
  priceUsd: string;
  feeUsd: string;
}

export interface PortfolioImportRecord {
  /** The file name as the user gave it. */
  origin: string;
  /** 'holdings-csv' | 'holdings-json' | 'trades-csv' | 'trades-json'. */
  format: string;
  importedAt: UnixMs;
  holdings: number;
  trades: number;
}

export interface PortfolioReplacement {
  import: Omit<PortfolioImportRecord, 'holdings' | 'trades'>;
  holdings: PortfolioHoldingRecord[];
  trades: PortfolioTradeRecord[];
}

export interface ProfitPlanRecord {
  name: string;
  /** The validated plan as JSON. */
  plan: string;
  savedAt: UnixMs;
}

export interface PortfolioBook {
  /** Replaces holdings and trades with these, and records the import: one transaction. */
  replacePortfolio(replacement: PortfolioReplacement): Promise<void>;
  /** Holdings ordered by asset id. */
  readHoldings(): Promise<PortfolioHoldingRecord[]>;
  /** Trades ordered by seq. */
  readTrades(): Promise<PortfolioTradeRecord[]>;
  /** The import behind the stored portfolio, or null when none was made. */
  lastImport(): Promise<PortfolioImportRecord | null>;
  /** Stores a plan under its name (replacing one of that name). */
  savePlan(plan: ProfitPlanRecord): Promise<void>;
  /** Plans ordered by name. */
  listPlans(): Promise<ProfitPlanRecord[]>;
  /** Removes a plan; false when there was none of that name. */
  deletePlan(name: string): Promise<boolean>;
}
