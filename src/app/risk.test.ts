import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayNumber } from '../domain/dates.ts';
import { concentrationFindings, effectiveNumberOfBets, herfindahlIndex } from '../analytics/risk/concentration.ts';
import { ledoitWolfCovariance } from '../analytics/risk/correlation-matrix.ts';
import { hierarchicalRiskParity } from '../analytics/risk/hierarchical-risk-parity.ts';
import { valueAtRiskTable } from '../analytics/risk/value-at-risk.ts';
import type { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { BOOK, DAYS, fixtureCloses, HOLDINGS_CSV, idOf, LAST_DAY, portfolioMarketStore, SECTORS_FILE } from '../../test/fixtures/portfolio-market.ts';
import { RiskResultSchema } from './contracts/risk.ts';
import { importPortfolio } from './portfolio-import.ts';
import { readContext } from './read-context.ts';
import { risk } from './risk.ts';

describe('risk (use case) on a hand-made market', () => {
  let store: SqliteStore;
  const window = 100;
  beforeAll(async () => {
    store = await portfolioMarketStore();
    await importPortfolio(store, { name: 'h.csv', text: HOLDINGS_CSV });
  });
  afterAll(() => store.close());

  const run = () => risk(readContext(store, { today: LAST_DAY }), { limits: { windowDays: window }, sectorsFile: SECTORS_FILE });

  it('flags the 12 % position and the 45 % sector, each with its number and limit, and nothing at the caps', async () => {
    const result = RiskResultSchema.parse(await run());
    const breaches = result.findings.filter((f) => f.severity === 'breach').map((f) => [f.kind, f.subject, f.value, f.limit]);
    expect(breaches).toEqual([
      ['position-cap', 'aaa', 0.12, 0.05],
      ['sector-cap', 'defi', 0.45, 0.3],
    ]);
    expect(result.positions.find((p) => p.id === 'aaa')!.overCap).toBe(true);
    expect(result.positions.filter((p) => p.overCap)).toHaveLength(1);
    expect(result.sectors.map((s) => [s.sector, s.exposure, s.overCap])).toEqual([
      ['defi', 0.45, true],
      ['layer1', 0.25, false],
      ['meme', 0.2, false],
      ['oracle', 0.1, false],
    ]);
  });

  it('reports the analytics\' HHI, effective bets, VaR/CVaR and HRP for the same weights and returns', async () => {
    const result = await run();
    const ids = result.positions.map((p) => p.id);
    const weightOf = new Map(BOOK.map(([s, , w]) => [idOf(s), w / 100]));
    const weights = ids.map((id) => weightOf.get(id)!);
    expect(result.positions.map((p) => p.weight)).toEqual(weights);
    const closes = fixtureCloses();
    const symbolOf = new Map(BOOK.map(([s]) => [idOf(s), s]));
    // Returns of the last `window` days, from the closes written to the store.
    const returns = ids.map((id) => {
      const p = closes.get(symbolOf.get(id)!)!;
      return Float64Array.from({ length: window }, (_, k) => p[DAYS - window + k]! / p[DAYS - window + k - 1]! - 1);
    });
    const hhi = herfindahlIndex(weights)!;
    expect(result.concentration.hhi).toBeCloseTo(hhi.hhi, 6);
    expect(result.concentration.hhi).toBeCloseTo(weights.reduce((s, w) => s + w * w, 0), 6);
    const shrunk = ledoitWolfCovariance(returns)!;
    expect(result.concentration.observations).toBe(window);
    expect(result.concentration.effectiveBets).toBeCloseTo(effectiveNumberOfBets(weights, shrunk.covariance)!.effectiveBets, 6);
    const hrp = hierarchicalRiskParity(shrunk.covariance);
    result.positions.forEach((p, i) => expect(p.hrpWeight).toBeCloseTo(hrp.weights[i]!, 6));
    const table = valueAtRiskTable(weights, returns, { window });
    expect(result.valueAtRisk).toHaveLength(table.length);
    result.valueAtRisk.forEach((row, i) => {
      expect([row.method, row.confidence, row.horizonDays]).toEqual([table[i]!.method, table[i]!.confidence, table[i]!.horizonDays]);
      expect(row.valueAtRisk).toBeCloseTo(table[i]!.valueAtRisk, 6);
      expect(row.valueAtRiskUsd).toBeCloseTo(table[i]!.valueAtRisk * 1000, 2);
    });
    const findings = concentrationFindings(ids.map((id, i) => ({ id, weight: weights[i]!, sector: BOOK.find(([s]) => idOf(s) === id)![1] })));
    expect(result.findings.filter((f) => f.kind !== 'few-bets' && f.kind !== 'cluster-cap').map((f) => f.message)).toEqual(findings.map((f) => f.message));
  });

  it('falls back to weekly returns where only weekly closes are stored, and says so', async () => {
    const weeklyStore = await portfolioMarketStore(7);
    try {
      await importPortfolio(weeklyStore, { name: 'h.csv', text: HOLDINGS_CSV });
      const result = await risk(readContext(weeklyStore, { today: LAST_DAY }), { limits: { windowDays: 147 }, sectorsFile: SECTORS_FILE });
      expect(result.returnPeriodDays).toBe(7);
      const closes = fixtureCloses();
      // 147 days = 21 weeks back from the last day: 21 weekly returns, fewer than 26, so a thin-data warning.
      expect(result.concentration.observations).toBe(21);
      expect(result.findings.find((f) => f.kind === 'thin-data')).toMatchObject({ value: 21, limit: 26 });
      // 1 and 10 days carried from the weekly figures (√(h/7)), 7 days straight from the weekly returns.
      expect([...new Set(result.valueAtRisk.map((row) => `${row.horizonDays}:${row.scaledFromDays}`))]).toEqual(['1:7', '7:null', '10:7']);
      const weeklyTable = valueAtRiskTable(
        result.positions.map((x) => x.weight),
        result.positions.map((x) => {
          const q = closes.get(BOOK.find(([s]) => idOf(s) === x.id)![0])!;
          return Float64Array.from({ length: 21 }, (_, k) => q[DAYS - 1 - 7 * (20 - k)]! / q[DAYS - 1 - 7 * (21 - k)]! - 1);
        }),
        { window: 21, periodDays: 7, horizons: [1, 7, 10] },
      );
      result.valueAtRisk.forEach((row, i) => expect(row.valueAtRisk, `${row.method} ${row.horizonDays}d`).toBeCloseTo(weeklyTable[i]!.valueAtRisk, 5));
      expect(result.returnCoverage, 'coverage: 21 weeks = the whole 147-day window').toEqual({ periodDays: 7, from: '2023-01-04', to: '2023-05-30', periods: 21, windowDays: 147, coveredDays: 147, share: 1 });
      const p = closes.get('AAA')!;
      const weekly = Float64Array.from({ length: 21 }, (_, k) => p[DAYS - 1 - 7 * (20 - k)]! / p[DAYS - 1 - 7 * (21 - k)]! - 1);
      const position = result.positions.find((x) => x.id === 'aaa')!;
      const mean = weekly.reduce((a, b) => a + b, 0) / 21;
      const variance = weekly.reduce((a, b) => a + (b - mean) ** 2, 0) / 21;
      // Ledoit–Wolf keeps the sample variances (divisor T) on the diagonal.
      expect(position.annualVolatility).toBeCloseTo(Math.sqrt((variance * 365) / 7), 5);
      // Two days after a snapshot the weeks end on the snapshot (closes on every holding), not on days with none.
      const later = await risk(readContext(weeklyStore, { today: LAST_DAY }), { at: (LAST_DAY - 2) as DayNumber, limits: { windowDays: 147 }, sectorsFile: SECTORS_FILE });
      expect([later.returnPeriodDays, later.returnCoverage.to, later.returnCoverage.periods], 'anchored on the last snapshot, one week fewer in the window').toEqual([7, '2023-05-23', 20]);
    } finally {
      await weeklyStore.close();
    }
  });

  it('reads nothing after --at: a day inside the data gives the weights at that day\'s closes', async () => {
    const at = (LAST_DAY - 10) as DayNumber;
    const result = await risk(readContext(store, { today: LAST_DAY }), { at, limits: { windowDays: 60 }, sectorsFile: SECTORS_FILE });
    const closes = fixtureCloses();
    const values = BOOK.map(([s, , w]) => w * 10 * closes.get(s)![DAYS - 11]!);
    const total = values.reduce((a, b) => a + b, 0);
    expect(result.asOf).toBe('2023-05-20');
    expect(result.positions.find((p) => p.id === 'aaa')!.weight).toBeCloseTo(values[0]! / total, 6);
  });
});
