/**
 * A seeded fuzz suite over every import format: small files built from valid, edge and garbage
 * cells, mangled headers, broken quoting, Latin-1 bytes, CRLF, BOMs, gzip and truncated gzip.
 * For every file: the import never crashes (only the project's named errors), an error names the
 * file and the line and carries no stack trace, and a rejected file leaves the store exactly as
 * it was (a digest of every table before and after). The seed and run count are fixed, so the
 * suite is reproducible and its run time bounded (each file has at most a few rows).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AltseasonError } from '../../domain/errors.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { importFiles } from './import-files.ts';

const SEED = 20_261_201;
const RUNS = 300;

const HEADERS = [
  'date,symbol,name,slug,price_usd,market_cap_usd,volume_usd,rank,source',
  'date,rank,symbol,name,market_cap_usd',
  'symbol,name,category,exclude_from_asi',
  'date,open,high,low,close,volume',
  'date,btc_dominance_pct',
  'date,fng_value',
  'funding_time_utc,binance_btcusdt_rate,binance_mark_price,bybit_btcusdt_rate,okx_btc_usdt_swap_rate',
  'date,btc_open_interest_usd_all_exchanges,btc_funding_rate_all_exchanges',
  'date,total_market_cap_usd,btc_market_cap_usd,btc_dominance_pct_derived,total_ex_btc_usd_derived',
  'date,symbol,price_usd,market_cap_usd,volume_usd,name,id',
].map((header) => header.split(','));

const TABLES = ['loads', 'assets', 'sources', 'asset_symbols', 'asset_aliases', 'observations', 'equity_bars', 'series_points', 'category_rules', 'settings'];

const garbage = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('"', '""', 'a"b', '"open', ',', '\n', '\r', '\r\n', ' ', '\u0000', '\uFEFF', '\\'),
);
const day = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('2018-01-01', '2018-01-02', '2021-05-19', '2024-02-29') },
  { weight: 2, arbitrary: fc.date({ min: new Date('1850-01-01'), max: new Date('2300-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom('2018-02-30', '2018-13-01', '18-01-01', '2018/01/01', '') },
  { weight: 1, arbitrary: garbage },
);
const time = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('2021-02-18T08:00Z', '2021-02-18T16:00Z', '2021-02-19T00:00Z') },
  { weight: 1, arbitrary: fc.date({ min: new Date('2000-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 16)}Z`) },
  { weight: 1, arbitrary: fc.constantFrom('2021-02-18T25:00Z', '2021-02-18 08:00', '') },
  { weight: 1, arbitrary: garbage },
);
const number = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1', '0.5', '30', '70.3', '1000000', '0.0001', '-0.001', '') },
  { weight: 2, arbitrary: fc.double({ noNaN: false }).map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1e308', '1e-30', 'NaN', 'Infinity', '0x10', '1,5', '1e', '.', '+.5e3') },
  { weight: 1, arbitrary: garbage },
);
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('BTC', 'ETH', 'Bitcoin', 'bitcoin', 'ethereum', 'LUNA', 'stablecoin', 'layer1', 's', 'user') },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 400 }).map((n) => 'x'.repeat(n)) },
  { weight: 2, arbitrary: garbage },
);
const flag = fc.oneof(fc.constantFrom('0', '1', 'yes', 'no', 'true', ''), garbage);

function cellFor(column: string): fc.Arbitrary<string> {
  if (column === 'date') return day;
  if (column === 'funding_time_utc') return time;
  if (column === 'exclude_from_asi') return flag;
  if (['symbol', 'name', 'slug', 'source', 'category', 'id'].includes(column)) return text;
  return number;
}

/** A field as a CSV writer would quote it, or (sometimes) raw, which may break the quoting. */
const field = (value: string, raw: boolean) => (!raw && /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

const fileSpec = fc
  .record({
    format: fc.integer({ min: 0, max: HEADERS.length - 1 }),
    headerChange: fc.constantFrom('none', 'none', 'none', 'upper', 'spaces', 'repeat', 'drop', 'unknown'),
    rows: fc.integer({ min: 0, max: 6 }),
    encoding: fc.constantFrom('plain', 'plain', 'plain', 'crlf', 'bom', 'latin1', 'gzip', 'truncated-gzip', 'no-final-newline'),
    seed: fc.integer(),
  })
  .chain((spec) => {
    let header = [...HEADERS[spec.format]!];
    if (spec.headerChange === 'upper') header = header.map((c) => c.toUpperCase());
    if (spec.headerChange === 'spaces') header = header.map((c) => ` ${c} `);
    if (spec.headerChange === 'repeat') header = [...header, header[header.length - 1]!];
    if (spec.headerChange === 'drop') header = header.slice(0, -1);
    if (spec.headerChange === 'unknown') header = [...header, 'mystery'];
    const columns = header.map((c) => c.trim().toLowerCase());
    const row = fc.tuple(fc.tuple(...columns.map(cellFor)) as fc.Arbitrary<string[]>, fc.boolean(), fc.integer({ min: -1, max: 1 }));
    return fc.record({ spec: fc.constant(spec), header: fc.constant(header), rows: fc.array(row, { minLength: spec.rows, maxLength: spec.rows }) });
  });

type GeneratedFile = typeof fileSpec extends fc.Arbitrary<infer T> ? T : never;

function fileBytes({ spec, header, rows }: GeneratedFile): Buffer {
  const lines = [header.join(',')];
  for (const [cells, raw, widthChange] of rows) {
    const fields = cells.map((cell) => field(cell, raw));
    if (widthChange > 0) fields.push('extra');
    if (widthChange < 0) fields.pop();
    lines.push(fields.join(','));
  }
  const newline = spec.encoding === 'crlf' ? '\r\n' : '\n';
  let textContent = lines.join(newline) + (spec.encoding === 'no-final-newline' ? '' : newline);
  if (spec.encoding === 'bom') textContent = `\uFEFF${textContent}`;
  if (spec.encoding === 'latin1') return Buffer.from(textContent.replace(/Bitcoin/g, 'Bitcöin'), 'latin1');
  if (spec.encoding === 'gzip') return gzipSync(textContent);
  if (spec.encoding === 'truncated-gzip') {
    const zipped = gzipSync(textContent);
    return zipped.subarray(0, Math.max(3, zipped.length - 1 - (Math.abs(spec.seed) % 8)));
  }
  return Buffer.from(textContent);
}

let dir: string;
let dbPath: string;
let store: SqliteStore;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'altseason-fuzz-'));
  dbPath = join(dir, 'fuzz.db');
  store = SqliteStore.open(dbPath);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function storeDigest(): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const table of TABLES) {
      hash.update(table);
      const rows = (db.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[]).map((row) => JSON.stringify(row)).sort();
      for (const row of rows) hash.update(row);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

describe('import fuzzing (seeded)', () => {
  it(`never crashes, names file and line, and a rejected file changes nothing (${RUNS} files, seed ${SEED})`, async () => {
    let counter = 0;
    const outcomes = { imported: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(fileSpec, async (generated) => {
        const path = join(dir, `f${counter++}.csv${generated.spec.encoding.endsWith('gzip') ? '.gz' : ''}`);
        writeFileSync(path, fileBytes(generated));
        const before = storeDigest();
        let error: unknown = null;
        try {
          await importFiles(store, [path]);
          outcomes.imported++;
        } catch (caught) {
          error = caught;
          outcomes.rejected++;
        }
        if (error === null) return;
        expect(error, `only the project's named errors, never a crash: ${String((error as Error)?.stack)}`).toBeInstanceOf(AltseasonError);
        const message = (error as Error).message;
        expect(message.startsWith(`${path}:`) && /^:\d+: /.test(message.slice(path.length)), `the message names the file and the line: ${message}`).toBe(true);
        expect(message, 'no stack trace in the message').not.toMatch(/\n\s+at /);
        expect(message.length, `a bounded message: ${message.slice(0, 200)}`).toBeLessThan(2_000);
        expect(storeDigest(), `a rejected file leaves the store as it was: ${message}`).toBe(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(outcomes.imported, 'the generator makes good files too, so the success path is fuzzed as well').toBeGreaterThan(RUNS / 20);
    expect(outcomes.rejected, 'and bad ones').toBeGreaterThan(RUNS / 4);
  }, 120_000);
});
