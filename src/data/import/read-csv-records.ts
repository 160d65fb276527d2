/**
 * Streams the records of a CSV file (RFC 4180: quoted fields with "" escapes and embedded line
 * breaks, LF or CRLF endings), gunzipping `.gz` files (by extension or by the gzip magic bytes).
 * Records are handed to a callback rather than an async iterator: a promise per record would
 * cost more than parsing the 461k-row crypto file does.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { AltseasonError, InvalidRowError } from '../../domain/errors.ts';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
}

export interface ReadCsvOptions {
  /** Called after each chunk of the file (compressed bytes for .gz) is read. */
  onBytes?: (bytesRead: number) => void;
  /** Name used in error messages (defaults to the path). */
  displayName?: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export async function isGzipFile(path: string): Promise<boolean> {
  if (path.toLowerCase().endsWith('.gz')) return true;
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Returned by an onRecord callback to stop reading (e.g. after the header). */
export const STOP_READING = false;

/** Reads every record of `path`, calling `onRecord` in file order. Blank lines are skipped. */
export async function readCsvRecords(path: string, onRecord: (record: CsvRecord) => void | boolean, options: ReadCsvOptions = {}): Promise<void> {
  const displayName = options.displayName ?? path;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const chunks: AsyncIterable<Buffer> = (await isGzipFile(path)) ? raw.pipe(createGunzip()) : raw;
  const decoder = new StringDecoder('utf8');
  const parser = new CsvParser(displayName, onRecord);
  try {
    for await (const chunk of chunks) {
      parser.push(decoder.write(chunk));
      if (parser.stopped) return;
      options.onBytes?.(raw.bytesRead);
    }
    parser.push(decoder.end());
    if (parser.stopped) return;
  } catch (error) {
    // Our own errors (a bad row, an unknown header) already say where; only I/O and gzip errors need it.
    if (error instanceof AltseasonError) throw error;
    throw new InvalidRowError(displayName, parser.currentLine, `could not read the file: ${(error as Error).message}`);
  } finally {
    raw.destroy();
  }
  parser.end();
}

/** The first record of a file (its header), or an empty list for an empty file. */
export async function readCsvHeader(path: string): Promise<string[]> {
  let header: string[] = [];
  await readCsvRecords(path, (record) => {
    header = record.fields;
    return STOP_READING;
  });
  return header;
}

/** Incremental RFC 4180 parser; keeps an unfinished record between chunks. */
export class CsvParser {
  private pending = '';
  private line = 1;
  private first = true;
  stopped = false;

  constructor(
    private readonly file: string,
    private readonly onRecord: (record: CsvRecord) => void | boolean,
  ) {}

  get currentLine(): number {
    return this.line;
  }

  push(chunk: string): void {
    let text = this.pending + chunk;
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    const consumed = this.parse(text, false);
    this.pending = text.slice(consumed);
  }

  end(): void {
    if (this.pending.length > 0 && !this.stopped) this.parse(this.pending, true);
    this.pending = '';
  }

  /** Parses complete records from `text`; returns how many characters were consumed. */
  private parse(text: string, atEnd: boolean): number {
    const length = text.length;
    let position = 0;
    while (position < length && !this.stopped) {
      const recordStart = position;
      const startLine = this.line;
      let linesInRecord = 0;
      const fields: string[] = [];
      let complete = false;
      let i = position;
      while (i <= length) {
        if (i === length) {
          if (!atEnd) break;
          fields.push('');
          complete = true;
          position = i;
          break;
        }
        if (text.charCodeAt(i) === QUOTE) {
          // Quoted field: runs to the closing quote; "" is a literal quote.
          let value = '';
          let j = i + 1;
          let closed = false;
          while (j < length) {
            const quoteAt = text.indexOf('"', j);
            if (quoteAt === -1) break;
            value += text.slice(j, quoteAt);
            if (text.charCodeAt(quoteAt + 1) === QUOTE) {
              value += '"';
              j = quoteAt + 2;
              continue;
            }
            if (quoteAt + 1 === length && !atEnd) break;
            closed = true;
            j = quoteAt + 1;
            break;
          }
          if (!closed) {
            if (atEnd) throw new InvalidRowError(this.file, startLine, 'a quoted field is never closed');
            break;
          }
          for (let k = i; k < j; k++) if (text.charCodeAt(k) === LF) linesInRecord++;
          const next = j < length ? text.charCodeAt(j) : -1;
          if (next === COMMA) {
            fields.push(value);
            i = j + 1;
            continue;
          }
          if (next === -1) {
            if (!atEnd) break;
            fields.push(value);
            complete = true;
            position = j;
            break;
          }
          if (next === LF || (next === CR && text.charCodeAt(j + 1) === LF)) {
            fields.push(value);
            complete = true;
            position = next === CR ? j + 2 : j + 1;
            linesInRecord++;
            break;
          }
          if (next === CR && j + 1 === length && !atEnd) break;
          throw new InvalidRowError(this.file, startLine + linesInRecord, `unexpected character ${JSON.stringify(text[j])} after a closing quote`);
        }
        // Unquoted field: runs to the next comma or line end.
        let j = i;
        let code = 0;
        while (j < length) {
          code = text.charCodeAt(j);
          if (code === COMMA || code === LF || code === CR) break;
          j++;
        }
        if (j === length) {
          if (!atEnd) break;
          fields.push(text.slice(i, j));
          complete = true;
          position = j;
          break;
        }
        fields.push(text.slice(i, j));
        if (code === COMMA) {
          i = j + 1;
          continue;
        }
        if (code === CR) {
          if (j + 1 === length && !atEnd) break;
          position = text.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
        } else {
          position = j + 1;
        }
        linesInRecord++;
        complete = true;
        break;
      }
      if (!complete) return recordStart;
      this.line = startLine + linesInRecord;
      if (fields.length === 1 && fields[0] === '') continue;
      if (this.onRecord({ fields, line: startLine }) === STOP_READING) this.stopped = true;
    }
    return position;
  }
}
