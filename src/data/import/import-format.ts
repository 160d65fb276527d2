/**
 * What every import format provides: a test on the header (and file name) that says whether the
 * file is in this format, and a parser that validates every row and collects the records. Parsers
 * never touch the store, so a bad row anywhere leaves it unchanged.
 */
import type { CategoryRuleRecord, EquityBarRecord, SeriesPointRecord } from '../../domain/records.ts';
import { CryptoRowTable } from './crypto-row-table.ts';
import type { CsvRecord } from './read-csv-records.ts';

export type { CryptoRow } from './crypto-row.ts';

export interface ParsedFile {
  /** The data sources the rows came from (provenance), e.g. cmc_allcoins_2018h1. */
  sources: string[];
  rows: number;
  cryptoRows: CryptoRowTable;
  equityBars: EquityBarRecord[];
  seriesPoints: SeriesPointRecord[];
  categoryRules: CategoryRuleRecord[];
}

export interface FormatContext {
  /** Path as shown in messages. */
  file: string;
  /** Base name of the file, e.g. rut_daily.csv. */
  fileName: string;
  /** Header fields, trimmed and lower-cased. */
  header: string[];
  /** --symbol, for formats that take one (equity OHLCV). */
  symbol?: string;
}

export interface FormatParser {
  row(record: CsvRecord): void;
  finish(): ParsedFile;
}

export interface ImportFormat {
  id: string;
  description: string;
  /** Header columns, for the documentation and the "unknown format" message. */
  columns: string;
  matches(header: readonly string[], fileName: string): boolean;
  createParser(context: FormatContext): FormatParser;
}

export function emptyParsedFile(sources: string[] = []): ParsedFile {
  return { sources, rows: 0, cryptoRows: new CryptoRowTable(), equityBars: [], seriesPoints: [], categoryRules: [] };
}

/** True when `header` has every column of `required` and nothing outside `required ∪ optional`. */
export function headerIs(header: readonly string[], required: readonly string[], optional: readonly string[] = []): boolean {
  const allowed = new Set([...required, ...optional]);
  return required.every((column) => header.includes(column)) && header.every((column) => allowed.has(column));
}
