import { describe, expect, it } from 'vitest';
import { addDays, parseDay } from '../domain/dates.ts';
import { makePanel } from '../domain/make-panel.ts';
import { StatusItemSchema } from './contracts/market-status.ts';
import { rotationStatusItem, STATUS_PHASE_DAYS } from './rotation.ts';

describe('rotationStatusItem (the status line)', () => {
  // 300 days: BTC flat; ETH flat, then +1 % a day over the last 40 days; one flat large cap.
  const start = parseDay('2024-01-01');
  const days = 300;
  const flat = (v: number) => Array.from({ length: days }, () => v);
  const eth = Array.from({ length: days }, (_, i) => 50 * 1.01 ** Math.max(0, i - (days - 41)));
  const panel = makePanel([
    { id: 'bitcoin', symbol: 'BTC', firstDay: start, price: flat(100), marketCap: flat(1000) },
    { id: 'ethereum', symbol: 'ETH', firstDay: start, price: eth, marketCap: eth.map((p) => p * 10) },
    { id: 'acoin', symbol: 'A', firstDay: start, price: flat(1), marketCap: flat(100) },
  ]);
  const last = addDays(start, days - 1);

  it('names the phase, the leader and since when, over the last STATUS_PHASE_DAYS days', () => {
    const item = StatusItemSchema.parse(rotationStatusItem(panel, [], start, last));
    expect(item.value).toBe('ETH-led');
    // ETH rises from day 260 (2024-09-17); it beats BTC by the 2 % margin from day 261 (1.01² − 1),
    // and the phase changes once that has held for 5 days: day 265, 2024-09-22, 34 days before the last
    expect(item.reading).toMatch(/^ETH-led since 2024-09-22 \(34 days\); ETH lead at \+34\.8% vs BTC over 30 days/);
    expect(item.number).toBeCloseTo((1.01 ** 30 - 1) * 100, 2);
    expect(item.basis, 'day 299 − 180 = day 119').toContain('over the days since 2024-04-29');
    expect(STATUS_PHASE_DAYS).toBe(180);
  });
});
