/**
 * Streams the records of a CSV file (RFC 4180: quoted fields with "" escapes and embedded line
 * breaks, LF, CRLF or CR line ends, mixed too), gunzipping `.gz` files (by extension or by the
 * gzip magic bytes). Parsing is csv-parse's, which is linear in the input; the hand-written parser
 * it replaced re-scanned an unfinished record on every chunk, so one 32 MB line took minutes.
 *
 * Limits (docs/data.md, "Reliability"), each an error naming the file and line:
 * - only regular files are read: a FIFO or a symlink to /dev/zero would never end;
 * - the text must be UTF-8 (a BOM is allowed): a Latin-1 or UTF-16 file is refused, never mangled;
 * - one record may hold at most CSV_LIMITS.maxRecordChars characters;
 * - the text (after decompression) may be at most CSV_LIMITS.maxTextBytes, and a gzip file may not
 *   expand more than CSV_LIMITS.maxCompressionRatio times once it passes 1 MiB (a gzip bomb).
 * Records are handed to a callback rather than an async iterator: a promise per record would
 * cost more than parsing the 461k-row crypto file does.
 */
import { isUtf8 } from 'node:buffer';
import type { Hash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import { AltseasonError, InvalidInputError, InvalidRowError } from '../../domain/errors.ts';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
}

export interface CsvLimits {
  /** Characters in one record (a line, or several for quoted line breaks). */
  maxRecordChars: number;
  /** Bytes of text, after decompression. */
  maxTextBytes: number;
  /** Text bytes per compressed byte, checked once the text passes ratioCheckFromBytes. */
  maxCompressionRatio: number;
  ratioCheckFromBytes: number;
}

export const CSV_LIMITS: Readonly<CsvLimits> = {
  maxRecordChars: 65_536,
  // The largest shared file is 39 MB of text (crypto_prices_long.csv.gz, 7.8 MB compressed).
  maxTextBytes: 128 * 1024 * 1024,
  // CSV compresses 5–20 times; a gzip bomb a thousand times.
  maxCompressionRatio: 100,
  ratioCheckFromBytes: 1024 * 1024,
};

export interface ReadCsvOptions {
  /** Called after each chunk of the file (compressed bytes for .gz) is read. */
  onBytes?: (bytesRead: number) => void;
  /** Name used in error messages (defaults to the path). */
  displayName?: string;
  /** Every byte of the file as stored (compressed for .gz) goes into this hash too. */
  hash?: Hash;
  /** Stops reading between chunks: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Tighter limits (tests). */
  limits?: Partial<CsvLimits>;
  /** Bytes per read (tests use tiny chunks to cut records anywhere). */
  chunkBytes?: number;
}

/** Returned by an onRecord callback to stop reading (e.g. after the header). */
export const STOP_READING = false;

/**
 * Opens `path` for reading if it is a regular file (following symlinks). O_NONBLOCK keeps the open
 * itself from hanging on a FIFO that has no writer; it does not affect reads of a regular file.
 */
export async function openRegularFile(path: string, displayName = path): Promise<{ handle: FileHandle; info: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InvalidInputError(`${displayName}: no such file or directory`);
    throw new InvalidInputError(`${displayName}: cannot open the file: ${(error as Error).message}`);
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new InvalidInputError(`${displayName}: not a regular file (${describeFileType(info)}): import reads regular files only`);
  }
  return { handle, info };
}

export function describeFileType(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device such as /dev/zero';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a plain file';
}

async function startsWithGzipMagic(handle: FileHandle): Promise<boolean> {
  const magic = Buffer.alloc(2);
  const { bytesRead } = await handle.read(magic, 0, 2, 0);
  return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
}

