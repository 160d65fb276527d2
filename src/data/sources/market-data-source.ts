/**
 * The one interface every live provider implements. A source says what it can provide, plans the
 * requests still needed given what is already stored (a read-only StoredCoverage view: sources
 * never touch the Store, so a re-run asks only for what is missing), and turns one planned request into records, page by page: the sync writes each page
 * in its own transaction, so a kill at any moment leaves whole pages and the next plan resumes
 * after the last stored day.
 */
import type { DayNumber, UnixMs } from '../../domain/dates.ts';
import type { AliasRecord, AssetRecord, CategoryRuleRecord, EquityBarRecord, ObservationRecord, SeriesPointRecord } from '../../domain/records.ts';
import type { StoredCoverage } from './stored-coverage.ts';

/** What a source can fill in. */
export type Provision =
  | { kind: 'universe'; detail: string }
  | { kind: 'observations'; detail: string }
  | { kind: 'series'; series: string }
  | { kind: 'equity'; symbol: string }
  | { kind: 'categories'; detail: string };

/**
 * `history` requests fill days that are missing; `snapshot` requests record today's state
 * (universe ranks, /global dominance, 30-day windows) at most once a day; `reference` requests
 * fetch lists (categories).
 */
export type RequestKind = 'history' | 'snapshot' | 'reference';

export interface PlannedRequest {
  source: string;
  /** Stable and unique within a run, e.g. `coingecko:market_chart:bitcoin`. */
  key: string;
  kind: RequestKind;
  /** What it loads, for plans and errors: `bitcoin for 2025-01-01..2025-12-31`. */
  description: string;
  from?: DayNumber;
  to?: DayNumber;
  /** HTTP calls it should take (pages), for the plan's totals. */
  calls: number;
  /** Provider-specific parameters. */
  params: Readonly<Record<string, string | number | readonly string[]>>;
}

export interface SourcePlan {
  requests: PlannedRequest[];
  /** Things the user should know: clipped history, requests that follow once the universe is known. */
  notes: string[];
  /** Requests that can only be planned after this round's requests ran (counted for --dry-run). */
  estimatedFollowUpCalls?: number;
}

/** Assigns stable asset ids (implemented by src/data/identity/asset-resolver.ts). */
export interface AssetIdentity {
  resolve(row: { source: string; slug: string | null; symbol: string; name: string; day: DayNumber }): string;
  pendingWrites(): { assets: AssetRecord[]; aliases: AliasRecord[] };
}

export interface PlanContext {
  /** What is already stored, read-only. */
  stored: StoredCoverage;
  identity: AssetIdentity;
  /** Today's UTC day; complete days end yesterday. */
  today: DayNumber;
  /** Earliest day wanted. */
  since: DayNumber;
  /** Size of the crypto universe (top N by market cap). */
  top: number;
}

export interface FetchContext {
  identity: AssetIdentity;
  today: DayNumber;
  now: UnixMs;
}

/**
 * One transaction's worth of records (the sync adds the load and the identity's pending writes).
 * `settings` (sync bookkeeping such as today's universe, "asked, nothing there" markers) are
 * written in the same transaction as the records, so a marker never outlives missing data.
 */
export interface FetchedRecords {
  observations?: ObservationRecord[];
  equityBars?: EquityBarRecord[];
  seriesPoints?: SeriesPointRecord[];
  categoryRules?: CategoryRuleRecord[];
  settings?: Record<string, string>;
}

export interface MarketDataSource {
  readonly name: string;
  readonly provides: readonly Provision[];
  plan(context: PlanContext): Promise<SourcePlan>;
  /** Yields one batch per page; throws a ProviderError (with context) on failure. */
  fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords>;
}

export function recordCount(records: FetchedRecords): number {
  return (records.observations?.length ?? 0) + (records.equityBars?.length ?? 0) + (records.seriesPoints?.length ?? 0) + (records.categoryRules?.length ?? 0);
}
