/**
 * The persisted columnar panel: the full panel of a store, written to one file so that the next
 * command reads it back with a few reads and typed-array views over the bytes (no per-cell
 * parsing), instead of reading ~470,000 observations out of SQLite and rebuilding the columns.
 *
 * The file is keyed by what decides the panel's content: the store (its location and its newest
 * load, id and time, so a store deleted and re-created at the same path is not mistaken for the old
 * one), the source precedence, and the version of the builder (its format and the redenomination
 * table). Every write to a store records a load, so any import or sync invalidates the file.
 *
 * Layout (little-endian):
 *   0  magic "ALTSPNL4" (8 bytes)
 *   8  u32 header length H
 *   12 u32 CRC-32 of the header's H bytes
 *   16 header: JSON (key, sources, asset metadata, cell count, each column's offset and CRC-32)
 *   …  body: the columns, each starting at a multiple of 8: price, marketCap (Float64 × cells),
 *      priceSource (Uint16 × cells), then volume (Float64), observed (Uint32), marketCapSource,
 *      volumeSource (Uint16). Cells are the assets' columns one after another, in asset order.
 * The first three are what the index reads on every run; they are read with the header, in one
 * read. The others are read, and their checksums checked, when first used (most commands never
 * use them): the file stays open until then, so a newer cache renamed over it meanwhile does not
 * mix two states of the store. Each column has its own checksum, so one that is never read is
 * never hashed.
 * `observed` is, per cell, a bit mask of the sources that had an observation that day (even one
 * with no usable value): it lets a day range be cut out of the full panel exactly as a load of that
 * range would have built it (same asset spans, same source list).
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import type { DayNumber } from '../../domain/dates.ts';
import { StoreError } from '../../domain/errors.ts';
import type { Panel, PanelAsset } from '../../domain/panel.ts';
import { COLUMNS, EAGER_COLUMNS, MAGIC, PREFIX_BYTES, besidePanelCachePath, eagerRangeIn, eagerRangeOf, headerBytesIn, type CacheStart } from './panel-cache-prefetch.ts';

export { prefetchPanelCache, takePrefetchedPanelCache, type CacheStart } from './panel-cache-prefetch.ts';

/** The observed mask is 32 bits wide; a panel with more sources is not cached. */
export const MAX_CACHED_SOURCES = 32;
/** Larger panels are not cached (a column is one typed array, and the cache only saves time). */
const MAX_FILE_BYTES = 2 ** 30;
type ColumnName = (typeof COLUMNS)[number][0];
type LazyColumnName = Exclude<ColumnName, 'price' | 'marketCap' | 'priceSource'>;

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
  /** Per asset; a panel read from the file reads these masks when this is first used. */
  readonly observed: readonly Uint32Array[];
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
  /** Per column (COLUMNS order): its byte offset in the file and the CRC-32 of its bytes. */
  columns: [number, number][];
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
  const inCacheHome = join(cacheHome, 'altseason', `${nameOf(identity)}.panel-cache`);
  return isUrl ? [inCacheHome] : [besidePanelCachePath(location)!, inCacheHome];
}

/**
 * Reads the cache at `path` if it was written for `key`; null when it is missing, for another key,
 * truncated or corrupt (the caller rebuilds the panel and writes the file again). A lazy column
 * found corrupt when first used throws (see LazyColumns). `ahead` is what prefetchPanelCache read
 * of this path, if anything: checked exactly as a read made here would be.
 */
export function readPanelCache(path: string, key: PanelCacheKey, ahead: CacheStart | null = null): CachedPanel | null {
  // What was read ahead may be of an older file since replaced (a newer load): then read again.
  const early = ahead ? panelFrom(ahead, path, key) : null;
  if (early) return early;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  return panelFrom(readCacheStart(fd), path, key);
}

/** The panel from a cache's first bytes once checked, or null; the file is closed unless columns remain to read. */
function panelFrom(start: CacheStart, path: string, key: PanelCacheKey): CachedPanel | null {
  let lazy: LazyColumns | null = null;
  try {
    const checked = checkCacheStart(start, key);
    if (!checked) return null;
    lazy = new LazyColumns(start.fd, path, checked.header);
    const cached = cachedPanelOf(checked.header, checked.eager, checked.eagerOffset, lazy);
    if (!cached) lazy.close();
    return cached;
  } catch {
    return null;
  } finally {
    if (!lazy) closeSync(start.fd);
  }
}

