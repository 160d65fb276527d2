/**
 * Runs a sync: plan from what is stored, run each source's requests in order (sources in
 * parallel, each behind its own rate limiter), and write every page of every request in its own
 * transaction. A kill at any moment leaves whole pages; the next run plans from what was stored
 * and finishes the job (primary keys make repeats harmless). Planning repeats until nothing new
 * appears, because some requests (CoinGecko's universe) decide what the next ones are.
 * One failing source never stops the others; after three failures in a row a source's remaining
 * requests are skipped rather than hammering a provider that is down, and a host that does not
 * resolve (offline) skips them at once. A cancelled run (`signal`, Ctrl-C) starts no new request
 * or write: the write under way commits whole, and the summary says what was stored.
 */
import type { DayNumber, UnixMs } from '../../domain/dates.ts';
import { RequestCancelledError } from '../../domain/errors.ts';
import { isCancellation } from '../sources/http/request-cancelled-error.ts';
import { unreachableHostOf } from '../sources/http/unreachable-host-error.ts';
import { recordCount, type AssetIdentity, type MarketDataSource, type PlannedRequest } from '../sources/market-data-source.ts';
import type { Store } from '../store/store.ts';
import { planSync, type SourcePlanResult } from './plan-sync.ts';
import { storeCoverage } from './store-coverage.ts';
import type { SyncListener } from './sync-events.ts';

export interface SyncOptions {
  store: Store;
  sources: readonly MarketDataSource[];
  identity: AssetIdentity;
  today: DayNumber;
  since: DayNumber;
  top: number;
  onEvent?: SyncListener;
  now?: () => number;
  /** Consecutive failures after which a source's remaining requests are skipped. */
  maxConsecutiveFailures?: number;
  maxRounds?: number;
  /** Ask again for what earlier syncs recorded as "asked, nothing there". */
  recheckEmpty?: boolean;
  /** Aborting it stops the run between writes (give the sources' clients the same signal). */
  signal?: AbortSignal;
}

export interface SourceSummary {
  source: string;
  requests: number;
  succeeded: number;
  failed: number;
  skipped: number;
  rows: number;
  changed: number;
  errors: string[];
  notes: string[];
}

export interface SyncSummary {
  sources: SourceSummary[];
  /** True when every planned request succeeded. */
  ok: boolean;
  /** True when the run was cancelled before it finished; what was stored is in `sources`. */
  interrupted: boolean;
  /** Planned requests left unfinished (cut short or never started) because the run was cancelled. */
  notRun: number;
}

