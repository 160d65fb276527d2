/**
 * btc_perp_funding_8h.csv: BTC perpetual funding per 8h as a fraction (0.0001 = 0.01 %), one column
 * per exchange. Each becomes `funding_rate_8h:BTCUSDT` with the exchange as its source, so the
 * exchanges sit side by side (OKX's BTC-USDT-SWAP is the same USDT-margined perpetual).
 */
import { dayOfMs, type UnixMs } from '../../../domain/dates.ts';
import { SERIES, seriesName } from '../../../domain/series-names.ts';
import { ColumnReader } from '../column-reader.ts';
import { DuplicateKeys } from '../duplicate-keys.ts';
import { emptyParsedFile, headerIs, type ImportFormat } from '../import-format.ts';

const REQUIRED = ['funding_time_utc'];
const RATE_COLUMNS = new Map([
  ['binance_btcusdt_rate', 'binance'],
  ['bybit_btcusdt_rate', 'bybit'],
  ['okx_btc_usdt_swap_rate', 'okx'],
]);
/** Checked, not stored: the mark price is mostly empty and no series uses it. */
const OPTIONAL = [...RATE_COLUMNS.keys(), 'binance_mark_price'];
const FUNDING_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/;
export const BTC_FUNDING_SERIES = seriesName(SERIES.fundingRate8h, 'BTCUSDT');

export function parseFundingTime(text: string): UnixMs | null {
  const match = FUNDING_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const ms = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23 || minute! > 59 || second! > 59) return null;
  return ms as UnixMs;
}

export const funding8hFormat: ImportFormat = {
  id: 'btc-funding-8h',
  description: 'BTC perpetual funding per 8h (fraction) per exchange',
  columns: `${REQUIRED.join(',')},${OPTIONAL.join(',')}`,
  matches: (header) => headerIs(header, REQUIRED, OPTIONAL) && header.some((column) => RATE_COLUMNS.has(column)),
  createParser({ file, header }) {
    const columns = new ColumnReader(file, header);
    const times = new DuplicateKeys(file);
    const rateColumns = [...RATE_COLUMNS].filter(([column]) => columns.has(column));
    const parsed = emptyParsedFile(rateColumns.map(([, source]) => source));
    let rows = 0;
    return {
      row(record) {
        columns.checkWidth(record);
        const timeText = columns.text(record, 'funding_time_utc');
        const at = parseFundingTime(timeText);
        if (at === null) return columns.fail(record.line, 'funding_time_utc', timeText, 'a time as YYYY-MM-DDTHH:MMZ');
        columns.checkDay(record.line, 'funding_time_utc', timeText, dayOfMs(at));
        times.check(at, record, () => `the funding time ${timeText}`);
        for (const [column, source] of rateColumns) {
          const value = columns.optionalNumber(record, column, 'any');
          if (value !== null) parsed.seriesPoints.push({ series: BTC_FUNDING_SERIES, at, source, value });
        }
        columns.optionalNumber(record, 'binance_mark_price', 'positive');
        rows++;
      },
      finish() {
        parsed.rows = rows;
        return parsed;
      },
    };
  },
};
