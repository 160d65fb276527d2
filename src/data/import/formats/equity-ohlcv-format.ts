/**
 * Daily OHLCV of an index or ETF (rut_daily.csv, spx_daily.csv, and iwm_daily_adjusted.csv with
 * `_adj` columns). Only `date` and `close` are required. The symbol comes from --symbol, else
 * from the known shared file names, else from the file name itself (qqq.csv → QQQ).
 */
import { isoDateOf } from '../../../domain/dates.ts';
import { InvalidInputError } from '../../../domain/errors.ts';
import { ColumnReader } from '../column-reader.ts';
import { DuplicateKeys } from '../duplicate-keys.ts';
import { EQUITY_EARLIEST_DAY } from '../import-limits.ts';
import { emptyParsedFile, headerIs, type ImportFormat } from '../import-format.ts';

const PLAIN = ['date', 'open', 'high', 'low', 'close', 'volume'];
const ADJUSTED = ['date', 'open_adj', 'high_adj', 'low_adj', 'close_adj', 'volume'];

/** The shared equity files: their symbols, and their provider (Yahoo Finance, per data/README.md). */
export const KNOWN_EQUITY_FILES: ReadonlyMap<string, { symbol: string; source: string }> = new Map([
  ['rut_daily', { symbol: '^RUT', source: 'yahoo_csv' }],
  ['spx_daily', { symbol: '^GSPC', source: 'yahoo_csv' }],
  ['iwm_daily_adjusted', { symbol: 'IWM', source: 'yahoo_csv_adjusted' }],
]);
export const USER_EQUITY_SOURCE = 'user';
const SYMBOL = /^[\^A-Za-z0-9.=_-]{1,20}$/;

export function fileStem(fileName: string): string {
  return fileName.replace(/\.gz$/i, '').replace(/\.csv$/i, '');
}

export const equityOhlcvFormat: ImportFormat = {
  id: 'equity-ohlcv',
  description: 'daily index/ETF bars; symbol from --symbol or the file name',
  columns: `${PLAIN.join(',')} (or the _adj variant; only date and close required)`,
  matches: (header) =>
    (header.includes('close') && headerIs(header, ['date', 'close'], PLAIN)) ||
    (header.includes('close_adj') && headerIs(header, ['date', 'close_adj'], ADJUSTED)),
  createParser({ file, fileName, header, symbol: symbolOption }) {
    const known = KNOWN_EQUITY_FILES.get(fileStem(fileName).toLowerCase());
    const symbol = symbolOption ?? known?.symbol ?? fileStem(fileName).toUpperCase();
    if (!SYMBOL.test(symbol)) {
      throw new InvalidInputError(`${file}: cannot take an equity symbol from the file name (${JSON.stringify(symbol)}): pass --symbol, e.g. --symbol ^RUT`);
    }
    const source = symbolOption === undefined && known ? known.source : USER_EQUITY_SOURCE;
    const suffix = header.includes('close_adj') ? '_adj' : '';
    const columns = new ColumnReader(file, header, { earliestDay: EQUITY_EARLIEST_DAY, earliestReason: 'the floor for equity and macro series' });
    const days = new DuplicateKeys(file);
    const parsed = emptyParsedFile([source]);
    return {
      row(record) {
        columns.checkWidth(record);
        const day = columns.day(record, 'date');
        days.check(day, record, () => `${symbol} on ${isoDateOf(day)}`);
        parsed.equityBars.push({
          symbol,
          day,
          source,
          open: columns.optionalNumber(record, `open${suffix}`, 'positive'),
          high: columns.optionalNumber(record, `high${suffix}`, 'positive'),
          low: columns.optionalNumber(record, `low${suffix}`, 'positive'),
          close: columns.requiredNumber(record, `close${suffix}`, 'positive'),
          volume: columns.optionalNumber(record, 'volume', 'non-negative'),
        });
      },
      finish() {
        parsed.rows = parsed.equityBars.length;
        return parsed;
      },
    };
  },
};
