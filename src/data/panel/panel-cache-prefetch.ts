/**
 * Reading the persisted panel (panel-cache.ts) ahead of need: the CLI starts it for commands that
 * read the panel as soon as main runs, so the ~11 MB read runs on libuv's thread pool, on another
 * core, while the main thread sets the command up and opens the store. It is only a hint: what it
 * read is handed to readPanelCache, which checks it as its own read (header checksum, key, every
 * column's checksum) and reads the file again when it does not pass; a wrong guess costs a read,
 * never an answer. This module is small on purpose (Node's fs only). It also holds the file's
 * layout constants, which both modules read.
 */
import { closeSync, fstatSync, openSync, read } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

// Version 4: a checksum per column, and the columns the index needs first (version 3 files are
// rebuilt, not misread).
export const MAGIC = 'ALTSPNL4';
/** Magic (8 bytes), u32 header length, u32 CRC-32 of the header. */
export const PREFIX_BYTES = 16;
/** The columns in file order, with their cell width; the first EAGER_COLUMNS are read with the header. */
export const COLUMNS = [
  ['price', 8],
  ['marketCap', 8],
  ['priceSource', 2],
  ['volume', 8],
  ['observed', 4],
  ['marketCapSource', 2],
  ['volumeSource', 2],
] as const;
export const EAGER_COLUMNS = 3;
/** Bytes per cell of the eager columns, and of all of them. */
const EAGER_CELL_BYTES = 8 + 8 + 2;
const CELL_BYTES = 8 + 8 + 2 + 8 + 4 + 2 + 2;

/**
 * The first bytes of a cache file, unchecked: the 16-byte prefix, the header and the columns read
 * with it. Read by readPanelCache itself or ahead of time here; panel-cache.ts decides.
 */
export interface CacheStart {
  /** The open file, for the columns read later. */
  fd: number;
  fileBytes: number;
  prefix: ArrayBuffer | null;
  header: ArrayBuffer | null;
  /** The header as parsed by the reader, before its checksum is checked (panel-cache.ts checks it). */
  parsed: unknown;
  eager: ArrayBuffer | null;
  /** Where in `eager` the first of its columns begins (0 when read on its own). */
  eagerOffset: number;
}

/** The cache file beside a file store (`<db>.panel-cache`); null for a URL or an in-memory store. */
export function besidePanelCachePath(location: string): string | null {
  if (location === '' || location === ':memory:' || location.startsWith('file::memory:') || /^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return null;
  return `${resolve(location)}.panel-cache`;
}

/** The header's length from the prefix, or null when the file cannot be a cache. */
export function headerBytesIn({ fileBytes, prefix }: Pick<CacheStart, 'fileBytes' | 'prefix'>): number | null {
  if (!prefix || fileBytes < PREFIX_BYTES || fileBytes % 8 !== 0 || Buffer.from(prefix, 0, 8).toString('latin1') !== MAGIC) return null;
  const headerBytes = new DataView(prefix).getUint32(8, true);
  return PREFIX_BYTES + headerBytes <= fileBytes ? headerBytes : null;
}

/**
 * Parses the header just read into `start.parsed` (unchecked: a reader only needs to know where to
 * read next) and returns where the eager columns lie (offset, length), or null when it cannot say.
 */
export function eagerRangeIn(start: CacheStart): [number, number] | null {
  if (!start.header) return null;
  try {
    start.parsed = JSON.parse(Buffer.from(start.header).toString('utf8'));
  } catch {
    return null;
  }
  return eagerRangeOf(start.parsed as { columns?: unknown; cells?: unknown }, start.fileBytes);
}

/** Where the eager columns lie (offset, length) by a header's column table, or null when they cannot. */
export function eagerRangeOf(header: { columns?: unknown; cells?: unknown } | null, fileBytes: number): [number, number] | null {
  if (typeof header !== 'object' || header === null) return null;
  const { columns, cells } = header;
  if (!Array.isArray(columns) || columns.length !== COLUMNS.length || !Number.isInteger(cells)) return null;
  const first = (columns[0] as [number])[0];
  const last = EAGER_COLUMNS - 1;
  const end = (columns[last] as [number])[0] + (cells as number) * COLUMNS[last]![1];
  return Number.isInteger(first) && first >= 0 && end >= first && end <= fileBytes ? [first, end - first] : null;
}

// What prefetchPanelCache is reading or has read, by path, until takePrefetchedPanelCache takes it.
const ahead = new Map<string, Promise<CacheStart | null>>();
/** A prefetch nobody takes within this long is closed (the command read no panel, or failed first). */
const UNTAKEN_PREFETCH_MS = 10_000;
/** Room for the header in the prefetch's one read (the shared data's is 126 KB). */
const HEADER_ALLOWANCE = 1 << 20;

/** Starts reading the cache at `path` (its header and the columns read with it) on the thread pool. */
export function prefetchPanelCache(path: string): void {
  if (ahead.has(path)) return;
  const reading = readCacheStartAhead(path);
  ahead.set(path, reading);
  const timer = setTimeout(() => {
    if (ahead.get(path) !== reading) return;
    ahead.delete(path);
    void reading.then((start) => start && closeSync(start.fd));
  }, UNTAKEN_PREFETCH_MS);
  timer.unref();
}

/** What prefetchPanelCache read of `path` (null when nothing was prefetched); the caller owns its fd. */
export async function takePrefetchedPanelCache(path: string): Promise<CacheStart | null> {
  const reading = ahead.get(path);
  if (!reading) return null;
  ahead.delete(path);
  return reading;
}

async function readCacheStartAhead(path: string): Promise<CacheStart | null> {
  // One trip to the thread pool: each continuation waits until the main thread, busy setting the
  // command up, returns to the event loop. So open and stat here (microseconds each), and read the
  // header with what the eager columns take in a file of this size (18 of every 34 bytes of the
  // columns) in one read that starts now.
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  const start: CacheStart = { fd, fileBytes: 0, prefix: null, header: null, parsed: null, eager: null, eagerOffset: 0 };
  try {
    start.fileBytes = fstatSync(fd).size;
    const guess = Math.min(start.fileBytes, Math.ceil((start.fileBytes * EAGER_CELL_BYTES) / CELL_BYTES) + HEADER_ALLOWANCE);
    const bytes = guess >= PREFIX_BYTES ? await readAtAhead(start.fd, 0, guess) : null;
    if (!bytes) return start;
    start.prefix = bytes.slice(0, PREFIX_BYTES);
    const headerBytes = headerBytesIn(start);
    if (headerBytes === null) return start;
    start.header = PREFIX_BYTES + headerBytes <= guess ? bytes.slice(PREFIX_BYTES, PREFIX_BYTES + headerBytes) : await readAtAhead(start.fd, PREFIX_BYTES, headerBytes);
    const range = eagerRangeIn(start);
    if (!range) return start;
    if (range[0] + range[1] <= guess) {
      start.eager = bytes;
      start.eagerOffset = range[0];
    } else start.eager = await readAtAhead(start.fd, range[0], range[1]);
  } catch {
    // panel-cache.ts refuses what is missing or malformed
  }
  return start;
}

async function readAtAhead(fd: number, position: number, length: number): Promise<ArrayBuffer | null> {
  const buffer = new ArrayBuffer(length);
  const bytes = new Uint8Array(buffer);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await promisify(read)(fd, bytes, done, length - done, position + done);
    if (bytesRead === 0) return null;
    done += bytesRead;
  }
  return buffer;
}
