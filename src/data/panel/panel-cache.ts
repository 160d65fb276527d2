/**
 * The persisted columnar panel: the full panel of a store, written to one file so that the next
 * command reads it back with one readFileSync and typed-array views over the bytes (no per-cell
 * parsing), instead of reading ~470,000 observations out of SQLite and rebuilding the columns.
 *
 * The file is keyed by what decides the panel's content: the store (its location and its newest
 * load, id and time, so a store deleted and re-created at the same path is not mistaken for the old
 * one), the source precedence, and the version of the builder (its format and the redenomination
 * table). Every write to a store records a load, so any import or sync invalidates the file.
 *
 * Layout (little-endian):
 *   0  magic "ALTSPNL3" (8 bytes)
 *   8  u32 header length H
 *   12 u32 CRC-32 of every byte from 16 to the end (detects truncation and corruption)
 *   16 header: JSON (key, sources, asset metadata, cell count), zero-padded to a multiple of 8
 *   …  body: price, marketCap, volume (Float64 × cells); observed (Uint32 × cells); priceSource,
 *      marketCapSource, volumeSource (Uint16 × cells); zero-padded to a multiple of 8.
 *      Cells are the assets' columns one after another, in asset order.
 * `observed` is, per cell, a bit mask of the sources that had an observation that day (even one
 * with no usable value): it lets a day range be cut out of the full panel exactly as a load of that
 * range would have built it (same asset spans, same source list).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import type { DayNumber } from '../../domain/dates.ts';
import type { Panel, PanelAsset } from '../../domain/panel.ts';

// Version 3: the checksum became CRC-32 (files of version 2 are rebuilt, not misread as corrupt).
const MAGIC = 'ALTSPNL3';
const PREFIX_BYTES = 16;
/** Bytes per cell: 3 × Float64 + Uint32 + 3 × Uint16. */
const CELL_BYTES = 3 * 8 + 4 + 3 * 2;
/** The observed mask is 32 bits wide; a panel with more sources is not cached. */
export const MAX_CACHED_SOURCES = 32;
/** One readFileSync must hold the file (Node caps a Buffer at 2 GiB); larger panels are not cached. */
const MAX_FILE_BYTES = 2 ** 30;

export interface PanelCacheKey {
  /** Where the store lives (absolute path or URL). */
  store: string;
  /** Id and time of the store's newest load (null for a store never written). */
  loadId: number | null;
  loadedAt: number | null;
  /** The precedence the panel was built with (highest first). */
  precedence: readonly string[];
  /** Changes whenever the builder would build a different panel from the same store. */
  builder: string;
}

/** A full panel and, per asset (same order), the sources observed on each of its cells. */
export interface CachedPanel {
  panel: Panel;
  observed: readonly Uint32Array[];
  /** Per asset: every source observed on any of its cells (the OR of its `observed`). */
  observedSources: readonly number[];
}

interface Header {
  key: PanelCacheKey;
  sources: string[];
  firstDay: number | null;
  lastDay: number | null;
  cells: number;
  fileBytes: number;
  /** id, symbol, name, symbols, categories, excludedFromIndex, firstDay, length, observedSources */
  assets: [string, string, string, string[], string[], boolean, number, number, number][];
}

/**
 * Where the cache of the store at `location` may live, in the order to try: beside a file store as
 * `<db>.panel-cache`, then (for a store in a directory this user cannot write) under
 * $XDG_CACHE_HOME/altseason/, named after a hash of the store's path; a networked store (a URL)
 * only there, named after a hash of the URL without its password; none for an in-memory store.
 */
export function panelCachePathsFor(location: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (location === '' || location === ':memory:' || location.startsWith('file::memory:')) return [];
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
  // A URL is named without its password (a PostgreSQL store's location already leaves it out).
  const identity = isUrl ? location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1@') : resolve(location);
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const inCacheHome = join(cacheHome, 'altseason', `${createHash('sha256').update(identity).digest('hex').slice(0, 32)}.panel-cache`);
  return isUrl ? [inCacheHome] : [`${identity}.panel-cache`, inCacheHome];
}

/**
 * Reads the cache at `path` if it was written for `key`; null when it is missing, for another key,
 * truncated or corrupt (the caller rebuilds the panel and writes the file again).
 */
export function readPanelCache(path: string, key: PanelCacheKey): CachedPanel | null {
  const framed = readFramedFile(path, MAGIC);
  if (!framed) return null;
  const { bytes, bodyOffset } = framed;
  const header = framed.header as Header;
  if (header.fileBytes !== bytes.length || JSON.stringify(header.key) !== JSON.stringify(key)) return null;
  const cells = header.cells;
  if (bodyOffset + cells * CELL_BYTES > bytes.length) return null;

  const base = bytes.byteOffset + bodyOffset;
  const f64 = (column: number) => new Float64Array(bytes.buffer, base + column * cells * 8, cells);
  const price = f64(0);
  const marketCap = f64(1);
  const volume = f64(2);
  const observedAll = new Uint32Array(bytes.buffer, base + 24 * cells, cells);
  const u16 = (column: number) => new Uint16Array(bytes.buffer, base + 28 * cells + column * cells * 2, cells);
  const priceSource = u16(0);
  const marketCapSource = u16(1);
  const volumeSource = u16(2);

  const assets: PanelAsset[] = [];
  const observed: Uint32Array[] = [];
  const observedSources: number[] = [];
  let at = 0;
  for (const [id, symbol, name, symbols, categories, excludedFromIndex, firstDay, length, sourcesMask] of header.assets) {
    const end = at + length;
    assets.push({
      id,
      symbol,
      name,
      symbols,
      categories,
      excludedFromIndex,
      firstDay: firstDay as DayNumber,
      price: price.subarray(at, end),
      marketCap: marketCap.subarray(at, end),
      volume: volume.subarray(at, end),
      priceSource: priceSource.subarray(at, end),
      marketCapSource: marketCapSource.subarray(at, end),
      volumeSource: volumeSource.subarray(at, end),
    });
    observed.push(observedAll.subarray(at, end));
    observedSources.push(sourcesMask);
    at = end;
  }
  if (at !== cells) return null;
  return {
    panel: { assets, sources: header.sources, firstDay: header.firstDay as DayNumber | null, lastDay: header.lastDay as DayNumber | null },
    observed,
    observedSources,
  };
}

