/**
 * Imports CSV / CSV.gz files into the store, all or nothing per file: a file is parsed and
 * validated completely, its rows get asset ids, and then it is written with one store.write()
 * (one transaction). A file whose content (sha256) was loaded before is skipped unless forced;
 * re-importing changed content rewrites only the rows that differ.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isoDateOf } from '../../domain/dates.ts';
import { InvalidInputError, InvalidRowError } from '../../domain/errors.ts';
import type { LoadRecord, ObservationRecord } from '../../domain/records.ts';
import { AssetResolver } from '../identity/asset-resolver.ts';
import type { Store } from '../store/store.ts';
import type { CryptoRowTable } from './crypto-row-table.ts';
import type { CryptoRow, FormatParser, ParsedFile } from './import-format.ts';
import { detectImportFormat, normaliseHeader } from './import-formats.ts';
import { describeFileType, openRegularFile, readCsvHeader, readCsvRecords } from './read-csv-records.ts';

export interface ImportProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  /** reading → resolving (asset ids) → writing (one transaction) → done. */
  phase: 'reading' | 'resolving' | 'writing' | 'done';
}

export interface ImportOptions {
  /** Symbol for equity OHLCV files (otherwise taken from the file name). */
  symbol?: string;
  /** Import even when the same content was imported before. */
  force?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Stops the import (Ctrl-C): checked between chunks while a file is read and before it is
   * written. A write already started is finished (it is one transaction), so every file is stored
   * entirely or not at all. The promise rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface ImportFileResult {
  file: string;
  format: string;
  rows: number;
  /** Rows (and assets, aliases) inserted or changed. */
  changed: number;
  skipped: boolean;
  /** Why the file was skipped ("already imported"). */
  reason?: string;
  sources: string[];
  seconds: number;
}

const IMPORTABLE = /\.csv(\.gz)?$/i;

export async function importFiles(store: Store, paths: string[], options: ImportOptions = {}): Promise<ImportFileResult[]> {
  const files = await expandPaths(paths);
  const results: ImportFileResult[] = [];
  for (const file of files) {
    throwIfAborted(options.signal);
    results.push(await importFile(store, file, options));
  }
  return results;
}

/**
 * Files as given, and directories expanded to their *.csv / *.csv.gz files (sorted; README etc.
 * ignored). Only regular files are imported (symlinks to them are followed): a FIFO, a device
 * such as /dev/zero or a socket would block or never end, so naming one is an error.
 */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  const regular = async (path: string) => {
    const info = await stat(path).catch(() => null);
    if (!info) throw new InvalidInputError(`${path}: no such file or directory`);
    if (!info.isFile()) throw new InvalidInputError(`${path}: not a regular file (${describeFileType(info)}): import reads regular files only`);
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new InvalidInputError(`${path}: no such file or directory`);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => IMPORTABLE.test(name)).sort();
      for (const name of names) await regular(join(path, name));
      files.push(...names.map((name) => join(path, name)));
    } else {
      await regular(path);
      files.push(path);
    }
  }
  return files;
}

