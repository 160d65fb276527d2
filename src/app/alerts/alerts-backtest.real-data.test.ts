/**
 * "ASI 90 d crosses above 75" on the real data in ../shared/data: the rule fires on exactly the
 * dates the index crosses (found here by a plain scan of `altseason index`'s points), hysteresis
 * (re-arm below 65) and a 30-day cooldown hold back the re-crossings they should and only those,
 * and a backtest that ends earlier sees the same fires up to its end (point in time).
 */
import { beforeAll, expect, inject, it } from 'vitest';
import { addDays, parseDay } from '../../domain/dates.ts';
import { parseRules, type RulesFile } from '../../data/alerts/rules-file.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { describeWithSharedData } from '../../../test/shared-data.ts';
import type { AlertsBacktestResult } from '../contracts/alerts.ts';
import { readContext } from '../read-context.ts';
import { seasonIndex } from '../season-index.ts';
import { backtestAlerts } from './alerts-backtest.ts';

const RULES = `
channels: { term: { type: terminal } }
rules:
  - { id: plain, series: asi-90d, when: crosses-above, value: 75, channels: [term] }
  - { id: hysteresis, series: asi-90d, when: crosses-above, value: 75, rearm: 10, channels: [term] }
  - { id: cooldown, series: asi-90d, when: crosses-above, value: 75, cooldown: 30, channels: [term] }
`;
const TO = parseDay('2025-07-28');

describeWithSharedData('alert rules on ../shared/data', () => {
  let result: AlertsBacktestResult;
  let earlier: AlertsBacktestResult;
  let points: { date: string; index: number | null }[];
  const dates = (rule: string, kind: 'fire' | 'suppressed', reason: string | null = null) =>
    result.events.filter((e) => e.ruleId === rule && e.kind === kind && (reason === null || e.reason === reason)).map((e) => e.date);

  beforeAll(async () => {
    const path = inject('realDataDb');
    if (path === null) throw new Error('the global setup did not build the real-data store');
    const store = SqliteStore.open(path, { readOnly: true });
    const context = readContext(store, { today: addDays(TO, 1) });
    const file: RulesFile = parseRules(RULES, 'rules.yaml');
    result = await backtestAlerts(context, file, { to: TO });
    earlier = await backtestAlerts(context, file, { to: parseDay('2021-06-30') });
    points = (await seasonIndex(context, { from: parseDay('2013-01-01'), to: TO, settings: { window: 90 } })).points;
    await store.close();
  }, 120_000);

  it('fires on every date the index crosses 75 from below, and on no other', () => {
    const crossings: string[] = [];
    let previous: number | null = null;
    for (const p of points) {
      if (p.index === null) continue;
      if (previous !== null && previous < 75 && p.index >= 75) crossings.push(p.date);
      previous = p.index;
    }
    expect(crossings.length, 'the real history crosses many times').toBeGreaterThan(20);
    expect(dates('plain', 'fire')).toEqual(crossings);
    expect(crossings[0], 'the first crossing of the shared data').toBe('2015-06-05');
  });

  it('holds back with hysteresis exactly the crossings not preceded by a dip below 65 since the last fire', () => {
    const fired: string[] = [];
    const held: string[] = [];
    let armed = true;
    let previous: number | null = null;
    for (const p of points) {
      if (p.index === null) continue;
      const crosses = previous !== null && previous < 75 && p.index >= 75;
      if (crosses) {
        if (armed) fired.push(p.date);
        else held.push(p.date);
        armed = false;
      } else if (p.index < 65) armed = true;
      previous = p.index;
    }
    expect(held.length, 'some re-crossings are held back').toBeGreaterThan(0);
    expect(dates('hysteresis', 'fire')).toEqual(fired);
    expect(dates('hysteresis', 'suppressed', 'hysteresis')).toEqual(held);
    expect(dates('hysteresis', 'suppressed'), '2015-06-07 re-crosses after a dip to 69.2 only').toContain('2015-06-07');
  });

  it('drops with the cooldown the crossings within 30 days of the last fire, and fires the rest', () => {
    const fires = dates('cooldown', 'fire');
    const dropped = dates('cooldown', 'suppressed', 'cooldown');
    expect([...fires, ...dropped].sort(), 'every crossing is either fired or dropped').toEqual(dates('plain', 'fire'));
    const day = (d: string) => parseDay(d);
    for (let i = 1; i < fires.length; i++) expect(day(fires[i]!) - day(fires[i - 1]!), `${fires[i]} after ${fires[i - 1]}`).toBeGreaterThanOrEqual(30);
    for (const d of dropped) {
      const last = fires.filter((f) => f < d).at(-1)!;
      expect(day(d) - day(last), `${d} is dropped: within 30 days of the fire of ${last}`).toBeLessThan(30);
    }
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('is point in time: a backtest ending 2021-06-30 sees the same triggers up to then', () => {
    expect(earlier.events).toEqual(result.events.filter((e) => e.date <= '2021-06-30'));
  });
});
