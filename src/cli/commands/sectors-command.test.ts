import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parseDay } from '../../domain/dates.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { SectorsResultSchema } from '../../app/contracts/sectors.ts';
import { parseTiers, readSectorsFile, runSectors, type SectorsOptions } from './sectors-command.ts';

const START = parseDay('2024-01-01');

async function run(store: Store, options: Partial<SectorsOptions>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await runSectors(store, { sectorsFile: null, format: 'json', ...options }, out, new PassThrough());
  return Buffer.concat(chunks).toString('utf8');
}

describe('altseason sectors on hand-made data', () => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'altseason-sectors-'));
    store = SqliteStore.open(':memory:');
    const o = (assetId: string, symbol: string, i: number, marketCap: number): ObservationRecord => ({ assetId, symbol, day: addDays(START, i), source: 'daily', price: marketCap / 10, marketCap, volume: null, rank: null });
    const observations: ObservationRecord[] = [];
    // caps: BTC 1000, ETH 500, UNI 300, AAVE 100, DOGE 100; C (no label) 50 from day 1 on
    for (let i = 0; i < 3; i++) observations.push(o('bitcoin', 'BTC', i, 1000), o('ethereum', 'ETH', i, 500), o('uniswap', 'UNI', i, 300), o('aave', 'AAVE', i, 100), o('dogecoin', 'DOGE', i, 100));
    observations.push(o('ccoin', 'C', 1, 50), o('ccoin', 'C', 2, 50));
    await store.write({
      load: { source: 'daily', origin: 'test' },
      assets: ['bitcoin:BTC', 'ethereum:ETH', 'uniswap:UNI', 'aave:AAVE', 'dogecoin:DOGE', 'ccoin:C'].map((x) => ({ id: x.split(':')[0]!, symbol: x.split(':')[1]!, name: x.split(':')[0]! })),
      observations,
      categoryRules: ['ETH:layer1', 'UNI:defi', 'AAVE:defi', 'DOGE:meme'].map((x) => ({ symbol: x.split(':')[0]!, name: null, category: x.split(':')[1]!, excludeFromIndex: false, source: 'coin_categories' })),
    });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists members with alt ranks, tiers, cap weights and label sources', async () => {
    const r = SectorsResultSchema.parse(JSON.parse(await run(store, { at: addDays(START, 2) })));
    expect(r.members.map((m) => [m.symbol, m.altRank, m.tier, m.sector, m.labelSource])).toEqual([
      ['ETH', 1, 'eth', 'layer1', 'coin_categories'],
      ['UNI', 2, 'large', 'defi', 'coin_categories'],
      ['AAVE', 3, 'large', 'defi', 'coin_categories'],
      ['DOGE', 4, 'large', 'meme', 'coin_categories'],
      ['C', 5, 'large', 'unclassified', null],
    ]);
    const uni = r.members[1]!;
    expect([uni.sectorCapWeight, uni.tierCapWeight]).toEqual([0.75, 0.545455]); // 300/400, 300/550
    expect(r.sectors.find((s) => s.sector === 'defi')).toEqual({ sector: 'defi', members: 2, marketCapUsd: 400, capShare: 0.380952, labelSources: { coin_categories: 2 } }); // 400/1050
  });

  it('--tiers moves the boundaries: with large caps ending at alt rank 2, AAVE and DOGE are mid caps', async () => {
    const r = SectorsResultSchema.parse(JSON.parse(await run(store, { tiers: parseTiers('2,4,5') })));
    expect(r.members.map((m) => [m.symbol, m.tier])).toEqual([['ETH', 'eth'], ['UNI', 'large'], ['AAVE', 'mid'], ['DOGE', 'mid'], ['C', 'small']]);
    expect(() => parseTiers('10,50')).toThrow('--tiers: expected three increasing alt ranks');
    expect(() => parseTiers('10,5,100')).toThrow('got "10,5,100"');
  });

  it('a coin first seen later is no member earlier; --sector filters', async () => {
    const r = SectorsResultSchema.parse(JSON.parse(await run(store, { at: START })));
    expect(r.members.some((m) => m.symbol === 'C')).toBe(false);
    const meme = SectorsResultSchema.parse(JSON.parse(await run(store, { sector: 'MEME' })));
    expect(meme.members.map((m) => m.symbol)).toEqual(['DOGE']);
    await expect(run(store, { sector: 'ai' })).rejects.toThrow('--sector: no member of "ai" on 2024-01-03; sectors that day: defi, layer1, meme, unclassified');
  });

  it('--sectors FILE overrides the stored labels, by ticker or id; its errors name the file and line', async () => {
    const path = join(dir, 'mine.csv');
    writeFileSync(path, 'symbol,sector\n# my labels\nDOGE,payments\nccoin,AI\n');
    const r = SectorsResultSchema.parse(JSON.parse(await run(store, { sectorsFile: readSectorsFile(path) })));
    expect(r.members.filter((m) => m.labelSource === 'user sector file').map((m) => [m.symbol, m.sector, m.labelMatchedBy, m.otherLabels])).toEqual([
      ['DOGE', 'payments', 'DOGE', ['meme']],
      ['C', 'ai', 'ccoin', []],
    ]);
    writeFileSync(path, 'symbol,sector\nDOGE,meme\ndoge,payments\n');
    await expect(run(store, { sectorsFile: readSectorsFile(path) })).rejects.toThrow(`${path} line 3: "doge" is labelled already on line 2`);
    writeFileSync(path, 'ticker,sector\n');
    await expect(run(store, { sectorsFile: readSectorsFile(path) })).rejects.toThrow('expected the header "symbol,sector" or "id,sector", got "ticker,sector"');
    expect(() => readSectorsFile(join(dir, 'missing.csv'))).toThrow('cannot read the file (ENOENT)');
  });
});
