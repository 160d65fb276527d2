/**
 * The Store contract. Every implementation (SQLite now, PostgreSQL later) passes
 * `test/contracts/store-contract.ts`. Methods are async so a networked database can implement them.
 */
import type { DayNumber, UnixMs } from '../../domain/dates.ts';
import type { AlertJournal } from './alert-journal.ts';
import type { PortfolioBook } from './portfolio-book.ts';
import type {
  AliasRecord,
  AssetRecord,
  AssetSymbolRecord,
  CategoryRuleRecord,
  EquityBarRecord,
  LoadRecord,
  ObservationRecord,
  SeriesPointRecord,
} from '../../domain/records.ts';

/** Everything one load writes. A batch is written in one transaction: all of it or none. */
export interface WriteBatch {
  load: {
    source: string;
    origin: string;
    contentHash?: string | null;
    /**
     * When a load with this contentHash exists, write nothing and return it as `alreadyLoaded`.
     * Checked inside the write transaction, so of two concurrent imports of one file only one
     * writes it.
     */
    skipIfContentLoaded?: boolean;
  };
  assets?: AssetRecord[];
  aliases?: AliasRecord[];
  observations?: ObservationRecord[];
  equityBars?: EquityBarRecord[];
  seriesPoints?: SeriesPointRecord[];
  categoryRules?: CategoryRuleRecord[];
  /** Key/value settings written in the same transaction (e.g. the simulated-market marker). */
  settings?: Record<string, string>;
}

export interface WriteResult {
  loadId: number;
  /** Rows inserted or whose values changed; rows identical to stored ones are left alone. */
  changed: number;
  unchanged: number;
  /** Set when skipIfContentLoaded found an earlier load of the same content (nothing was written). */
  alreadyLoaded?: LoadRecord;
}

export interface DayRange {
  from?: DayNumber;
  to?: DayNumber;
}

export interface StoreSummary {
  assets: number;
  observations: number;
  equityBars: number;
  seriesPoints: number;
  categoryRules: number;
  loads: number;
  firstDay: DayNumber | null;
  lastDay: DayNumber | null;
}

/** What one observation source holds. */
export interface SourceStats {
  source: string;
  observations: number;
  assets: number;
  firstDay: DayNumber;
  lastDay: DayNumber;
}

/** A price field of an equity bar. */
export type EquityBarField = 'open' | 'high' | 'low' | 'close';

/** readEquityField's answer: row i is day[i], source[i], value[i] (null where the bar lacks it). */
export interface EquityFieldColumns {
  day: DayNumber[];
  source: string[];
  value: (number | null)[];
}

export interface Store {
  readonly location: string;
  /** The alert outbox: rule states, alerts, deliveries and their attempts (alert-journal.ts). */
  readonly alerts: AlertJournal;
  /** The user's portfolio and profit-taking plans (portfolio-book.ts); never sent anywhere. */
  readonly portfolio: PortfolioBook;

  write(batch: WriteBatch): Promise<WriteResult>;
  /** Id of the newest load record, or null for a store that was never written; caches key on it. */
  latestLoadId(): Promise<number | null>;
  /**
   * Runs `work` inside one read transaction, so every read it makes sees one consistent state
   * (a write committed meanwhile, by this or another process, is not seen until the snapshot ends).
   * Re-entrant: a nested or concurrent call on the same store joins the open snapshot, which ends
   * when the last caller finishes. Writes: a write made from inside `work` is refused with a
   * StoreError (it would not be visible to the snapshot, and would silently join its transaction);
   * a write made concurrently from outside waits until the snapshot ends, then runs; while a write
   * waits, new outside callers start a fresh snapshot after it, so writers are never starved.
   */
  snapshot<T>(work: () => Promise<T>): Promise<T>;
  findLoadByHash(contentHash: string): Promise<LoadRecord | undefined>;
  listLoads(): Promise<LoadRecord[]>;

  listAssets(): Promise<AssetRecord[]>;
  listAssetSymbols(): Promise<AssetSymbolRecord[]>;
  listAliases(): Promise<AliasRecord[]>;
  listCategoryRules(): Promise<CategoryRuleRecord[]>;

  /** Observations ordered by asset id, day, source. */
  readObservations(range?: DayRange & { assetIds?: string[] }): Promise<ObservationRecord[]>;
  /** Per observation source: rows, assets, first and last day (ordered by source). */
  observationStats(): Promise<SourceStats[]>;
  /** Bars of one symbol ordered by day, source. */
  readEquityBars(symbol: string, range?: DayRange): Promise<EquityBarRecord[]>;
  /**
   * One field of one symbol's bars, as parallel columns ordered by day, source (the rows of
   * readEquityBars, without building an object per bar: a series needs only its closes).
   */
  readEquityField(symbol: string, field: EquityBarField, range?: DayRange): Promise<EquityFieldColumns>;
  listEquitySymbols(): Promise<string[]>;
  readSeries(series: string, range?: { from?: UnixMs; to?: UnixMs }): Promise<SeriesPointRecord[]>;
  listSeries(): Promise<string[]>;

  /** Sources in order of precedence, highest first (see docs/data.md). */
  getSourcePrecedence(): Promise<string[]>;
  setSourcePrecedence(sources: string[]): Promise<void>;

  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;

  summary(): Promise<StoreSummary>;
  /**
   * First and last day of the stored crypto observations (null, null when there are none): what
   * summary() says of them, without counting every table (the range checks of every read need it).
   */
  cryptoDaySpan(): Promise<{ firstDay: DayNumber | null; lastDay: DayNumber | null }>;
  close(): Promise<void>;
}