/**
 * Reads a file laid out as the caches are — an 8-byte magic, u32 header length, u32 CRC-32 of every
 * byte from 16 on, a JSON header, the body at the next multiple of 8 — into an 8-byte-aligned
 * buffer; null when it is missing, of another magic, truncated, corrupt or its header is not a JSON object.
 */
export function readFramedFile(path: string, magic: string): { bytes: Buffer; header: unknown; bodyOffset: number } | null {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return null;
  }
  if (file.length < PREFIX_BYTES || file.length % 8 !== 0 || file.toString('latin1', 0, 8) !== magic) return null;
  const headerBytes = file.readUInt32LE(8);
  const bodyOffset = align8(PREFIX_BYTES + headerBytes);
  if (bodyOffset > file.length) return null;
  // Typed-array views need aligned offsets; a large read starts its own buffer, a small one may not.
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  if (checksum(new Uint32Array(bytes.buffer, bytes.byteOffset + PREFIX_BYTES, (bytes.length - PREFIX_BYTES) / 4)) !== bytes.readUInt32LE(12)) return null;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerBytes));
  } catch {
    return null;
  }
  return typeof header === 'object' && header !== null ? { bytes, header, bodyOffset } : null;
}

/**
 * Writes the cache atomically (a temporary file renamed over the old one, so a reader never sees
 * half a file). Returns false, having changed nothing, when it cannot (read-only directory, disk
 * full): the cache only saves time, so a failure is not an error.
 */
export function writePanelCache(path: string, key: PanelCacheKey, cached: CachedPanel): boolean {
  const { panel, observed, observedSources } = cached;
  if (panel.sources.length > MAX_CACHED_SOURCES) return false;
  const cells = panel.assets.reduce((sum, a) => sum + a.price.length, 0);
  const header: Header = {
    key,
    sources: [...panel.sources],
    firstDay: panel.firstDay,
    lastDay: panel.lastDay,
    cells,
    fileBytes: 0,
    assets: panel.assets.map((a, i) => [a.id, a.symbol, a.name, [...a.symbols], [...a.categories], a.excludedFromIndex, a.firstDay, a.price.length, observedSources[i]!]),
  };
  // fileBytes is part of the header, whose length decides fileBytes: settle it with a second pass.
  let headerText = '';
  let fileBytes = 0;
  for (let pass = 0; pass < 3; pass++) {
    headerText = JSON.stringify({ ...header, fileBytes });
    const next = align8(align8(PREFIX_BYTES + Buffer.byteLength(headerText)) + cells * CELL_BYTES);
    if (next === fileBytes) break;
    fileBytes = next;
  }
  if (fileBytes > MAX_FILE_BYTES) return false;
  const headerBuffer = Buffer.from(headerText, 'utf8');
  const bodyOffset = align8(PREFIX_BYTES + headerBuffer.length);
  if (align8(bodyOffset + cells * CELL_BYTES) !== fileBytes) return false;

  const buffer = new ArrayBuffer(fileBytes);
  const bytes = Buffer.from(buffer);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(headerBuffer.length, 8);
  headerBuffer.copy(bytes, PREFIX_BYTES);
  const f64 = (column: number) => new Float64Array(buffer, bodyOffset + column * cells * 8, cells);
  const u16 = (column: number) => new Uint16Array(buffer, bodyOffset + 28 * cells + column * cells * 2, cells);
  const columns = {
    price: f64(0),
    marketCap: f64(1),
    volume: f64(2),
    observed: new Uint32Array(buffer, bodyOffset + 24 * cells, cells),
    priceSource: u16(0),
    marketCapSource: u16(1),
    volumeSource: u16(2),
  };
  let at = 0;
  panel.assets.forEach((asset, i) => {
    columns.price.set(asset.price, at);
    columns.marketCap.set(asset.marketCap, at);
    columns.volume.set(asset.volume, at);
    columns.observed.set(observed[i]!, at);
    columns.priceSource.set(asset.priceSource, at);
    columns.marketCapSource.set(asset.marketCapSource, at);
    columns.volumeSource.set(asset.volumeSource, at);
    at += asset.price.length;
  });
  bytes.writeUInt32LE(checksum(new Uint32Array(buffer, PREFIX_BYTES, (fileBytes - PREFIX_BYTES) / 4)), 12);
  return writeFileAtomically(path, bytes);
}

/**
 * Writes a file through a temporary one renamed over it, so a reader never sees half a file.
 * Returns false, having changed nothing, when it cannot (read-only directory, disk full).
 */
export function writeFileAtomically(path: string, bytes: Uint8Array): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
    return true;
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
    return false;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/**
 * CRC-32 of the words' bytes (zlib's, native): ~5 ms for the 20 MB of the shared data's panel
 * where a JavaScript hash loop took ~20 ms before the JIT warmed up. Catches truncation and flipped
 * bits, which is all a cache needs; it is not a defence against deliberate tampering.
 */
export function checksum(words: Uint32Array): number {
  return crc32(new Uint8Array(words.buffer, words.byteOffset, words.byteLength)) >>> 0;
}
