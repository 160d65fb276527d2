/**
 * The portfolio and profit plans (../portfolio-book.ts) in a SQLite store: every write runs through
 * the store's own write path (one BEGIN IMMEDIATE transaction, queued behind snapshots and writes).
 */
import type Database from 'better-sqlite3';
import type { PortfolioBook, PortfolioHoldingRecord, PortfolioImportRecord, PortfolioReplacement, PortfolioTradeRecord, ProfitPlanRecord } from '../portfolio-book.ts';

export interface SqlitePortfolioAccess {
  db: () => Database.Database;
  write: <T>(what: string, body: () => T) => Promise<T>;
}

export class SqlitePortfolioBook implements PortfolioBook {
  constructor(private readonly access: SqlitePortfolioAccess) {}

  private get db(): Database.Database {
    return this.access.db();
  }

  async replacePortfolio(replacement: PortfolioReplacement): Promise<void> {
    await this.access.write('importing a portfolio', () => {
      const db = this.db;
      db.exec('DELETE FROM portfolio_holdings; DELETE FROM portfolio_trades; DELETE FROM portfolio_imports;');
      const holding = db.prepare('INSERT INTO portfolio_holdings (asset_id, quantity, cost_usd, acquired_day) VALUES (?, ?, ?, ?)');
      for (const h of replacement.holdings) holding.run(h.assetId, h.quantity, h.costUsd, h.acquiredDay);
      const trade = db.prepare('INSERT INTO portfolio_trades (seq, day, asset_id, side, quantity, price_usd, fee_usd) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const t of replacement.trades) trade.run(t.seq, t.day, t.assetId, t.side, t.quantity, t.priceUsd, t.feeUsd);
      const i = replacement.import;
      db.prepare('INSERT INTO portfolio_imports (origin, format, imported_at, holdings, trades) VALUES (?, ?, ?, ?, ?)').run(i.origin, i.format, i.importedAt, replacement.holdings.length, replacement.trades.length);
    });
  }

  async readHoldings(): Promise<PortfolioHoldingRecord[]> {
    return this.db.prepare('SELECT asset_id AS assetId, quantity, cost_usd AS costUsd, acquired_day AS acquiredDay FROM portfolio_holdings ORDER BY asset_id').all() as PortfolioHoldingRecord[];
  }

  async readTrades(): Promise<PortfolioTradeRecord[]> {
    return this.db
      .prepare('SELECT seq, day, asset_id AS assetId, side, quantity, price_usd AS priceUsd, fee_usd AS feeUsd FROM portfolio_trades ORDER BY seq')
      .all() as PortfolioTradeRecord[];
  }

  async lastImport(): Promise<PortfolioImportRecord | null> {
    const row = this.db.prepare('SELECT origin, format, imported_at AS importedAt, holdings, trades FROM portfolio_imports ORDER BY id DESC LIMIT 1').get() as PortfolioImportRecord | undefined;
    return row ?? null;
  }

  async savePlan(plan: ProfitPlanRecord): Promise<void> {
    await this.access.write('saving a profit plan', () => {
      this.db
        .prepare('INSERT INTO profit_plans (name, plan, saved_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET plan = excluded.plan, saved_at = excluded.saved_at')
        .run(plan.name, plan.plan, plan.savedAt);
    });
  }

  async listPlans(): Promise<ProfitPlanRecord[]> {
    return this.db.prepare('SELECT name, plan, saved_at AS savedAt FROM profit_plans ORDER BY name').all() as ProfitPlanRecord[];
  }

  async deletePlan(name: string): Promise<boolean> {
    return this.access.write('removing a profit plan', () => this.db.prepare('DELETE FROM profit_plans WHERE name = ?').run(name).changes > 0);
  }
}