async function importFile(store: Store, file: string, options: ImportOptions): Promise<ImportFileResult> {
  const started = performance.now();
  const { handle, info } = await openRegularFile(file);
  await handle.close();
  const bytesTotal = info.size;
  const fileName = basename(file);
  const progress = (phase: ImportProgress['phase'], bytesRead: number, rows: number) =>
    options.onProgress?.({ file, bytesRead, bytesTotal, rows, phase });
  const skipped = async (earlier: LoadRecord, how: string): Promise<ImportFileResult> => {
    const header = normaliseHeader(await readCsvHeader(file));
    const format = header.length > 0 ? detectImportFormat(file, header, fileName).id : 'empty';
    progress('done', bytesTotal, 0);
    return {
      file,
      format,
      rows: 0,
      changed: 0,
      skipped: true,
      reason: `already imported (load ${earlier.id}, ${new Date(earlier.loadedAt).toISOString()}${how})`,
      sources: [],
      seconds: (performance.now() - started) / 1000,
    };
  };

  if (!options.force) {
    // A cheap first look (hashing is ~50 times faster than parsing); the check that counts is
    // the one inside the write transaction below.
    const earlier = await store.findLoadByHash(await sha256OfFile(file));
    if (earlier) return skipped(earlier, '');
  }

  let parser: FormatParser | null = null;
  let formatId = 'empty';
  let rows = 0;
  let bytesRead = 0;
  // The hash of the bytes actually parsed, in case the file changed since the first look.
  const hash = createHash('sha256');
  await readCsvRecords(
    file,
    (record) => {
      if (parser === null) {
        const header = normaliseHeader(record.fields);
        checkHeader(file, header);
        const format = detectImportFormat(file, header, fileName);
        formatId = format.id;
        parser = format.createParser({ file, fileName, header, ...(options.symbol === undefined ? {} : { symbol: options.symbol }) });
        return;
      }
      parser.row(record);
      rows++;
    },
    {
      hash,
      ...(options.signal ? { signal: options.signal } : {}),
      onBytes: (read) => {
        bytesRead = read;
        progress('reading', bytesRead, rows);
      },
    },
  );
  const contentHash = hash.digest('hex');
  // An empty file is a mistake (a failed export, a wrong path), not data: say so and store nothing.
  if (parser === null) throw new InvalidRowError(file, 1, 'the file is empty: expected a header line (formats: docs/data.md)');
  const parsed: ParsedFile = (parser as FormatParser).finish();
  throwIfAborted(options.signal);

  progress('resolving', bytesTotal, rows);
  const resolver = await AssetResolver.fromStore(store);
  const observations = assignAssets(file, parsed.cryptoRows, resolver);
  const identity = resolver.pendingWrites();
  throwIfAborted(options.signal);

  progress('writing', bytesTotal, rows);
  const sources = parsed.sources;
  const written = await store.write({
    load: { source: sources.join(',') || formatId, origin: resolve(file), contentHash, skipIfContentLoaded: !options.force },
    assets: identity.assets,
    aliases: identity.aliases,
    observations,
    equityBars: parsed.equityBars,
    seriesPoints: parsed.seriesPoints,
    categoryRules: parsed.categoryRules,
  });
  if (written.alreadyLoaded) return skipped(written.alreadyLoaded, ', by an import that ran at the same time');
  progress('done', bytesTotal, rows);
  return {
    file,
    format: formatId,
    rows: parsed.rows,
    changed: written.changed,
    skipped: false,
    sources,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A header naming a column twice would let the second column silently win. */
function checkHeader(file: string, header: readonly string[]): void {
  const seen = new Map<string, number>();
  header.forEach((column, index) => {
    const earlier = seen.get(column);
    if (earlier !== undefined) {
      throw new InvalidRowError(file, 1, `the header names column ${JSON.stringify(column.slice(0, 80))} twice (columns ${earlier + 1} and ${index + 1})`);
    }
    seen.set(column, index);
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/**
 * Gives each row its asset id. Rows with a slug go first, then slugless rows in day order: the
 * resolver's slugless rules build on what it has seen, and this order makes the outcome
 * independent of the order of rows and files (docs/data.md). Two rows that land on the same
 * asset, day and source are an error: one would silently overwrite the other.
 */
function assignAssets(file: string, rows: CryptoRowTable, resolver: AssetResolver): ObservationRecord[] {
  const order: number[] = [];
  const withoutSlug: CryptoRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (rows.hasSlug(i)) order.push(i);
    else withoutSlug.push(rows.get(i));
  }
  withoutSlug.sort((a, b) => a.day - b.day || compare(a.source, b.source) || compare(a.symbol, b.symbol) || compare(a.name, b.name) || a.line - b.line);
  const seen = new Map<string, number>();
  const observations: ObservationRecord[] = [];
  const assign = (row: CryptoRow) => {
    const assetId = resolver.resolve(row);
    const key = `${assetId}\u0000${row.day}\u0000${row.source}`;
    const earlierLine = seen.get(key);
    if (earlierLine !== undefined) {
      const [first, second] = earlierLine < row.line ? [earlierLine, row.line] : [row.line, earlierLine];
      throw new InvalidRowError(
        file,
        second,
        `duplicate of line ${first}: both are asset ${JSON.stringify(assetId)} on ${isoDateOf(row.day)} from source ${JSON.stringify(row.source)} (symbol ${JSON.stringify(row.symbol)})`,
      );
    }
    seen.set(key, row.line);
    observations.push({
      assetId,
      day: row.day,
      source: row.source,
      symbol: row.symbol,
      price: row.price,
      marketCap: row.marketCap,
      volume: row.volume,
      rank: row.rank,
    });
  };
  for (const i of order) assign(rows.get(i));
  for (const row of withoutSlug) assign(row);
  return observations;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const { handle } = await openRegularFile(path);
  try {
    for await (const chunk of handle.createReadStream({ start: 0, highWaterMark: 1 << 20, autoClose: false })) hash.update(chunk as Buffer);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
