/**
 * Crypto rows kept in columns (typed arrays, interned strings) until they get asset ids. Holding
 * 461k row objects made the garbage collector the slowest part of parsing the crypto file; the
 * columns halve the parse time. Rows go in and come out as CryptoRow objects.
 */
import type { DayNumber } from '../../domain/dates.ts';
import type { CryptoRow } from './crypto-row.ts';

const NO_STRING = -1;

export class CryptoRowTable {
  length = 0;
  private capacity = 1024;
  private lines = new Int32Array(this.capacity);
  private days = new Int32Array(this.capacity);
  private prices = new Float64Array(this.capacity);
  private marketCaps = new Float64Array(this.capacity);
  private volumes = new Float64Array(this.capacity);
  private ranks = new Float64Array(this.capacity);
  private sources = new Int32Array(this.capacity);
  private slugs = new Int32Array(this.capacity);
  private symbols = new Int32Array(this.capacity);
  private names = new Int32Array(this.capacity);
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();

  push(row: CryptoRow): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.lines[i] = row.line;
    this.days[i] = row.day;
    this.prices[i] = row.price ?? Number.NaN;
    this.marketCaps[i] = row.marketCap ?? Number.NaN;
    this.volumes[i] = row.volume ?? Number.NaN;
    this.ranks[i] = row.rank ?? Number.NaN;
    this.sources[i] = this.intern(row.source);
    this.slugs[i] = row.slug === null ? NO_STRING : this.intern(row.slug);
    this.symbols[i] = this.intern(row.symbol);
    this.names[i] = this.intern(row.name);
  }

  get(i: number): CryptoRow {
    return {
      line: this.lines[i]!,
      source: this.strings[this.sources[i]!]!,
      slug: this.slugs[i] === NO_STRING ? null : this.strings[this.slugs[i]!]!,
      symbol: this.strings[this.symbols[i]!]!,
      name: this.strings[this.names[i]!]!,
      day: this.days[i]! as DayNumber,
      price: orNull(this.prices[i]!),
      marketCap: orNull(this.marketCaps[i]!),
      volume: orNull(this.volumes[i]!),
      rank: orNull(this.ranks[i]!),
    };
  }

  hasSlug(i: number): boolean {
    return this.slugs[i] !== NO_STRING;
  }

  *[Symbol.iterator](): IterableIterator<CryptoRow> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  private intern(text: string): number {
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.strings.length;
      // A copy, so the row does not keep the whole parsed chunk it was sliced from alive.
      const copy = (' ' + text).slice(1);
      this.strings.push(copy);
      this.stringIds.set(copy, id);
    }
    return id;
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Int32Array | Float64Array>(array: T): T => {
      const next = new (array.constructor as new (length: number) => T)(this.capacity);
      next.set(array);
      return next;
    };
    this.lines = grown(this.lines);
    this.days = grown(this.days);
    this.prices = grown(this.prices);
    this.marketCaps = grown(this.marketCaps);
    this.volumes = grown(this.volumes);
    this.ranks = grown(this.ranks);
    this.sources = grown(this.sources);
    this.slugs = grown(this.slugs);
    this.symbols = grown(this.symbols);
    this.names = grown(this.names);
  }
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