/** Reads every record of `path`, calling `onRecord` in file order. Blank lines are skipped. */
export async function readCsvRecords(path: string, onRecord: (record: CsvRecord) => void | boolean, options: ReadCsvOptions = {}): Promise<void> {
  const displayName = options.displayName ?? path;
  const limits: CsvLimits = { ...CSV_LIMITS, ...options.limits };
  const { handle } = await openRegularFile(path, displayName);
  const gzip = path.toLowerCase().endsWith('.gz') || (await startsWithGzipMagic(handle));
  let rawBytes = 0;
  const raw = handle.createReadStream({ start: 0, highWaterMark: options.chunkBytes ?? 1 << 20, autoClose: false });
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      rawBytes += chunk.length;
      options.hash?.update(chunk);
      done(null, chunk);
    },
  });
  const gunzip = gzip ? createGunzip({ chunkSize: options.chunkBytes ?? 64 * 1024 }) : null;
  const source: AsyncIterable<Buffer> = gunzip ? raw.pipe(tap).pipe(gunzip) : raw.pipe(tap);
  const forward = (error: Error) => (gunzip ?? tap).destroy(error);
  raw.on('error', forward);
  if (gunzip) tap.on('error', forward);

  // Line numbers are counted here rather than taken from csv-parse's per-record info, which
  // costs more than a third of its parse time: each record is one line plus the line breaks
  // inside its quoted fields. Blank lines come through as one empty field and are skipped here.
  let nextLine = 1;
  let stopped = false;
  const parser = parse({
    bom: true,
    // Listed rather than auto-detected: detection fixes the first line's ending for the whole file,
    // so a CRLF header over LF rows would read as one record. Order matters: CRLF before CR.
    record_delimiter: ['\r\n', '\n', '\r'],
    // Field counts are checked by the formats, with a message that names the columns.
    relax_column_count: true,
    max_record_size: limits.maxRecordChars,
  });
  let parseError: unknown = null;
  parser.on('error', (error) => (parseError ??= error));
  const drain = () => {
    let fields: string[] | null;
    while (!stopped && (fields = parser.read() as string[] | null) !== null) {
      const line = nextLine;
      nextLine++;
      for (const field of fields) if (field.length > 0 && field.includes('\n')) nextLine += countLineFeedsIn(field);
      if (fields.length === 1 && fields[0] === '') continue;
      if (onRecord({ fields, line }) === STOP_READING) {
        stopped = true;
        parser.destroy();
      }
    }
  };
  const currentRecordLine = () => nextLine;

  let textBytes = 0;
  let linesBefore = 0;
  let pending: Buffer | null = null;
  try {
    for await (const chunk of source) {
      // csv-parse reports a syntax error on a later tick; by the next chunk it has arrived.
      if (parseError !== null) throw parseError;
      if (options.signal?.aborted) throw options.signal.reason;
      textBytes += chunk.length;
      if (textBytes > limits.maxTextBytes) {
        throw new InvalidRowError(displayName, linesBefore + 1, `the text is larger than ${formatBytes(limits.maxTextBytes)}${gzip ? ' once decompressed' : ''} (the import limit; docs/data.md "Reliability")`);
      }
      if (gzip && textBytes > limits.ratioCheckFromBytes && textBytes > limits.maxCompressionRatio * Math.max(rawBytes, 1)) {
        throw new InvalidRowError(
          displayName,
          linesBefore + 1,
          `the gzip data expands more than ${limits.maxCompressionRatio} times (${formatBytes(rawBytes)} → over ${formatBytes(textBytes)}): refused as a likely gzip bomb (docs/data.md "Reliability")`,
        );
      }
      // UTF-8 is checked on whole characters: a character cut by the chunk boundary waits for the next chunk.
      const bytes: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
      const cut = completeUtf8Length(bytes);
      const whole = cut === bytes.length ? bytes : bytes.subarray(0, cut);
      pending = cut === bytes.length ? null : Buffer.from(bytes.subarray(cut));
      if (linesBefore === 0 && textBytes === chunk.length) checkNotUtf16(displayName, whole);
      if (!isUtf8(whole)) notUtf8(displayName, whole, linesBefore);
      linesBefore += countLineFeeds(whole);
      parser.write(whole);
      drain();
      if (stopped) return;
      options.onBytes?.(rawBytes);
    }
    if (pending) notUtf8(displayName, pending, linesBefore, true);
    if (parseError !== null) throw parseError;
    // The last record (one without a final line break) comes out of csv-parse's flush.
    const ended = new Promise<void>((resolve) => {
      parser.once('end', resolve);
      parser.once('close', resolve);
      parser.once('error', () => resolve());
    });
    let failure: unknown = null;
    parser.on('readable', () => {
      try {
        drain();
      } catch (error) {
        failure = error;
        parser.destroy();
      }
    });
    parser.end();
    await ended;
    if (failure === null) drain();
    if (failure !== null) throw failure;
    if (parseError !== null) throw parseError;
  } catch (error) {
    // Our own errors (a bad row, an unknown header) already say where; csv-parse, I/O and gzip errors need it.
    if (error instanceof AltseasonError || (options.signal?.aborted && error === options.signal.reason)) throw error;
    if (error instanceof CsvError) throw csvParseError(displayName, error, currentRecordLine(), limits);
    throw new InvalidRowError(displayName, currentRecordLine(), `could not read the file: ${(error as Error).message}`);
  } finally {
    parser.destroy();
    raw.destroy();
    gunzip?.destroy();
    await handle.close();
  }
}

