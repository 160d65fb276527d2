/**
 * The contract every Store implementation passes (SQLite: sqlite-store.test.ts; PostgreSQL:
 * postgres-store.test.ts). Call it from the implementation's test file with a factory that gives a
 * fresh, empty store, and one that opens a second handle on a store (another connection, as a
 * second process would have).
 */
import { describe, expect, it } from 'vitest';
import { parseDay, type UnixMs } from '../../src/domain/dates.ts';
import type { ObservationRecord } from '../../src/domain/records.ts';
import { DEFAULT_SOURCE_PRECEDENCE } from '../../src/data/store/default-source-precedence.ts';
import type { Store } from '../../src/data/store/store.ts';
import { alertJournalContract } from './alert-journal-contract.ts';
import { portfolioBookContract } from './portfolio-book-contract.ts';

const d = (text: string) => parseDay(text);

function observation(partial: Partial<ObservationRecord> & Pick<ObservationRecord, 'assetId' | 'day'>): ObservationRecord {
  return { source: 'test', symbol: 'BTC', price: 1, marketCap: 10, volume: 5, rank: null, ...partial };
}

export function storeContract(name: string, makeStore: () => Promise<Store>, openAgain?: (store: Store) => Promise<Store>): void {
  alertJournalContract(name, makeStore);
  portfolioBookContract(name, makeStore);
  describe(`${name} passes the Store contract`, () => {
    if (openAgain) {
      it('pins a snapshot against another handle\'s write, which it sees once the snapshot ended', async () => {
        const reader = await makeStore();
        const writer = await openAgain(reader);
        await writer.write({ load: { source: 't', origin: 'one' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] });
        const seen = await reader.snapshot(async () => {
          const before = (await reader.listAssets()).length;
          await writer.write({ load: { source: 't', origin: 'two' }, assets: [{ id: 'ethereum', symbol: 'ETH', name: 'Ethereum' }] });
          return { before, after: (await reader.listAssets()).length, loadId: await reader.latestLoadId() };
        });
        expect(seen, 'the other handle\'s write is not seen inside the snapshot').toEqual({ before: 1, after: 1, loadId: 1 });
        expect((await reader.listAssets()).length, 'and is seen once it ended').toBe(2);
        await reader.close();
        await writer.close();
      });

      it('stores rows written by two handles at once once, and one load per content hash', async () => {
        const first = await makeStore();
        const second = await openAgain(first);
        const days = Array.from({ length: 50 }, (_, i) => d('2021-01-01') + i);
        const batch = (origin: string) => ({
          load: { source: 'test', origin, contentHash: 'same-file', skipIfContentLoaded: true },
          assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }],
          observations: days.map((day) => observation({ assetId: 'bitcoin', day: day as ObservationRecord['day'], price: day })),
        });
        const results = await Promise.all([first.write(batch('a')), second.write(batch('b')), first.write({ ...batch('c'), load: { source: 'test', origin: 'c' } })]);
        expect(results.filter((r) => r.alreadyLoaded).length, 'of two writes of one content, one finds the other').toBe(1);
        expect((await first.summary()).observations, 'no row twice').toBe(days.length);
        expect((await second.readObservations()).map((o) => o.price), 'both handles read the same rows').toEqual(days);
        expect((await first.listLoads()).length, 'the content load and the plain one').toBe(2);
        await first.close();
        await second.close();
      });
    }


    it('writes a batch and reads it back in order', async () => {
      const store = await makeStore();
      const result = await store.write({
        load: { source: 'test', origin: 'unit', contentHash: 'h1' },
        assets: [
          { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
          { id: 'ethereum', symbol: 'ETH', name: 'Ethereum' },
        ],
        observations: [
          observation({ assetId: 'ethereum', day: d('2021-01-02'), symbol: 'ETH', price: 700 }),
          observation({ assetId: 'bitcoin', day: d('2021-01-02'), price: 30000 }),
          observation({ assetId: 'bitcoin', day: d('2021-01-01'), price: 29000 }),
        ],
        equityBars: [{ symbol: '^RUT', day: d('2021-01-04'), source: 'test', open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 }],
        seriesPoints: [{ series: 'btc_dominance_pct', at: (d('2021-01-03') * 86_400_000) as UnixMs, source: 'test', value: 70.3 }],
        categoryRules: [{ symbol: 'USDT', name: 'Tether', category: 'stablecoin', excludeFromIndex: true, source: 'test' }],
      });
      expect(result.changed, 'every new row counts as changed').toBeGreaterThanOrEqual(6);
      const observations = await store.readObservations();
      expect(observations.map((o) => `${o.assetId}@${o.day}`), 'ordered by asset, then day').toEqual([
        `bitcoin@${d('2021-01-01')}`,
        `bitcoin@${d('2021-01-02')}`,
        `ethereum@${d('2021-01-02')}`,
      ]);
      expect((await store.readEquityBars('^RUT'))[0]?.close).toBe(1.5);
      expect((await store.readSeries('btc_dominance_pct'))[0]?.value).toBe(70.3);
      expect((await store.listCategoryRules())[0]).toMatchObject({ symbol: 'USDT', excludeFromIndex: true });
      expect(await store.findLoadByHash('h1'), 'provenance is recorded').toMatchObject({ source: 'test', origin: 'unit' });
      await store.close();
    });

    it('reads observations by day range and by asset, sources in name order within a day', async () => {
      const store = await makeStore();
      await store.write({
        load: { source: 'test', origin: 'unit' },
        assets: [
          { id: 'zcash', symbol: 'ZEC', name: 'Zcash' },
          { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
        ],
        observations: [
          observation({ assetId: 'zcash', day: d('2021-01-02'), symbol: 'ZEC', source: 'b' }),
          observation({ assetId: 'bitcoin', day: d('2021-01-03'), source: 'z' }),
          observation({ assetId: 'bitcoin', day: d('2021-01-03'), source: 'a' }),
          observation({ assetId: 'bitcoin', day: d('2021-01-01'), source: 'm' }),
        ],
      });
      const key = (o: ObservationRecord) => `${o.assetId}@${o.day}/${o.source}`;
      expect((await store.readObservations()).map(key), 'asset id order even though zcash was written first').toEqual([
        `bitcoin@${d('2021-01-01')}/m`,
        `bitcoin@${d('2021-01-03')}/a`,
        `bitcoin@${d('2021-01-03')}/z`,
        `zcash@${d('2021-01-02')}/b`,
      ]);
      expect((await store.readObservations({ from: d('2021-01-02'), to: d('2021-01-02') })).map(key), 'a day range').toEqual([`zcash@${d('2021-01-02')}/b`]);
      expect((await store.readObservations({ assetIds: ['zcash'] })).map(key), 'one asset').toEqual([`zcash@${d('2021-01-02')}/b`]);
      expect((await store.readObservations({ from: d('2021-01-02') })).map(key), 'a range open at its end, in asset order').toEqual([
        `bitcoin@${d('2021-01-03')}/a`,
        `bitcoin@${d('2021-01-03')}/z`,
        `zcash@${d('2021-01-02')}/b`,
      ]);
      expect((await store.readObservations({ from: d('2021-01-02'), assetIds: ['bitcoin'] })).map(key), 'a range and an asset').toEqual([`bitcoin@${d('2021-01-03')}/a`, `bitcoin@${d('2021-01-03')}/z`]);
      expect(await store.observationStats(), 'per-source stats').toEqual([
        { source: 'a', observations: 1, assets: 1, firstDay: d('2021-01-03'), lastDay: d('2021-01-03') },
        { source: 'b', observations: 1, assets: 1, firstDay: d('2021-01-02'), lastDay: d('2021-01-02') },
        { source: 'm', observations: 1, assets: 1, firstDay: d('2021-01-01'), lastDay: d('2021-01-01') },
        { source: 'z', observations: 1, assets: 1, firstDay: d('2021-01-03'), lastDay: d('2021-01-03') },
      ]);
      await store.close();
    });

    it('leaves identical rows alone, so re-writing changes nothing', async () => {
      const store = await makeStore();
      const batch = {
        load: { source: 'test', origin: 'unit' },
        assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }],
        observations: [observation({ assetId: 'bitcoin', day: d('2021-01-01') })],
      };
      await store.write(batch);
      const again = await store.write(batch);
      expect(again.changed, 'the same rows twice change nothing').toBe(0);
      expect(again.unchanged).toBe(1);
      const updated = await store.write({ ...batch, observations: [observation({ assetId: 'bitcoin', day: d('2021-01-01'), price: 2 })] });
      expect(updated.changed, 'a changed price is an update').toBe(1);
      expect((await store.readObservations())[0]?.price).toBe(2);
      await store.close();
    });

    it('gives the day span of the crypto observations, as summary() does', async () => {
      const store = await makeStore();
      expect(await store.cryptoDaySpan(), 'an empty store has no span').toEqual({ firstDay: null, lastDay: null });
      await store.write({
        load: { source: 'test', origin: 'unit' },
        assets: [
          { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
          { id: 'ethereum', symbol: 'ETH', name: 'Ethereum' },
        ],
        observations: [
          observation({ assetId: 'ethereum', day: d('2021-01-05'), symbol: 'ETH' }),
          observation({ assetId: 'bitcoin', day: d('2021-01-02') }),
          observation({ assetId: 'bitcoin', day: d('2021-01-03') }),
        ],
        // Equity bars are not crypto data: an earlier bar does not widen the span.
        equityBars: [{ symbol: '^RUT', day: d('2020-12-01'), source: 'test', open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 }],
      });
      const span = await store.cryptoDaySpan();
      expect(span, 'first and last day of any crypto observation').toEqual({ firstDay: d('2021-01-02'), lastDay: d('2021-01-05') });
      const summary = await store.summary();
      expect(span, 'the same days summary() reports').toEqual({ firstDay: summary.firstDay, lastDay: summary.lastDay });
      await store.close();
    });

    it('reads one field of equity bars as columns, in the order of the bars', async () => {
      const store = await makeStore();
      await store.write({
        load: { source: 'test', origin: 'unit' },
        equityBars: [
          { symbol: '^RUT', day: d('2021-01-05'), source: 'yahoo', open: null, high: null, low: null, close: 2.5, volume: null },
          { symbol: '^RUT', day: d('2021-01-04'), source: 'yahoo', open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 },
          { symbol: '^RUT', day: d('2021-01-04'), source: 'csv', open: 1.1, high: 2, low: 0.5, close: 1.4, volume: 100 },
          { symbol: '^GSPC', day: d('2021-01-04'), source: 'yahoo', open: 3, high: 4, low: 2, close: 3.5, volume: 100 },
        ],
      });
      const bars = await store.readEquityBars('^RUT');
      const closes = await store.readEquityField('^RUT', 'close');
      expect(closes, 'the closes of readEquityBars, same rows, same order').toEqual({ day: bars.map((b) => b.day), source: bars.map((b) => b.source), value: bars.map((b) => b.close) });
      expect((await store.readEquityField('^RUT', 'open', { from: d('2021-01-05') })).value, 'a missing field is null; the range applies').toEqual([null]);
      await expect(store.readEquityField('^RUT', 'volume; DROP TABLE equity_bars' as 'close'), 'only a price field names a column').rejects.toThrow(/unknown field/);
      await store.close();
    });

    it('writes all of a batch or none of it', async () => {
      const store = await makeStore();
      await store.write({ load: { source: 'test', origin: 'one' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] });
      const before = await store.summary();
      await expect(
        store.write({
          load: { source: 'test', origin: 'two' },
          observations: [
            observation({ assetId: 'bitcoin', day: d('2021-01-01') }),
            observation({ assetId: 'no-such-asset', day: d('2021-01-01') }),
          ],
        }),
        'an observation of an unknown asset violates the schema',
      ).rejects.toThrow();
      expect(await store.summary(), 'a failed batch leaves nothing behind, not even its load').toEqual(before);
      await store.close();
    });

    it('tracks tickers over time and shows the latest one', async () => {
      const store = await makeStore();
      await store.write({
        load: { source: 'test', origin: 'unit' },
        assets: [{ id: 'vechain', symbol: 'VEN', name: 'VeChain' }],
        observations: [
          observation({ assetId: 'vechain', day: d('2018-07-01'), symbol: 'VET' }),
          observation({ assetId: 'vechain', day: d('2018-01-01'), symbol: 'VEN' }),
        ],
      });
      expect((await store.listAssets())[0]?.symbol, 'VEN was renamed VET').toBe('VET');
      expect((await store.listAssetSymbols()).map((s) => s.symbol)).toEqual(['VEN', 'VET']);
      await store.close();
    });

    it('keeps aliases with optional day ranges', async () => {
      const store = await makeStore();
      await store.write({
        load: { source: 'test', origin: 'unit' },
        assets: [
          { id: 'terra-luna', symbol: 'LUNA', name: 'Terra Classic' },
          { id: 'terra-luna-2', symbol: 'LUNA', name: 'Terra' },
        ],
        aliases: [
          { source: 'weekly', sourceKey: 'LUNA', assetId: 'terra-luna', fromDay: null, toDay: d('2022-05-27') },
          { source: 'weekly', sourceKey: 'LUNA', assetId: 'terra-luna-2', fromDay: d('2022-05-28'), toDay: null },
        ],
      });
      const aliases = await store.listAliases();
      expect(aliases).toHaveLength(2);
      expect(aliases.find((a) => a.assetId === 'terra-luna')).toMatchObject({ fromDay: null, toDay: d('2022-05-27') });
      await store.close();
    });

    it('writes settings in the same transaction as the rows', async () => {
      const store = await makeStore();
      await store.write({ load: { source: 'test', origin: 'unit' }, settings: { marker: 'yes' } });
      expect(await store.getSetting('marker')).toBe('yes');
      await expect(
        store.write({
          load: { source: 'test', origin: 'unit' },
          settings: { marker: 'no' },
          observations: [observation({ assetId: 'no-such-asset', day: d('2021-01-01') })],
        }),
      ).rejects.toThrow();
      expect(await store.getSetting('marker'), 'a failed batch does not change settings').toBe('yes');
      await store.close();
    });

    it('names the newest load, so caches keyed on it notice every write', async () => {
      const store = await makeStore();
      expect(await store.latestLoadId(), 'a store never written has no load').toBeNull();
      const first = await store.write({ load: { source: 'test', origin: 'one' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] });
      expect(await store.latestLoadId()).toBe(first.loadId);
      const second = await store.write({ load: { source: 'test', origin: 'two' } });
      expect(second.loadId, 'load ids grow').toBeGreaterThan(first.loadId);
      expect(await store.latestLoadId(), 'the newest load, not the first').toBe(second.loadId);
      await store.close();
    });

    it('reads one consistent state inside a snapshot; a concurrent write lands after it', async () => {
      const store = await makeStore();
      await store.write({ load: { source: 'test', origin: 'one' }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const reading = store.snapshot(async () => {
        const before = await store.summary();
        await gate;
        const nested = await store.snapshot(async () => store.summary());
        return { before, after: await store.summary(), nested, loadId: await store.latestLoadId() };
      });
      // Issued from outside the snapshot while it is open.
      const writing = store.write({ load: { source: 'test', origin: 'two' }, assets: [{ id: 'ethereum', symbol: 'ETH', name: 'Ethereum' }] });
      const joined = store.snapshot(async () => (await store.summary()).assets);
      release();
      const seen = await reading;
      const written = await writing;
      expect(seen.after, 'two reads inside one snapshot see the same state').toEqual(seen.before);
      expect(seen.nested, 'a nested snapshot joins the open one').toEqual(seen.before);
      expect(seen.before.assets, 'the concurrent write is not visible inside the snapshot').toBe(1);
      expect(seen.loadId, 'nor is its load').toBeLessThan(written.loadId);
      expect(await joined, 'a snapshot asked for after a waiting write sees that write').toBe(2);
      expect((await store.summary()).assets, 'after the snapshot the write is there').toBe(2);
      await store.close();
    });

    it('refuses a write from inside a snapshot with a clear error, and stays usable', async () => {
      const store = await makeStore();
      await expect(
        store.snapshot(async () => store.write({ load: { source: 'test', origin: 'inside' } })),
        'a write inside a read snapshot would not be seen by it',
      ).rejects.toThrow(/inside store\.snapshot\(\)/);
      await expect(store.snapshot(async () => store.setSetting('k', 'v'))).rejects.toThrow(/snapshot/);
      await expect(store.snapshot(async () => { throw new Error('work failed'); }), 'the work\'s own error comes through').rejects.toThrow('work failed');
      await store.write({ load: { source: 'test', origin: 'after' }, settings: { k: 'after' } });
      expect(await store.getSetting('k'), 'writes work again once the snapshot ended').toBe('after');
      await store.close();
    });

    it('skips a load whose content was loaded before, checked inside the write', async () => {
      const store = await makeStore();
      const batch = { load: { source: 'test', origin: 'file.csv', contentHash: 'same', skipIfContentLoaded: true }, assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }] };
      const [first, second] = await Promise.all([store.write(batch), store.write(batch)]);
      expect(first?.alreadyLoaded, 'the first write goes in').toBeUndefined();
      expect(second?.alreadyLoaded, 'the second, issued at the same time, finds the first').toMatchObject({ id: first?.loadId, origin: 'file.csv' });
      expect((await store.listLoads()).length, 'one load recorded, not two').toBe(1);
      const forced = await store.write({ ...batch, load: { ...batch.load, skipIfContentLoaded: false } });
      expect(forced.alreadyLoaded, 'without the flag (--force) the same content loads again').toBeUndefined();
      expect((await store.listLoads()).length).toBe(2);
      await store.close();
    });

    it('has a default source precedence that users can change', async () => {
      const store = await makeStore();
      expect(await store.getSourcePrecedence()).toEqual(DEFAULT_SOURCE_PRECEDENCE);
      await store.setSourcePrecedence(['b', 'a']);
      expect(await store.getSourcePrecedence()).toEqual(['b', 'a']);
      await store.close();
    });
  });
}
