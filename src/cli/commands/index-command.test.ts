import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSeasonIndexOptions } from '../../analytics/season/season-index-options.ts';
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { formatIndex } from '../../report/season-index-table.ts';
import { parseIndexFlags, runIndex, type IndexCommandOptions } from './index-command.ts';

const FIRST = parseDay('2024-01-01');

/** BTC +10 % over days 0→10, ETH +50 %, DOGE −10 %, USDT flat; 16 days of data. */
function observations(): ObservationRecord[] {
  const coins = [
    { assetId: 'bitcoin', symbol: 'BTC', start: 100, end: 110, cap: 1000 },
    { assetId: 'ethereum', symbol: 'ETH', start: 10, end: 15, cap: 500 },
    { assetId: 'tether', symbol: 'USDT', start: 1, end: 1, cap: 400 },
    { assetId: 'dogecoin', symbol: 'DOGE', start: 1, end: 0.9, cap: 100 },
  ];
  return coins.flatMap((c) =>
    Array.from({ length: 16 }, (_, i): ObservationRecord => ({
      assetId: c.assetId,
      day: (FIRST + i) as DayNumber,
      source: 'test',
      symbol: c.symbol,
      price: i < 10 ? c.start : c.end,
      marketCap: c.cap,
      volume: null,
      rank: null,
    })),
  );
}

async function run(store: Store, options: Partial<IndexCommandOptions>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const season = resolveSeasonIndexOptions({ window: 10, top: 5, stalenessDays: 1, minUniverse: 1 });
  await runIndex(store, { episodes: false, format: 'csv', season, ...options }, out);
  return Buffer.concat(chunks).toString('utf8');
}

describe('altseason index on a hand-made store', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await store.write({
      load: { source: 'test', origin: 'unit' },
      assets: [
        { id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' },
        { id: 'ethereum', symbol: 'ETH', name: 'Ethereum' },
        { id: 'tether', symbol: 'USDT', name: 'Tether' },
        { id: 'dogecoin', symbol: 'DOGE', name: 'Dogecoin' },
      ],
      observations: observations(),
      categoryRules: [{ symbol: 'USDT', name: 'Tether', category: 'stablecoin', excludeFromIndex: true, source: 'test' }],
    });
  });
  afterAll(() => store.close());

  it('defaults to the latest day with data; CSV starts with date,index,season,universe_size', async () => {
    const [header, row, ...rest] = (await run(store, {})).trim().split('\n');
    expect(header, 'the documented CSV columns come first').toBe('date,index,season,universe_size,beat_count,btc_return,median_excess_return,cap_weighted_excess_return,excluded_count,no_start_price_count,stale_price_count,unfilled_count,weekly_data');
    expect(row, 'on 2024-01-16 ETH beat BTC over 10 days, DOGE did not; USDT is excluded').toMatch(/^2024-01-16,50,neutral,2,1,/);
    expect(rest, 'one date only').toEqual([]);
  });

  it('computes a range, and --explain lists constituents with returns and skipped coins', async () => {
    const csv = (await run(store, { from: parseDay('2024-01-11'), to: parseDay('2024-01-13') })).trim().split('\n');
    expect(csv.length, 'header plus three dates').toBe(4);
    const explanation = JSON.parse(await run(store, { explain: parseDay('2024-01-12'), format: 'json' }));
    expect(explanation.constituents.map((c: { symbol: string; beatBtc: boolean }) => [c.symbol, c.beatBtc]), 'ETH beat BTC, DOGE did not').toEqual([
      ['ETH', true],
      ['DOGE', false],
    ]);
    expect(explanation.skipped.map((s: { symbol: string }) => s.symbol), 'BTC and USDT are skipped, with reasons').toEqual(['BTC', 'USDT']);
  });

  it('renders a table with a chart for a range, and episodes', async () => {
    const table = await run(store, { from: parseDay('2024-01-11'), to: parseDay('2024-01-16'), format: 'table' });
    expect(table, 'the settings are stated above the table').toMatch(/10-day window, top 5 altcoins/);
    expect(table, 'the chart marks the 75 line').toMatch(/ 75 ┤/);
    const episodes = await run(store, { from: parseDay('2024-01-11'), to: parseDay('2024-01-16'), episodes: true });
    expect(episodes.trim(), 'a steady 50 is neutral: no episodes').toBe('season,start,end,days,peak,peak_date,ongoing,weekly_data');
  });

  it('names the flag and the stored span when a date lies outside the data, instead of a row of dashes', async () => {
    await expect(run(store, { at: parseDay('2030-01-01') }), '--at after the data').rejects.toThrow('--at 2030-01-01 is after the last day with data: the stored crypto data cover 2024-01-01 … 2024-01-16');
    await expect(run(store, { explain: parseDay('2030-01-01') }), '--explain after the data').rejects.toThrow(/--explain 2030-01-01 is after the last day/);
    await expect(run(store, { at: parseDay('2020-01-01') }), '--at before the data').rejects.toThrow(/--at 2020-01-01 is before the first day with data/);
    await expect(run(store, { from: parseDay('2020-01-01'), to: parseDay('2020-02-01') }), 'a range before the data').rejects.toThrow(/--to 2020-02-01 is before the first day/);
    const clipped = (await run(store, { from: parseDay('2023-12-01'), to: parseDay('2030-01-01') })).trim().split('\n');
    expect([clipped[1]!.slice(0, 10), clipped.at(-1)!.slice(0, 10)], 'a range overlapping the data is clipped to it').toEqual(['2024-01-01', '2024-01-16']);
  });

  it('explains undefined values under the table', async () => {
    const table = await run(store, { from: parseDay('2024-01-01'), to: parseDay('2024-01-12'), format: 'table' });
    expect(table, 'the first 10 days have no 10-day window').toMatch(/— = undefined on 10 of 12 days: BTC had no price at an end of the 10-day window/);
  });

  it('refuses an --exclude ticker that no stored asset ever used (a typo is not a no-op)', async () => {
    await expect(run(store, { season: { window: 10, top: 5, stalenessDays: 1, minUniverse: 1, excludeSymbols: ['DOGEE'] } })).rejects.toThrow('--exclude: no stored asset ever traded as "DOGEE"');
    const csv = await run(store, { season: { window: 10, top: 5, stalenessDays: 1, minUniverse: 1, excludeSymbols: ['doge'] } });
    expect(csv.trim().split('\n')[1], 'a known ticker (any case) is excluded: ETH alone beat BTC').toMatch(/^2024-01-16,100,altcoin,1,1,/);
  });

  it('says how many of the top N qualified when fewer did', async () => {
    const table = await run(store, { format: 'table' });
    expect(table, '2 alts qualify for a top 5: ETH and DOGE fill 2 of 5 places, USDT is passed over, 3 stay empty').toMatch(/only 2 of the top 5 altcoins qualified; passed over on the way down the ranking: 1 excluded \(stablecoins, wrapped\/staked tokens, --exclude\), 3 places unfilled: the store ranks too few coins/);
  });

  it('says so when nothing is stored', async () => {
    const empty = SqliteStore.open(':memory:');
    await expect(run(empty, {}), 'an empty store is an error, not an index of 0').rejects.toThrow(/no crypto observations/);
    await empty.close();
  });
});