function readCacheStart(fd: number): CacheStart {
  const start: CacheStart = { fd, fileBytes: 0, prefix: null, header: null, parsed: null, eager: null, eagerOffset: 0 };
  try {
    start.fileBytes = fstatSync(fd).size;
    start.prefix = readAt(fd, 0, PREFIX_BYTES);
    const headerBytes = headerBytesIn(start);
    if (headerBytes === null) return start;
    start.header = readAt(fd, PREFIX_BYTES, headerBytes);
    const range = eagerRangeIn(start);
    if (range) start.eager = readAt(fd, range[0], range[1]);
  } catch {
    // a short or unreadable file: checkCacheStart refuses what is missing
  }
  return start;
}

/** The header parsed by the reader, when its checksum holds and its column table has the right shape. */
function checkedHeader(start: CacheStart): Header | null {
  if (!start.header || !start.prefix || crc32(new Uint8Array(start.header)) >>> 0 !== new DataView(start.prefix).getUint32(12, true)) return null;
  const header = start.parsed as Header | null;
  return eagerRangeOf(header, start.fileBytes) ? header : null;
}

function checkCacheStart(start: CacheStart, key: PanelCacheKey): { header: Header; eager: ArrayBuffer; eagerOffset: number } | null {
  const headerBytes = headerBytesIn(start);
  const header = checkedHeader(start);
  const { eager, eagerOffset, fileBytes } = start;
  if (headerBytes === null || !header || !eager) return null;
  if (header.fileBytes !== fileBytes || JSON.stringify(header.key) !== JSON.stringify(key)) return null;
  for (let c = 0; c < COLUMNS.length; c++) {
    const offset = header.columns[c]![0];
    if (offset % 8 !== 0 || offset < PREFIX_BYTES + headerBytes || offset + header.cells * COLUMNS[c]![1] > fileBytes) return null;
  }
  // The eager columns lie one after another, read at once; each is checked against its checksum.
  const first = header.columns[0]![0];
  if (eager.byteLength - eagerOffset < eagerRangeOf(header, fileBytes)![1]) return null;
  for (let c = 0; c < EAGER_COLUMNS; c++) {
    const [offset, crc] = header.columns[c]!;
    if (crc32(new Uint8Array(eager, eagerOffset + offset - first, header.cells * COLUMNS[c]![1])) >>> 0 !== crc) return null;
  }
  return { header, eager, eagerOffset };
}

function cachedPanelOf(header: Header, eager: ArrayBuffer, eagerOffset: number, lazy: LazyColumns): CachedPanel | null {
  const cells = header.cells;
  const base = header.columns[0]![0] - eagerOffset;
  const at = (c: number) => header.columns[c]![0] - base;
  const price = new Float64Array(eager, at(0), cells);
  const marketCap = new Float64Array(eager, at(1), cells);
  const priceSource = new Uint16Array(eager, at(2), cells);
  const assets: PanelAsset[] = [];
  const observedSources: number[] = [];
  const spans: [number, number][] = [];
  let start = 0;
  for (const [id, symbol, name, symbols, categories, excludedFromIndex, firstDay, length, sourcesMask] of header.assets) {
    const end = start + length;
    assets.push(cachedAsset(id, symbol, name, symbols, categories, excludedFromIndex, firstDay as DayNumber, price.subarray(start, end), marketCap.subarray(start, end), priceSource.subarray(start, end), lazy, start, end));
    observedSources.push(sourcesMask);
    spans.push([start, end]);
    start = end;
  }
  if (start !== cells) return null;
  let observed: Uint32Array[] | undefined;
  return {
    panel: { assets, sources: header.sources, firstDay: header.firstDay as DayNumber | null, lastDay: header.lastDay as DayNumber | null },
    get observed() {
      if (!observed) {
        const all = lazy.column('observed') as Uint32Array;
        observed = spans.map(([from, to]) => all.subarray(from, to));
      }
      return observed;
    },
    observedSources,
  };
}

/**
 * An asset whose volume and source columns other than the price's are read from the file when
 * first used. They are own enumerable accessors, so a copy (`{ ...asset }`) reads and keeps them;
 * the getters are shared by every asset (LAZY_COLUMN_GETTERS, state in a hidden slot), so all
 * assets keep one shape with fast properties — getters written in each object literal would put
 * every asset in dictionary mode and slow each read of `asset.price` everywhere.
 */
