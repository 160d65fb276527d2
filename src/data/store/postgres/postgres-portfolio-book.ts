/**
 * The portfolio and profit plans (../portfolio-book.ts) in a PostgreSQL store: every write runs
 * through the store's own write path (one transaction under its advisory write lock); reads use the
 * pool (or the open snapshot's connection).
 */
import type pg from 'pg';
import type { DayNumber, UnixMs } from '../../../domain/dates.ts';
import type { PortfolioBook, PortfolioHoldingRecord, PortfolioImportRecord, PortfolioReplacement, PortfolioTradeRecord, ProfitPlanRecord } from '../portfolio-book.ts';

export interface PostgresPortfolioAccess {
  read: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;
  write: <T>(what: string, body: (client: pg.PoolClient) => Promise<T>) => Promise<T>;
}

export class PostgresPortfolioBook implements PortfolioBook {
  constructor(private readonly access: PostgresPortfolioAccess) {}

  async replacePortfolio(replacement: PortfolioReplacement): Promise<void> {
    await this.access.write('importing a portfolio', async (client) => {
      await client.query('DELETE FROM portfolio_holdings');
      await client.query('DELETE FROM portfolio_trades');
      await client.query('DELETE FROM portfolio_imports');
      for (const h of replacement.holdings) {
        await client.query('INSERT INTO portfolio_holdings (asset_id, quantity, cost_usd, acquired_day) VALUES ($1, $2, $3, $4)', [h.assetId, h.quantity, h.costUsd, h.acquiredDay]);
      }
      for (const t of replacement.trades) {
        await client.query('INSERT INTO portfolio_trades (seq, day, asset_id, side, quantity, price_usd, fee_usd) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          t.seq,
          t.day,
          t.assetId,
          t.side,
          t.quantity,
          t.priceUsd,
          t.feeUsd,
        ]);
      }
      const i = replacement.import;
      await client.query('INSERT INTO portfolio_imports (origin, format, imported_at, holdings, trades) VALUES ($1, $2, $3, $4, $5)', [
        i.origin,
        i.format,
        i.importedAt,
        replacement.holdings.length,
        replacement.trades.length,
      ]);
    });
  }

  async readHoldings(): Promise<PortfolioHoldingRecord[]> {
    const rows = await this.access.read<PortfolioHoldingRecord>('SELECT asset_id AS "assetId", quantity, cost_usd AS "costUsd", acquired_day AS "acquiredDay" FROM portfolio_holdings ORDER BY asset_id');
    return rows.map((r) => ({ ...r, acquiredDay: r.acquiredDay === null ? null : (Number(r.acquiredDay) as DayNumber) }));
  }

  async readTrades(): Promise<PortfolioTradeRecord[]> {
    const rows = await this.access.read<PortfolioTradeRecord>(
      'SELECT seq, day, asset_id AS "assetId", side, quantity, price_usd AS "priceUsd", fee_usd AS "feeUsd" FROM portfolio_trades ORDER BY seq',
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq), day: Number(r.day) as DayNumber }));
  }

  async lastImport(): Promise<PortfolioImportRecord | null> {
    const [row] = await this.access.read<PortfolioImportRecord>('SELECT origin, format, imported_at AS "importedAt", holdings, trades FROM portfolio_imports ORDER BY id DESC LIMIT 1');
    return row ? { ...row, importedAt: Number(row.importedAt) as UnixMs, holdings: Number(row.holdings), trades: Number(row.trades) } : null;
  }

  async savePlan(plan: ProfitPlanRecord): Promise<void> {
    await this.access.write('saving a profit plan', async (client) => {
      await client.query('INSERT INTO profit_plans (name, plan, saved_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET plan = excluded.plan, saved_at = excluded.saved_at', [
        plan.name,
        plan.plan,
        plan.savedAt,
      ]);
    });
  }

  async listPlans(): Promise<ProfitPlanRecord[]> {
    const rows = await this.access.read<ProfitPlanRecord>('SELECT name, plan, saved_at AS "savedAt" FROM profit_plans ORDER BY name');
    return rows.map((r) => ({ ...r, savedAt: Number(r.savedAt) as UnixMs }));
  }

  async deletePlan(name: string): Promise<boolean> {
    return this.access.write('removing a profit plan', async (client) => ((await client.query('DELETE FROM profit_plans WHERE name = $1', [name])).rowCount ?? 0) > 0);
  }
}
