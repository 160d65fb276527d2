import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionSize } from '../analytics/risk/position-size.ts';
import type { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { DAYS, fixtureCloses, HOLDINGS_CSV, LAST_DAY, portfolioMarketStore } from '../../test/fixtures/portfolio-market.ts';
import { SizeResultSchema } from './contracts/size.ts';
import { importPortfolio } from './portfolio-import.ts';
import { readContext } from './read-context.ts';
import { size } from './size.ts';

describe('size (use case)', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await portfolioMarketStore();
  });
  afterAll(() => store.close());
  const context = () => readContext(store, { today: LAST_DAY });

  it('lets the 5 % cap bind when the risk budget asks for more, and names it', async () => {
    // E = 100 000, r = 1 %, entry 1.0, stop 0.9: qty_risk = 1000/0.1 = 10 000 (10 % of E) > qty_cap = 5000.
    const r = SizeResultSchema.parse(await size(context(), { asset: 'OR1', riskFraction: 0.01, stopPrice: 0.9, equity: 100_000 }));
    expect(r.entryPriceUsd).toBe(1);
    expect(r.binding).toBe('position-cap');
    expect(r.quantity).toBeCloseTo(5000, 9);
    expect(r.riskAtStopUsd).toBeCloseTo(500, 6);
    expect(r.bindingNote).toMatch(/per-position cap binds \(5\.0 % of equity\)/);
    expect(r.candidates.find((c) => c.constraint === 'risk')!.quantity).toBeCloseTo(10_000, 6);
  });

  it('lets the risk budget bind when the stop is wide, as the analytics say', async () => {
    const r = await size(context(), { asset: 'or1', riskFraction: 0.01, stopPrice: 0.5, equity: 100_000 });
    const expected = positionSize({ equity: 100_000, entryPrice: 1, stopPrice: 0.5, riskFraction: 0.01, positionCap: 0.05 });
    expect(r.binding).toBe('risk');
    expect(r.quantity).toBeCloseTo(expected.quantity, 9);
    expect(r.quantity).toBeCloseTo(2000, 9);
  });

  it('takes the equity from the stored portfolio and the room left in the asset\'s sector', async () => {
    await importPortfolio(store, { name: 'h.csv', text: HOLDINGS_CSV });
    // Portfolio 1000 USD; the sector labels here are the stored ones (none): every asset is
    // 'unclassified', 100 % of equity, so no room is left under the 30 % sector cap.
    const r = await size(context(), { asset: 'OR1', riskFraction: 0.01, stopPrice: 0.9 });
    expect(r.equityUsd).toBe(1000);
    expect(r.equitySource).toBe('portfolio');
    expect(r.binding).toBe('sector-cap');
    expect(r.quantity).toBe(0);
    expect(r.noTradeReason).toBe('no-room');
  });

  it('sizes an ATR stop k × ATR below the entry and refuses a stop above it', async () => {
    const r = await size(context(), { asset: 'OR1', riskFraction: 0.01, atrMultiple: 2, equity: 100_000 });
    expect(r.stop.atr).toBeGreaterThan(0);
    expect(r.stopPriceUsd).toBeCloseTo(1 - 2 * r.stop.atr!, 8);
    await expect(size(context(), { asset: 'OR1', riskFraction: 0.01, stopPrice: 1.2, equity: 100_000 })).rejects.toThrow(/losing side/);
    await expect(size(context(), { asset: 'NOPE', riskFraction: 0.01, stopPrice: 0.9, equity: 1 })).rejects.toThrow(/asset "NOPE"/);
  });

  it('takes Kelly and the volatility target from weekly returns where only weekly closes are stored', async () => {
    const weeklyStore = await portfolioMarketStore(7);
    try {
      const r = await size(readContext(weeklyStore, { today: LAST_DAY }), { asset: 'AAA', riskFraction: 0.01, stopPrice: 0.9, equity: 100_000, kellyMultiplier: 0.5, volatilityTarget: 0.5 });
      // The 21 weekly returns of the 150 stored days, and f* = μ/σ² (σ with T − 1) computed here.
      const p = fixtureCloses().get('AAA')!;
      const weekly = Array.from({ length: 21 }, (_, k) => p[DAYS - 1 - 7 * (20 - k)]! / p[DAYS - 1 - 7 * (21 - k)]! - 1);
      const mean = weekly.reduce((a, b) => a + b, 0) / 21;
      const variance = weekly.reduce((a, b) => a + (b - mean) ** 2, 0) / 20;
      const kelly = r.assumptions.find((a) => a.startsWith('Fractional Kelly'))!;
      expect(kelly, 'f* from the weekly returns, and says so').toContain(`f* = μ/σ² = ${(mean / variance).toFixed(3)} from 21 weekly returns`);
      expect(r.assumptions.find((a) => a.startsWith('Volatility target')), 'annualised by √(365/7)').toContain('× √(365/7)');
      expect(r.candidates.map((c) => c.constraint)).toEqual(expect.arrayContaining(['kelly', 'volatility-target']));
    } finally {
      await weeklyStore.close();
    }
  });
});