function cachedAsset(
  id: string,
  symbol: string,
  name: string,
  symbols: string[],
  categories: string[],
  excludedFromIndex: boolean,
  firstDay: DayNumber,
  price: Float64Array,
  marketCap: Float64Array,
  priceSource: Uint16Array,
  lazy: LazyColumns,
  start: number,
  end: number,
): PanelAsset {
  const asset = { id, symbol, name, symbols, categories, excludedFromIndex, firstDay, price, marketCap, priceSource };
  const slot: LazySlot = { lazy, start, end, views: {} };
  Object.defineProperty(asset, LAZY_SLOT, { value: slot });
  Object.defineProperties(asset, LAZY_COLUMN_GETTERS);
  return asset as unknown as PanelAsset;
}

const LAZY_SLOT = Symbol('lazy columns');

const ASSET_LAZY_COLUMNS = ['volume', 'marketCapSource', 'volumeSource'] as const;

interface LazySlot {
  lazy: LazyColumns;
  start: number;
  end: number;
  /** Each lazy column's view for this asset, once read. */
  views: Partial<Record<(typeof ASSET_LAZY_COLUMNS)[number], Float64Array | Uint32Array | Uint16Array>>;
}

const slotOf = (asset: object): LazySlot => (asset as { [LAZY_SLOT]: LazySlot })[LAZY_SLOT];

/** One getter per lazy column, the same functions on every asset (one shape for all). */
const LAZY_COLUMN_GETTERS: PropertyDescriptorMap = Object.fromEntries(
  ASSET_LAZY_COLUMNS.map((name) => [
    name,
    {
      enumerable: true,
      get(this: object) {
        const slot = slotOf(this);
        return (slot.views[name] ??= slot.lazy.column(name).subarray(slot.start, slot.end));
      },
    },
  ]),
);

// A cache file left open because some of its columns were never used is closed with its panel.
const closeWhenUnreachable = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * The columns of one open cache file that are read when first used. The file stays open until
 * all are read (or the panel is gone), so they come from the same file as the header, even if a
 * newer cache was renamed over its path since.
 */
class LazyColumns {
  private fd: number | null;
  private readonly read = new Map<LazyColumnName, Float64Array | Uint32Array | Uint16Array>();

  constructor(
    fd: number,
    private readonly path: string,
    private readonly header: Header,
  ) {
    this.fd = fd;
    closeWhenUnreachable.register(this, fd, this);
  }

  /** The whole column; throws, having removed the file, when its bytes fail their checksum. */
  column(name: LazyColumnName): Float64Array | Uint32Array | Uint16Array {
    const done = this.read.get(name);
    if (done) return done;
    const c = COLUMNS.findIndex(([n]) => n === name);
    const [offset, crc] = this.header.columns[c]!;
    const width = COLUMNS[c]![1];
    const bytes = this.fd === null ? null : readAt(this.fd, offset, this.header.cells * width);
    if (!bytes || crc32(new Uint8Array(bytes)) >>> 0 !== crc) {
      this.removeCorruptFile();
      throw new StoreError(`the panel cache ${this.path} is corrupt (its ${name} column fails its checksum); it was removed: run the command again to rebuild it from the store`);
    }
    const column = width === 8 ? new Float64Array(bytes) : width === 4 ? new Uint32Array(bytes) : new Uint16Array(bytes);
    this.read.set(name, column);
    if (this.read.size === COLUMNS.length - EAGER_COLUMNS) this.close();
    return column;
  }

  private removeCorruptFile(): void {
    try {
      // Only this file: a newer cache renamed over the path since is left alone.
      if (this.fd !== null && fstatSync(this.fd).ino === statSync(this.path).ino) unlinkSync(this.path);
    } catch {
      // gone already, or not ours to remove
    }
    this.close();
  }

  /** Closes the file (columns not read by then cannot be). */
  close(): void {
    if (this.fd === null) return;
    closeWhenUnreachable.unregister(this);
    closeSync(this.fd);
    this.fd = null;
  }
}

/** `length` bytes at `position` into a new 8-byte-aligned buffer, or null when the file is shorter. */
function readAt(fd: number, position: number, length: number): ArrayBuffer | null {
  const buffer = new ArrayBuffer(length);
  const bytes = new Uint8Array(buffer);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, bytes, done, length - done, position + done);
    if (n === 0) return null;
    done += n;
  }
  return buffer;
}

