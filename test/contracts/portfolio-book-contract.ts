/**
 * The portfolio part of the Store contract (src/data/store/portfolio-book.ts), run for every
 * implementation by storeContract().
 */
import { describe, expect, it } from 'vitest';
import { parseDay, type UnixMs } from '../../src/domain/dates.ts';
import type { PortfolioReplacement } from '../../src/data/store/portfolio-book.ts';
import type { Store } from '../../src/data/store/store.ts';

const at = (ms: number) => ms as UnixMs;

const first: PortfolioReplacement = {
  import: { origin: 'a.csv', format: 'holdings-csv', importedAt: at(1000) },
  holdings: [
    { assetId: 'ethereum', quantity: '2.5', costUsd: '5000.10', acquiredDay: parseDay('2021-01-02') },
    { assetId: 'bitcoin', quantity: '0.12345678', costUsd: null, acquiredDay: null },
  ],
  trades: [],
};

export function portfolioBookContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} keeps the portfolio`, () => {
    it('replaces holdings and trades in one write, keeping exact decimal text', async () => {
      const store = await makeStore();
      expect(await store.portfolio.lastImport()).toBeNull();
      await store.portfolio.replacePortfolio(first);
      expect(await store.portfolio.readHoldings()).toEqual([first.holdings[1], first.holdings[0]]);
      expect(await store.portfolio.lastImport()).toEqual({ origin: 'a.csv', format: 'holdings-csv', importedAt: 1000, holdings: 2, trades: 0 });
      await store.portfolio.replacePortfolio({
        import: { origin: 't.csv', format: 'trades-csv', importedAt: at(2000) },
        holdings: [{ assetId: 'solana', quantity: '10', costUsd: '100.5', acquiredDay: parseDay('2022-03-04') }],
        trades: [{ seq: 1, day: parseDay('2022-03-04'), assetId: 'solana', side: 'buy', quantity: '10', priceUsd: '10', feeUsd: '0.5' }],
      });
      expect((await store.portfolio.readHoldings()).map((h) => h.assetId), 'the earlier holdings are gone').toEqual(['solana']);
      expect(await store.portfolio.readTrades()).toEqual([{ seq: 1, day: parseDay('2022-03-04'), assetId: 'solana', side: 'buy', quantity: '10', priceUsd: '10', feeUsd: '0.5' }]);
      expect((await store.portfolio.lastImport())?.origin).toBe('t.csv');
    });

    it('leaves the stored portfolio unchanged when a replacement fails inside its transaction', async () => {
      const store = await makeStore();
      await store.portfolio.replacePortfolio(first);
      const duplicate: PortfolioReplacement = {
        import: { origin: 'bad.csv', format: 'holdings-csv', importedAt: at(3000) },
        holdings: [
          { assetId: 'solana', quantity: '1', costUsd: null, acquiredDay: null },
          { assetId: 'solana', quantity: '2', costUsd: null, acquiredDay: null },
        ],
        trades: [],
      };
      await expect(store.portfolio.replacePortfolio(duplicate)).rejects.toThrow();
      expect(await store.portfolio.readHoldings()).toEqual([first.holdings[1], first.holdings[0]]);
      expect((await store.portfolio.lastImport())?.origin).toBe('a.csv');
    });

    it('saves, replaces, lists and removes named plans', async () => {
      const store = await makeStore();
      await store.portfolio.savePlan({ name: 'b', plan: '{"rules":[]}', savedAt: at(1) });
      await store.portfolio.savePlan({ name: 'a', plan: '{"rules":[1]}', savedAt: at(2) });
      await store.portfolio.savePlan({ name: 'b', plan: '{"rules":[2]}', savedAt: at(3) });
      expect(await store.portfolio.listPlans()).toEqual([
        { name: 'a', plan: '{"rules":[1]}', savedAt: 2 },
        { name: 'b', plan: '{"rules":[2]}', savedAt: 3 },
      ]);
      expect(await store.portfolio.deletePlan('a')).toBe(true);
      expect(await store.portfolio.deletePlan('a')).toBe(false);
      expect((await store.portfolio.listPlans()).map((p) => p.name)).toEqual(['b']);
    });
  });
}
