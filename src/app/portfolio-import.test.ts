import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { HOLDINGS_CSV, LAST_DAY, portfolioMarketStore } from '../../test/fixtures/portfolio-market.ts';
import { PortfolioResultSchema } from './contracts/portfolio.ts';
import { importPortfolio } from './portfolio-import.ts';
import { portfolioShow } from './portfolio-show.ts';
import { readContext } from './read-context.ts';

describe('importPortfolio and portfolioShow', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await portfolioMarketStore();
  });
  afterAll(() => store.close());

  it('stores a holdings file and shows it valued at the stored closes, exactly', async () => {
    const result = await importPortfolio(store, { name: 'h.csv', text: HOLDINGS_CSV });
    expect([result.format, result.holdings, result.replacedHoldings]).toEqual(['holdings-csv', 19, 0]);
    const shown = PortfolioResultSchema.parse(await portfolioShow(readContext(store, { today: LAST_DAY })));
    expect(shown.totalValueUsd).toBe('1000.00');
    expect(shown.totalCostUsd).toBe('500.00');
    expect(shown.unrealisedPnlUsd).toBe('500.00');
    const aaa = shown.holdings.find((h) => h.id === 'aaa')!;
    expect([aaa.quantity, aaa.valueUsd, aaa.weight, aaa.priceDate]).toEqual(['120', '120.00', 0.12, '2023-05-30']);
  });

  const malformed: [string, string][] = [
    ['an unknown asset on the last line', 'asset,quantity\nAAA,1\nDB1,2\nNOPE,3\n'],
    ['a duplicate row', 'asset,quantity\nAAA,1\naaa,2\n'],
    ['a negative quantity', 'asset,quantity\nAAA,1\nDB1,-2\n'],
    ['a trade list selling more than it bought', 'date,asset,side,quantity,price_usd,fee_usd\n2023-01-02,AAA,buy,1,1,0\n2023-01-03,AAA,sell,2,1,0\n'],
    ['broken JSON', '[{"asset":"AAA","quantity":1},'],
  ];
  for (const [what, text] of malformed) {
    it(`leaves the stored portfolio unchanged after a file with ${what}`, async () => {
      const before = await store.portfolio.readHoldings();
      const lastImport = await store.portfolio.lastImport();
      expect(before).toHaveLength(19);
      await expect(importPortfolio(store, { name: 'bad.csv', text })).rejects.toThrow(/bad\.csv/);
      expect(await store.portfolio.readHoldings()).toEqual(before);
      expect(await store.portfolio.lastImport()).toEqual(lastImport);
    });
  }
});
