import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, parseDay, type DayNumber } from '../domain/dates.ts';
import type { ObservationRecord } from '../domain/records.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { dailyRankingsFor } from './daily-rankings.ts';
import { readContext, type ReadContext } from './read-context.ts';
import { seasonIndex } from './season-index.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-rankings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIRST = parseDay('2022-01-01');
const DAYS = 400;
/** BTC and 12 alts whose caps cross each other over time, one listed late, one delisted early. */
function observations(): ObservationRecord[] {
  const rows: ObservationRecord[] = [];
  for (let c = 0; c <= 12; c++) {
    const id = c === 0 ? 'bitcoin' : `alt${c}`;
    const from = c === 7 ? 150 : 0;
    const to = c === 9 ? 250 : DAYS;
    for (let i = from; i < to; i++) {
      const price = c === 0 ? 100 + i : 1 + c + Math.sin((i + 13 * c) / 40);
      rows.push({ assetId: id, day: addDays(FIRST, i), source: 'test', symbol: id.toUpperCase(), price, marketCap: c === 0 ? 1e9 : price * (20 + ((c * 7) % 13)) * 1e6, volume: null, rank: null });
    }
  }
  return rows;
}

describe('the index over a long range reads kept daily rankings', () => {
  it('keeps them beside the panel cache on the first run and gives the live ranking’s answers', async () => {
    const path = join(dir, 'store.db');
    const writer = SqliteStore.open(path);
    const assets = ['bitcoin', ...Array.from({ length: 12 }, (_, i) => `alt${i + 1}`)].map((id) => ({ id, symbol: id.toUpperCase(), name: id }));
    await writer.write({ load: { source: 'test', origin: 'fixture' }, assets, observations: observations() });
    const today = addDays(FIRST, DAYS);
    const kept = readContext(writer, { today });
    const live: ReadContext = { ...readContext(writer, { today }), derived: undefined };
    const query = { from: addDays(FIRST, 0), to: addDays(FIRST, DAYS - 1) as DayNumber, settings: { window: 30, top: 5, minUniverse: 1 } };

    const first = await seasonIndex(kept, query);
    expect(existsSync(`${path}.panel-cache.daily-rankings`), 'the first long-range index keeps the rankings').toBe(true);
    const second = await seasonIndex(kept, query);
    const reference = await seasonIndex(live, query);
    expect(first).toEqual(reference);
    expect(second).toEqual(reference);

    // A shorter panel (cut at an earlier end) is served by the same kept rankings.
    const cut = await kept.panel({ to: addDays(FIRST, 200) });
    const rankings = await writer.snapshot(() => dailyRankingsFor(kept, cut, 7));
    expect(rankings?.offsets.length, 'the kept rankings cover the full history').toBe(DAYS + 1);
    expect(await seasonIndex(kept, { ...query, to: addDays(FIRST, 299) })).toEqual(await seasonIndex(live, { ...query, to: addDays(FIRST, 299) }));
    await writer.close();
  });
});
