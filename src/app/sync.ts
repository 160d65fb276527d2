/**
 * Fetching what is missing from the live providers into the store (docs/providers.md): the plan of
 * a sync (what it would request and how long the rate limits make it), and the sync itself —
 * incremental, resumable (every page is one transaction), rate limited per provider, one failing
 * provider never stopping the others. Shared by `altseason sync`, the dashboard's background sync
 * and the library; the interfaces bring progress display and Ctrl-C.
 */
import type { DayNumber } from '../domain/dates.ts';
import { AssetResolver } from '../data/identity/asset-resolver.ts';
import { providerEnv } from '../data/sources/config-file.ts';
import { createSources, providerOfSource, type SourceName } from '../data/sources/create-sources.ts';
import type { RetryEvent } from '../data/sources/http/http-client.ts';
import { durationOfRequests, formatRateLimit } from '../data/sources/http/token-bucket.ts';
import { rateLimitOf, rateLimitSettingKey } from '../data/sources/http/provider-config.ts';
import { callsOf, planSync } from '../data/sync/plan-sync.ts';
import { runSync } from '../data/sync/run-sync.ts';
import type { SyncListener } from '../data/sync/sync-events.ts';
import { storeCoverage } from '../data/sync/store-coverage.ts';
import type { Store } from '../data/store/store.ts';
import type { PlannedRequest, PlanTotal, SyncPlanResult, SyncResult } from './contracts/sync.ts';
import { SYNC_PLAN_SCHEMA, SYNC_SCHEMA } from './contracts/schema-names.ts';

export interface SyncQuery {
  sources: readonly SourceName[];
  /** Earliest day wanted. */
  since: DayNumber;
  today: DayNumber;
  /** Size of the crypto universe. */
  top: number;
  /** Ask again for what earlier syncs found empty ("asked, nothing there" markers). */
  recheckEmpty?: boolean;
  /** Environment with the providers' keys (default: this process's, plus the config file's). */
  env?: NodeJS.ProcessEnv;
}

/** What a sync would request, per provider, and how long the rate limits make it; sends nothing. */
export async function planStoreSync(store: Store, query: SyncQuery): Promise<SyncPlanResult> {
  const env = providerEnv(query.env ?? process.env);
  const sources = await createSources(store, query.sources, { env });
  const identity = await AssetResolver.fromStore(store);
  const plans = await planSync(sources, { stored: storeCoverage(store, { recheckEmpty: query.recheckEmpty }), identity, today: query.today, since: query.since, top: query.top });
  const requests: PlannedRequest[] = plans.flatMap((p) => [
    ...p.requests.map((r) => ({ source: p.source, kind: r.kind, request: r.description, calls: r.calls })),
    ...(p.estimatedFollowUpCalls > 0 ? [{ source: p.source, kind: 'history', request: `(once the universe is known) daily history of the top ${query.top}`, calls: p.estimatedFollowUpCalls }] : []),
  ]);
  const totals: PlanTotal[] = [];
  for (const plan of plans) {
    const provider = providerOfSource(plan.source);
    const limit = rateLimitOf(provider, await store.getSetting(rateLimitSettingKey(provider)), env);
    const calls = callsOf(plan);
    totals.push({ source: plan.source, requests: plan.requests.length, calls, rateLimit: formatRateLimit(limit), minutes: durationOfRequests(calls, limit) / 60_000 });
  }
  return {
    schema: SYNC_PLAN_SCHEMA,
    requests,
    totals,
    notes: plans.flatMap((p) => p.notes.map((note) => `${p.source}: ${note}`)),
    errors: plans.flatMap((p) => (p.error ? [p.error] : [])),
  };
}

export interface SyncHooks {
  /** Progress events (requests, writes, retries). */
  onEvent?: SyncListener;
  /** A retry the HTTP client is about to make: told, so a failing provider is never a silent wait. */
  onRetry?: (retry: RetryEvent) => void;
  /** Aborting stops the run between writes; the write under way commits whole. */
  signal?: AbortSignal;
}

export async function syncStore(store: Store, query: SyncQuery, hooks: SyncHooks = {}): Promise<SyncResult> {
  const env = providerEnv(query.env ?? process.env);
  const http = { ...(hooks.onRetry ? { onRetry: hooks.onRetry } : {}), ...(hooks.signal ? { signal: hooks.signal } : {}) };
  const sources = await createSources(store, query.sources, { env, http });
  const identity = await AssetResolver.fromStore(store);
  const summary = await runSync({
    store,
    sources,
    identity,
    today: query.today,
    since: query.since,
    top: query.top,
    recheckEmpty: query.recheckEmpty === true,
    ...(hooks.onEvent ? { onEvent: hooks.onEvent } : {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
  });
  return { schema: SYNC_SCHEMA, sources: summary.sources, ok: summary.ok, interrupted: summary.interrupted, notRun: summary.notRun };
}
