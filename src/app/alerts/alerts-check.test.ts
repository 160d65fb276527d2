import { afterEach, describe, expect, it } from 'vitest';
import { addDays, isoDateOf, parseDay } from '../../domain/dates.ts';
import { parseRules } from '../../data/alerts/rules-file.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import { readContext } from '../read-context.ts';
import { alertsLog } from './alerts-log.ts';
import { checkAlerts } from './alerts-check.ts';

const FIRST = parseDay('2024-03-01');
// ^RUT closes, one per day from FIRST: crosses above 100 on days 2, 6 and 8 (from below).
const CLOSES = [90, 95, 101, 103, 97, 99, 104, 98, 102, 102];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function store(): Promise<SqliteStore> {
  const s = SqliteStore.open(':memory:');
  stores.push(s);
  await s.write({
    load: { source: 'test', origin: 'unit' },
    equityBars: CLOSES.map((close, i) => ({ symbol: '^RUT', day: addDays(FIRST, i), source: 'test', open: close, high: close, low: close, close, volume: null })),
  });
  return s;
}

const rules = (extra = '') => parseRules(`channels: { term: { type: terminal } }\nrules:\n  - { id: rut-100, series: rut-close, when: crosses-above, value: 100, channels: [term]${extra} }`, 'rules.yaml');
const day = (i: number) => addDays(FIRST, i);

describe('checkAlerts', () => {
  it('on a first evaluation records only a fire on the as-of bar, then catches up on every later day, each once', async () => {
    const s = await store();
    const lines: string[] = [];
    const run = (at: number, file = rules()) => checkAlerts(readContext(s, { today: day(20) }), file, { at: day(at), delivery: { terminal: (l) => lines.push(l) } });
    const first = await run(3);
    expect(first.fired, 'day 2 is history; day 3 (103 after 101) does not cross').toEqual([]);
    expect(first.rules[0]).toMatchObject({ lastDate: isoDateOf(day(3)), state: 'fired', lastFireDate: isoDateOf(day(2)) });
    const caughtUp = await run(9);
    expect(caughtUp.fired.map((f) => f.date), 'down for days: every fire after the last evaluation').toEqual([isoDateOf(day(6)), isoDateOf(day(8))]);
    expect(caughtUp.delivery).toEqual({ delivered: 2, retried: 0, dead: 0, pending: 0 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[info\] Russell 2000 crosses above 100: 104 on 2024-03-07 \(rule rut-100\)/);
    const again = await run(9);
    expect(again.fired, 'a second check of the same day records nothing').toEqual([]);
    expect(lines, 'and sends nothing').toHaveLength(2);
    const log = await alertsLog(s);
    expect(log.counts).toEqual({ alerts: 2, pending: 0, delivered: 2, dead: 0 });
    expect(log.attempts.map((a) => a.outcome)).toEqual(['delivered', 'delivered']);
  });

  it('fires on the as-of bar of a first evaluation, and treats a changed rule as a new one', async () => {
    const s = await store();
    const context = readContext(s, { today: day(20) });
    const first = await checkAlerts(context, rules(), { at: day(2), deliver: false });
    expect(first.fired.map((f) => f.date)).toEqual([isoDateOf(day(2))]);
    expect(first.delivery).toBeNull();
    const changed = await checkAlerts(context, rules(', cooldown: 5'), { at: day(8), deliver: false });
    // Replayed with the cooldown: fires day 2, drops day 6 (< 2 + 5), re-arms day 7, fires day 8; only the as-of bar is new.
    expect(changed.fired.map((f) => f.date), 'a new meaning starts afresh: only the as-of bar').toEqual([isoDateOf(day(8))]);
    expect(changed.fired[0]!.key, 'a new rule version, a new dedupe key').not.toBe(first.fired[0]!.key);
    expect((await s.alerts.listDeliveries({ status: 'pending' })).length, 'undelivered alerts stay pending').toBe(2);
  });

  it('refuses a phase rule on a numeric series, naming the rule and field', async () => {
    const s = await store();
    const file = parseRules('channels: { t: { type: terminal } }\nrules:\n  - { id: p, series: rut-close, when: enters-phase, phase: memes, channels: [t] }', 'r.yaml');
    await expect(checkAlerts(readContext(s), file, { at: day(3) })).rejects.toThrow(/rule "p" \(rules\[0\]\), field "when": enters-phase needs a phase series/);
  });
});