export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const { store, sources, identity, today, since, top } = options;
  const emit = options.onEvent ?? (() => undefined);
  const now = options.now ?? Date.now;
  const maxFailures = options.maxConsecutiveFailures ?? 3;
  const summaries = new Map(sources.map((s) => [s.name, emptySummary(s.name)]));
  const attempted = new Set<string>();
  const tripped = new Set<string>();
  const provisional = new Map<string, string[]>();
  const stored = storeCoverage(store, { recheckEmpty: options.recheckEmpty === true });
  const cancelled = () => options.signal?.aborted === true;
  let notRun = 0;

  // Later rounds are for requests an earlier round made possible (CoinGecko's history once today's
  // universe is loaded): only sources that said so plan again. Replanning the others would send
  // some requests twice under another key (a Coin Metrics batch regrouped after part of it came back).
  let planning: readonly MarketDataSource[] = sources;
  for (let round = 1; round <= (options.maxRounds ?? 4) && planning.length > 0 && !cancelled(); round++) {
    const plans = await planSync(planning, { stored, identity, today, since, top }, attempted);
    planning = sources.filter((s) => plans.some((p) => p.source === s.name && (p.estimatedFollowUpCalls > 0 || p.error !== undefined)));
    for (const plan of plans) {
      const summary = summaries.get(plan.source)!;
      // A note about requests that follow the first round ("history is planned once the universe
      // is loaded") is stale once a later round planned them; every note is reported once.
      if (round > 1 && !plan.error) for (const note of provisional.get(plan.source) ?? []) {
        const index = summary.notes.indexOf(note);
        if (index >= 0) summary.notes.splice(index, 1);
      }
      provisional.set(plan.source, plan.estimatedFollowUpCalls > 0 ? plan.notes.filter((n) => !summary.notes.some((known) => sameNote(known, n))) : []);
      for (const note of plan.notes) if (!summary.notes.some((known) => sameNote(known, note))) summary.notes.push(note);
      if (plan.error && !summary.errors.includes(plan.error)) {
        summary.errors.push(plan.error);
        emit({ type: 'plan-failed', source: plan.source, error: plan.error });
      }
    }
    const runnable = plans.filter((p) => p.requests.length > 0 && !tripped.has(p.source));
    const total = runnable.reduce((sum, p) => sum + p.requests.length, 0);
    if (total === 0) break;
    emit({ type: 'round', round, requests: total });
    await Promise.all(
      runnable.map((plan) => runSourcePlan(plan, sources.find((s) => s.name === plan.source)!, summaries.get(plan.source)!)),
    );
  }

  const list = [...summaries.values()];
  const interrupted = cancelled();
  return { sources: list, ok: !interrupted && list.every((s) => s.failed === 0 && s.skipped === 0 && s.errors.length === 0), interrupted, notRun };

  async function runSourcePlan(plan: SourcePlanResult, source: MarketDataSource, summary: SourceSummary): Promise<void> {
    let consecutiveFailures = 0;
    let unreachable: string | undefined;
    let skippedHere = 0;
    for (const [index, request] of plan.requests.entries()) {
      if (cancelled()) {
        notRun += plan.requests.length - index;
        return;
      }
      attempted.add(request.key);
      summary.requests++;
      if (unreachable !== undefined || consecutiveFailures >= maxFailures) {
        tripped.add(source.name);
        summary.skipped++;
        skippedHere++;
        emit({ type: 'request-skipped', request, reason: unreachable ?? `${maxFailures} failures in a row` });
        continue;
      }
      emit({ type: 'request-start', request });
      const counts = { rows: 0, changed: 0 };
      try {
        await runRequest(source, request, counts);
        summary.succeeded++;
        consecutiveFailures = 0;
        emit({ type: 'request-done', request, ...counts });
      } catch (error) {
        // Cancelled: the request neither failed nor finished; what it wrote is counted.
        if (cancelled() || isCancellation(error)) {
          notRun += plan.requests.length - index;
          summary.requests--;
          return;
        }
        const message = (error as Error)?.message ?? String(error);
        summary.failed++;
        summary.errors.push(message);
        consecutiveFailures++;
        emit({ type: 'request-failed', request, error: message });
        const host = unreachableHostOf(error);
        if (host) {
          unreachable = `cannot resolve ${host.host}: offline?`;
          emit({ type: 'source-unreachable', source: source.name, error: message, skipped: plan.requests.length - index - 1 });
        }
      }
    }
    if (skippedHere > 0) {
      summary.errors.push(
        unreachable !== undefined
          ? `skipped ${skippedHere} more request(s): ${unreachable} (the next sync retries them)`
          : `skipped ${skippedHere} request(s) after ${maxFailures} failures in a row; the next sync retries them`,
      );
    }
  }

  /** Writes the request's pages as they come, adding each page's rows to `counts` (and the summary) once committed. */
  async function runRequest(source: MarketDataSource, request: PlannedRequest, counts: { rows: number; changed: number }): Promise<void> {
    const summary = summaries.get(source.name)!;
    const add = (rows: number, changed: number) => {
      counts.rows += rows;
      counts.changed += changed;
      summary.rows += rows;
      summary.changed += changed;
    };
    for await (const page of source.fetch(request, { identity, today, now: now() as UnixMs })) {
      // Cancelled while this page was fetched: no new write starts (the last one committed whole),
      // and the request is unfinished, not done.
      if (cancelled()) throw new RequestCancelledError(source.name, request.key);
      const { settings, ...records } = page;
      const pending = identity.pendingWrites();
      const count = recordCount(records);
      if (count > 0 || pending.assets.length > 0 || pending.aliases.length > 0) {
        // The store counts changed settings as changes; the summary counts data rows only.
        let settingChanges = 0;
        for (const [key, value] of Object.entries(settings ?? {})) if ((await store.getSetting(key)) !== value) settingChanges++;
        // Bookkeeping (today's universe, "asked, nothing there" markers) commits with its data.
        const result = await store.write({
          load: { source: source.name, origin: `${request.key} (${request.description})` },
          assets: pending.assets,
          aliases: pending.aliases,
          ...records,
          ...(settings ? { settings } : {}),
        });
        add(count, result.changed - settingChanges);
      } else {
        // An empty answer: its bookkeeping is all there is to write.
        for (const [key, value] of Object.entries(settings ?? {})) await store.setSetting(key, value);
      }
    }
  }
}

function sameNote(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  return normal(a) === normal(b);
}

function emptySummary(source: string): SourceSummary {
  return { source, requests: 0, succeeded: 0, failed: 0, skipped: 0, rows: 0, changed: 0, errors: [], notes: [] };
}