/**
 * Reads a file laid out as the derived caches are — an 8-byte magic, u32 header length, u32 CRC-32
 * of every byte from 16 on, a JSON header, the body at the next multiple of 8 — into an
 * 8-byte-aligned buffer; null when it is missing, of another magic, truncated, corrupt or its
 * header is not a JSON object.
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
    columns: [],
    assets: panel.assets.map((a, i) => [a.id, a.symbol, a.name, [...a.symbols], [...a.categories], a.excludedFromIndex, a.firstDay, a.price.length, observedSources[i]!]),
  };
  // The header holds the columns' offsets and the file's size, which its own length decides:
  // settle them in a few passes (checksums are patched in after, at a fixed width).
  let headerText = '';
  let offsets: number[] = [];
  let fileBytes = 0;
  for (let pass = 0; pass < 4; pass++) {
    header.columns = COLUMNS.map((_, c) => [offsets[c] ?? 0, 0xffffffff]);
    headerText = JSON.stringify({ ...header, fileBytes });
    let at = align8(PREFIX_BYTES + Buffer.byteLength(headerText));
    const next = COLUMNS.map(([, width]) => {
      const offset = at;
      at = align8(at + cells * width);
      return offset;
    });
    if (at === fileBytes && next.every((o, c) => o === offsets[c])) break;
    offsets = next;
    fileBytes = at;
  }
  if (fileBytes > MAX_FILE_BYTES || align8(PREFIX_BYTES + Buffer.byteLength(headerText)) !== offsets[0]) return false;

  const buffer = new ArrayBuffer(fileBytes);
  const columns = {
    price: new Float64Array(buffer, offsets[0], cells),
    marketCap: new Float64Array(buffer, offsets[1], cells),
    priceSource: new Uint16Array(buffer, offsets[2], cells),
    volume: new Float64Array(buffer, offsets[3], cells),
    observed: new Uint32Array(buffer, offsets[4], cells),
    marketCapSource: new Uint16Array(buffer, offsets[5], cells),
    volumeSource: new Uint16Array(buffer, offsets[6], cells),
  } satisfies Record<ColumnName, unknown>;
  let at = 0;
  panel.assets.forEach((asset, i) => {
    columns.price.set(asset.price, at);
    columns.marketCap.set(asset.marketCap, at);
    columns.priceSource.set(asset.priceSource, at);
    columns.volume.set(asset.volume, at);
    columns.observed.set(observed[i]!, at);
    columns.marketCapSource.set(asset.marketCapSource, at);
    columns.volumeSource.set(asset.volumeSource, at);
    at += asset.price.length;
  });
  header.columns = COLUMNS.map(([name], c) => [offsets[c]!, crc32(new Uint8Array(columns[name].buffer, offsets[c]!, columns[name].byteLength)) >>> 0]);
  const finalText = JSON.stringify({ ...header, fileBytes });
  // Every CRC was a placeholder of the widest value, so the header is not longer than planned.
  const headerBuffer = Buffer.from(finalText.padEnd(headerText.length, ' '), 'utf8');
  if (headerBuffer.length !== Buffer.byteLength(headerText)) return false;
  const bytes = Buffer.from(buffer);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(headerBuffer.length, 8);
  bytes.writeUInt32LE(crc32(headerBuffer) >>> 0, 12);
  headerBuffer.copy(bytes, PREFIX_BYTES);
  return writeFileAtomically(path, bytes);
}

let temporaryFiles = 0;

/**
 * A file name for a store's identity: 64 bits of two CRC-32s (zlib's, loaded for the checksums
 * anyway; node:crypto would cost every command ~4 ms to load). Two stores sharing a name only evict
 * each other's cache: the key inside the file names its store.
 */
function nameOf(identity: string): string {
  const hex = (text: string) => (crc32(text) >>> 0).toString(16).padStart(8, '0');
  return hex(identity) + hex(`altseason:${identity}`);
}

/**
 * Writes a file through a temporary one renamed over it, so a reader never sees half a file.
 * Returns false, having changed nothing, when it cannot (read-only directory, disk full).
 */
export function writeFileAtomically(path: string, bytes: Uint8Array): boolean {
  // pid and a counter: no two writers share a name (node:crypto is not loaded for it: ~4 ms a command).
  const temporary = `${path}.${process.pid}.${(temporaryFiles++).toString(36)}.${Date.now().toString(36)}.tmp`;
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
