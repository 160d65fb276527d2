/** What a sync reports as it goes; the CLI turns these into a progress bar or log lines. */
import type { RetryEvent } from '../sources/http/http-client.ts';
import type { PlannedRequest } from '../sources/market-data-source.ts';

export type SyncEvent =
  | { type: 'round'; round: number; requests: number }
  | { type: 'request-start'; request: PlannedRequest }
  | { type: 'request-done'; request: PlannedRequest; rows: number; changed: number }
  | { type: 'request-failed'; request: PlannedRequest; error: string }
  | { type: 'request-skipped'; request: PlannedRequest; reason: string }
  | { type: 'plan-failed'; source: string; error: string }
  /** An HTTP attempt failed and is retried after `retry.delayMs` (from the sources' clients). */
  | { type: 'retry'; retry: RetryEvent }
  /** The provider's host does not resolve: its remaining requests are skipped at once. */
  | { type: 'source-unreachable'; source: string; error: string; skipped: number };

export type SyncListener = (event: SyncEvent) => void;
