/**
 * Reads typed values out of CSV records by column name, with errors that say where and what:
 * `file:line: column price_usd: value "abc" is not a number`.
 */
import { type DayNumber, tryParseDay } from '../../domain/dates.ts';
import { InvalidRowError } from '../../domain/errors.ts';
import type { CsvRecord } from './read-csv-records.ts';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export type NumberRule = 'any' | 'positive' | 'non-negative';

export class ColumnReader {
  private readonly indexes = new Map<string, number>();
  /** Dates repeat across rows (one per coin per day); parsing each distinct text once is cheaper. */
  private readonly dayCache = new Map<string, DayNumber>();

  constructor(
    readonly file: string,
    readonly header: readonly string[],
  ) {
    header.forEach((column, index) => this.indexes.set(column, index));
  }

  has(column: string): boolean {
    return this.indexes.has(column);
  }

  fail(line: number, column: string, value: string, expectation: string): never {
    throw new InvalidRowError(this.file, line, `column ${column}: value ${JSON.stringify(value)} is not ${expectation}`);
  }

  /** Checks the record has as many fields as the header. */
  checkWidth(record: CsvRecord): void {
    if (record.fields.length !== this.header.length) {
      throw new InvalidRowError(
        this.file,
        record.line,
        `expected ${this.header.length} fields (${this.header.join(',')}), got ${record.fields.length}: ${JSON.stringify(record.fields.join(','))}`,
      );
    }
  }

  /** The trimmed text of a column ('' when the file has no such column). */
  text(record: CsvRecord, column: string): string {
    const index = this.indexes.get(column);
    return index === undefined ? '' : (record.fields[index] ?? '').trim();
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
      day = parsed;
      this.dayCache.set(value, day);
    }
    return day;
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
    return number;
  }
}

function describe(rule: NumberRule): string {
  return rule === 'positive' ? 'a positive number' : rule === 'non-negative' ? 'a number ≥ 0' : 'a number';
}
