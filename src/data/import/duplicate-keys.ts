/**
 * Finds rows of one file that name the same key (a day of a series, a day of an equity, a
 * ticker's category). Without it the last such row silently won. The message names both lines
 * and says when the two are exact copies.
 */
import { InvalidRowError } from '../../domain/errors.ts';
import type { CsvRecord } from './read-csv-records.ts';

export class DuplicateKeys {
  private readonly seen = new Map<string | number, { line: number; text: string }>();

  constructor(private readonly file: string) {}

  /** Throws when `key` was seen on an earlier line; `what` describes the key ("2024-01-02"). */
  check(key: string | number, record: CsvRecord, what: () => string): void {
    const text = record.fields.map((field) => field.trim()).join(',');
    const earlier = this.seen.get(key);
    if (earlier !== undefined) {
      const copy = earlier.text === text ? ' (an exact copy: delete one of the two lines)' : ' with different values (which one is right?)';
      throw new InvalidRowError(this.file, record.line, `duplicate of line ${earlier.line}: both are ${what()}${copy}`);
    }
    this.seen.set(key, { line: record.line, text });
  }
}
