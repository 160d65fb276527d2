/**
 * Profit-plan rules on the real data in ../shared/data: an ASI exit bought into the 2021 season
 * fires on the first day the index closes below 75 after it reached 85, the day itself and never
 * earlier, and a check on the day before knows nothing of it.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { parseDay, type DayNumber } from '../domain/dates.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { describeWithSharedData } from '../../test/shared-data.ts';
import { importPortfolio } from './portfolio-import.ts';
import { planCheck, savePlan } from './portfolio-plan.ts';
import { readContext } from './read-context.ts';
import { seasonIndex } from './season-index.ts';

describeWithSharedData('profit-plan rules on ../shared/data', () => {
  let dir: string;
  let store: SqliteStore;
  beforeAll(async () => {
    const path = inject('realDataDb');
    if (path === null) throw new Error('the global setup did not build the real-data store');
    dir = mkdtempSync(join(tmpdir(), 'altseason-plan-'));
    // A copy: the plan and the portfolio are written, and the shared store stays as it is.
    copyFileSync(path, join(dir, 'store.db'));
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, join(dir, 'store.db-wal'));
    store = SqliteStore.open(join(dir, 'store.db'));
    await importPortfolio(store, { name: 'h.csv', text: 'asset,quantity,cost_usd,acquired\nETH,10,7300,2021-01-01\nBTC,1,29000,2021-01-01\n' });
    await savePlan(store, { name: 'plan.yaml', text: 'name: season-exit\nrules:\n  - { id: asi-exit, scope: alts, asi_below: 75, after_peak_above: 85, sell_pct: 50 }\n' });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fires the ASI exit of the alt book on the first close below 75 after the 2021 peak ≥ 85, not on BTC', async () => {
    const context = readContext(store, { today: parseDay('2021-12-31') });
    const asi = await seasonIndex(context, { from: parseDay('2021-01-02'), to: parseDay('2021-12-31') });
    const firstPeak = asi.points.findIndex((p) => p.index !== null && p.index >= 85);
    expect(firstPeak, 'the 2021 season reached 85').toBeGreaterThan(-1);
    const exit = asi.points.findIndex((p, i) => i > firstPeak && p.index !== null && p.index < 75);
    const exitDate = asi.points[exit]!.date;
    expect(exitDate > '2021-03-01' && exitDate < '2021-12-31', `the exit ${exitDate} is after the season's peak`).toBe(true);

    const result = await planCheck(context, { name: 'season-exit', at: parseDay('2021-12-31') });
    expect(result.firings.map((f) => [f.id, f.date, f.ruleId, f.quantity])).toEqual([['ethereum', exitDate, 'asi-exit', '5']]);
    expect(result.firings[0]!.value).toBeLessThan(75);

    const onTheDay = await planCheck(context, { name: 'season-exit', at: parseDay(exitDate) });
    expect(onTheDay.firings.map((f) => [f.date, f.firesToday])).toEqual([[exitDate, true]]);
    const dayBefore = await planCheck(context, { name: 'season-exit', at: (parseDay(exitDate) - 1) as DayNumber });
    expect(dayBefore.firings, 'the day before knows nothing of the exit').toEqual([]);
  }, 120_000);
});
