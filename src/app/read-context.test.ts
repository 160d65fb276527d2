import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, parseDay, type DayNumber } from '../domain/dates.ts';
import type { ObservationRecord } from '../domain/records.ts';
import { loadPanel } from '../data/panel/load-panel.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { readContext, type ReadContext } from './read-context.ts';
import { seasonIndex } from './season-index.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIRST = parseDay('2024-01-01');
const coins = [
  { assetId: 'bitcoin', symbol: 'BTC', cap: 1000 },
  { assetId: 'ethereum', symbol: 'ETH', cap: 500 },
  { assetId: 'dogecoin', symbol: 'DOGE', cap: 100 },
];
function days(from: number, count: number, priceOf: (coin: string, i: number) => number): ObservationRecord[] {
  return coins.flatMap((c) =>
    Array.from({ length: count }, (_, i): ObservationRecord => ({ assetId: c.assetId, day: (from + i) as DayNumber, source: 'test', symbol: c.symbol, price: priceOf(c.assetId, from + i - FIRST), marketCap: c.cap, volume: null, rank: null })),
  );
}

describe('a read use case sees one state of the store', () => {
  it('prints the state before a write that commits while it reads, never a mix', async () => {
    const path = join(dir, 'store.db');
    const writer = SqliteStore.open(path);
    await writer.write({ load: { source: 'test', origin: 'first' }, assets: coins.map((c) => ({ id: c.assetId, symbol: c.symbol, name: c.symbol })), observations: days(FIRST, 20, (coin, i) => (coin === 'ethereum' ? 10 + i : 100)) });
    const reader = SqliteStore.open(path, { readOnly: true });
    const plain = readContext(reader, { today: addDays(FIRST, 25) });
    const before = await seasonIndex(plain, { settings: { window: 10, top: 5, stalenessDays: 1, minUniverse: 1 } });

    // Between the use case's first read (the stored span) and its panel read, another connection
    // commits a load that revises the last five days (ETH falls) and adds ten more: a reader
    // without a snapshot would mix the old span with the revised prices.
    let wrote = false;
    const racing: ReadContext = {
      ...plain,
      panel: async (range) => {
        if (!wrote) {
          wrote = true;
          await writer.write({ load: { source: 'test', origin: 'second' }, observations: days(addDays(FIRST, 15), 15, (coin) => (coin === 'ethereum' ? 1 : 100)) });
        }
        return loadPanel(reader, range ?? {});
      },
    };
    const during = await seasonIndex(racing, { settings: { window: 10, top: 5, stalenessDays: 1, minUniverse: 1 } });
    expect(wrote, 'the write happened in the middle of the read').toBe(true);
    expect(during.points, 'the answer is the state before the write, whole').toEqual(before.points);
    expect(during.to, 'and it says the data end where they ended then').toBe('2024-01-20');

    const after = await seasonIndex(plain, { settings: { window: 10, top: 5, stalenessDays: 1, minUniverse: 1 } });
    expect(after.to, 'the next read sees the write').toBe('2024-01-30');
    await reader.close();
    await writer.close();
  });
});