/** The first record of a file (its header), or an empty list for an empty file. */
export async function readCsvHeader(path: string, options: Pick<ReadCsvOptions, 'displayName'> = {}): Promise<string[]> {
  let header: string[] = [];
  await readCsvRecords(
    path,
    (record) => {
      header = record.fields;
      return STOP_READING;
    },
    options,
  );
  return header;
}

function csvParseError(file: string, error: CsvError, recordLine: number, limits: CsvLimits): InvalidRowError {
  const errorLine = typeof (error as { lines?: unknown }).lines === 'number' ? (error as unknown as { lines: number }).lines : recordLine;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new InvalidRowError(file, recordLine, 'a quoted field is never closed');
    case 'CSV_MAX_RECORD_SIZE':
      return new InvalidRowError(file, recordLine, `the record is longer than ${limits.maxRecordChars.toLocaleString('en-US')} characters (the import limit for one CSV record; docs/data.md "Reliability")`);
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new InvalidRowError(file, errorLine, 'a closing quote must be followed by a comma or the end of the line');
    case 'INVALID_OPENING_QUOTE':
      return new InvalidRowError(file, errorLine, 'a quote inside an unquoted field: quote the whole field and double the quote inside it ("a""b")');
    default:
      return new InvalidRowError(file, errorLine, `not valid CSV: ${error.message.slice(0, 120)}`);
  }
}

/** Length of `bytes` without a trailing, incomplete UTF-8 character. */
function completeUtf8Length(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

function checkNotUtf16(file: string, bytes: Buffer): void {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new InvalidRowError(file, 1, 'the file is UTF-16 text (it starts with a UTF-16 byte order mark): save it as UTF-8 (CSV UTF-8) and import it again');
  }
}

function notUtf8(file: string, bytes: Buffer, linesBefore: number, truncated = false): never {
  const at = truncated ? 0 : firstInvalidUtf8(bytes);
  const line = linesBefore + 1 + countLineFeeds(bytes.subarray(0, at));
  const byte = bytes[at] ?? 0;
  const latin1 = byte >= 0x80;
  throw new InvalidRowError(
    file,
    line,
    `the file is not UTF-8 text: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}${truncated ? ' at the end starts a character that is cut off' : ''}` +
      `${latin1 && !truncated ? ` (${JSON.stringify(Buffer.from([byte]).toString('latin1'))} in Latin-1 / Windows-1252, which is probably what the file is)` : ''}` +
      ': save it as UTF-8 and import it again (nothing is guessed, so no value is mangled)',
  );
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (!isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

function countLineFeedsIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function countLineFeeds(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