describe('altseason index flags', () => {
  const flags = (raw: Record<string, string | boolean>) => () => parseIndexFlags({ format: 'table', ...raw });
  it('accepts the documented flags', () => {
    const options = parseIndexFlags({ at: '2021-05-10', top: '100', window: '30', altThreshold: '80', btcThreshold: '20', exclude: 'doge, shib', staleness: '3', format: 'json' });
    expect([options.at, options.season.top, options.season.window, options.season.altThreshold, options.season.excludeSymbols], 'values are parsed').toEqual([
      parseDay('2021-05-10'),
      100,
      30,
      80,
      ['doge', 'shib'],
    ]);
  });
  it('rejects bad values with the value in the message', () => {
    expect(flags({ at: '2021-02-30' }), 'not a real date').toThrow(/--at.*2021-02-30/);
    expect(flags({ top: 'fifty' }), 'not a number').toThrow(/--top.*fifty/);
    expect(flags({ window: '0' }), 'a window of 0 days').toThrow(/--window.*"0"/);
    expect(flags({ altThreshold: '120' }), 'over 100').toThrow(/--alt-threshold.*120/);
    expect(flags({ format: 'xml' }), 'unknown format').toThrow(/--format.*xml/);
    expect(flags({ at: '2021-01-01', from: '2020-01-01' }), '--at with --from').toThrow(InvalidInputError);
    expect(flags({ to: '2021-01-01' }), '--to alone').toThrow(/--to 2021-01-01 needs --from/);
    expect(flags({ from: '2021-02-01', to: '2021-01-01' }), 'reversed range').toThrow(/before --from/);
    expect(flags({ explain: '2021-01-01', episodes: true }), '--explain with --episodes').toThrow(/--explain/);
    expect(flags({ exclude: 'DOGE;SHIB' }), 'a bad ticker list').toThrow(/DOGE;SHIB/);
    expect(flags({ window: '30', staleness: '60' }), 'staleness beyond the window names both flags').toThrow('--staleness 60 must be shorter than --window 30 (days)');
    expect(flags({ btcThreshold: '80' }), 'thresholds the wrong way round').toThrow('--btc-threshold 80 must be below --alt-threshold 75');
    expect(flags({ window: '5' }), '--window alone must not blame --staleness, which the user never set').toThrow('--window 5 is too short for prices up to 7 days old (the default --staleness): use --window 8 or more, or a smaller --staleness');
    expect(flags({ rankAt: 'middle' }), 'an unknown ranking date').toThrow('--rank-at: expected start or end, got "middle"');
  });
  it('formats the index without float noise or a stray ".0"', () => {
    expect([formatIndex(30 / 77), formatIndex((100 * 30) / 77), formatIndex(200 / 35), formatIndex(40), formatIndex(null)]).toEqual(['0.4', '39', '5.7', '40', '—']);
    
  });
});
