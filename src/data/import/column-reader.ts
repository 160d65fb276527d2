/**
 * Reads typed values out of CSV records by column name, with errors that say where and what:
 * `file:line: column price_usd: value "abc" is not a number`. Every value is checked against the
 * bounds in import-limits.ts (dates, magnitudes, text lengths).
 */
import { type DayNumber, isoDateOf, tryParseDay } from '../../domain/dates.ts';
import { InvalidRowError } from '../../domain/errors.ts';
import {
  CRYPTO_EARLIEST_DAY,
  DEFAULT_TEXT_LIMIT,
  DEFAULT_VALUE_LIMIT,
  latestAcceptedDay,
  QUOTED_VALUE_CHARS,
  quoteValue,
  TEXT_LIMITS,
  VALUE_LIMITS,
} from './import-limits.ts';
import type { CsvRecord } from './read-csv-records.ts';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export type NumberRule = 'any' | 'positive' | 'non-negative';

export interface ColumnReaderOptions {
  /** The oldest day a row may have (default: crypto's 2009-01-03). */
  earliestDay?: DayNumber;
  /** Why that day (for the message). */
  earliestReason?: string;
  /** The clock, for "after tomorrow" (tests). */
  now?: number;
}

export class ColumnReader {
  private readonly indexes = new Map<string, number>();
  /** Dates repeat across rows (one per coin per day); parsing each distinct text once is cheaper. */
  private readonly dayCache = new Map<string, DayNumber>();
  readonly earliestDay: DayNumber;
  readonly latestDay: DayNumber;
  private readonly earliestReason: string;

  constructor(
    readonly file: string,
    readonly header: readonly string[],
    options: ColumnReaderOptions = {},
  ) {
    header.forEach((column, index) => this.indexes.set(column, index));
    this.earliestDay = options.earliestDay ?? CRYPTO_EARLIEST_DAY;
    this.earliestReason = options.earliestReason ?? 'the Bitcoin genesis block: no crypto data is older';
    this.latestDay = latestAcceptedDay(options.now);
  }

  has(column: string): boolean {
    return this.indexes.has(column);
  }

  fail(line: number, column: string, value: string, expectation: string): never {
    throw new InvalidRowError(this.file, line, `column ${column}: value ${quoteValue(value)} is not ${expectation}`);
  }

  /** Checks the record has as many fields as the header; quotes only the start of a long record. */
  checkWidth(record: CsvRecord): void {
    if (record.fields.length !== this.header.length) {
      const text = record.fields.join(',');
      throw new InvalidRowError(
        this.file,
        record.line,
        `expected ${this.header.length} fields (${this.header.join(',').slice(0, QUOTED_VALUE_CHARS)}), got ${record.fields.length}: ${quoteValue(text)}`,
      );
    }
  }

  /** The trimmed text of a column ('' when the file has no such column), at most its length limit. */
  text(record: CsvRecord, column: string): string {
    const index = this.indexes.get(column);
    const value = index === undefined ? '' : (record.fields[index] ?? '').trim();
    const limit = TEXT_LIMITS[column] ?? DEFAULT_TEXT_LIMIT;
    if (value.length > limit) this.fail(record.line, column, value, `a text of at most ${limit} characters (the import limit for ${column})`);
    return value;
  }

  requiredText(record: CsvRecord, column: string, pattern?: RegExp, expectation = 'a non-empty text'): string {
    const value = this.text(record, column);
    if (value === '' || (pattern && !pattern.test(value))) this.fail(record.line, column, value, expectation);
    return value;
  }

  day(record: CsvRecord, column: string): DayNumber {
    const value = this.text(record, column);
    let day = this.dayCache.get(value);
    if (day === undefined) {
      const parsed = tryParseDay(value);
      if (parsed === null) this.fail(record.line, column, value, 'a date (YYYY-MM-DD)');
      this.checkDay(record.line, column, value, parsed);
      day = parsed;
      this.dayCache.set(value, day);
    }
    return day;
  }

  /** A day after tomorrow (UTC) would become "today" everywhere; one before the floor is a typo. */
  checkDay(line: number, column: string, value: string, day: DayNumber): void {
    if (day > this.latestDay) this.fail(line, column, value, `a date up to tomorrow (${isoDateOf(this.latestDay)}, UTC): data cannot come from the future`);
    if (day < this.earliestDay) this.fail(line, column, value, `a date from ${isoDateOf(this.earliestDay)} on (${this.earliestReason})`);
  }

  optionalNumber(record: CsvRecord, column: string, rule: NumberRule = 'any'): number | null {
    const value = this.text(record, column);
    if (value === '') return null;
    return this.checkNumber(record, column, value, rule);
  }

  requiredNumber(record: CsvRecord, column: string, rule: NumberRule = 'any'): number {
    const value = this.text(record, column);
    if (value === '') this.fail(record.line, column, value, describe(rule));
    return this.checkNumber(record, column, value, rule);
  }

  optionalInteger(record: CsvRecord, column: string, rule: NumberRule = 'positive'): number | null {
    const number = this.optionalNumber(record, column, rule);
    if (number !== null && !Number.isInteger(number)) this.fail(record.line, column, this.text(record, column), `a whole ${describe(rule).replace(/^an? /, '')}`);
    return number;
  }

  private checkNumber(record: CsvRecord, column: string, value: string, rule: NumberRule): number {
    const number = DECIMAL.test(value) ? Number(value) : Number.NaN;
    const ok = Number.isFinite(number) && (rule === 'any' || (rule === 'positive' ? number > 0 : number >= 0));
    if (!ok) this.fail(record.line, column, value, describe(rule));
    const limit = VALUE_LIMITS[column] ?? DEFAULT_VALUE_LIMIT;
    const magnitude = Math.abs(number);
    if (magnitude > limit.max || (limit.minPositive !== undefined && magnitude > 0 && magnitude < limit.minPositive)) {
      const unit = limit.unit ? ` ${limit.unit}` : '';
      const range =
        limit.minPositive !== undefined ? `between ${exponent(limit.minPositive)} and ${exponent(limit.max)}${unit}` : `at most ${exponent(limit.max)}${unit} in size`;
      this.fail(record.line, column, value, `a plausible value: ${range} (the import limit for ${column})`);
    }
    return number;
  }
}

/** 1e14 rather than 100000000000000. */
function exponent(value: number): string {
  return value >= 1e4 || value < 1e-3 ? value.toExponential().replace('e+', 'e') : String(value);
}

function describe(rule: NumberRule): string {
  return rule === 'positive' ? 'a positive number' : rule === 'non-negative' ? 'a number ≥ 0' : 'a number';
}
