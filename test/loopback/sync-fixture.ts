/**
 * Test wiring shared by the contract, fault and kill tests: an in-memory (or file) store with
 * generous rate limits, sources pointed at a loopback world, and the real asset resolver.
 */
import { addDays, type DayNumber } from '../../src/domain/dates.ts';
import { AssetResolver } from '../../src/data/identity/asset-resolver.ts';
import { createSources, SOURCE_NAMES, type SourceName } from '../../src/data/sources/create-sources.ts';
import type { HttpClientOptions } from '../../src/data/sources/http/http-client.ts';
import { PROVIDER_NAMES, rateLimitSettingKey } from '../../src/data/sources/http/provider-config.ts';
import type { MarketDataSource } from '../../src/data/sources/market-data-source.ts';
import { WORLD_SETTINGS } from './provider-world.ts';
import type { Store } from '../../src/data/store/store.ts';
import { runSync, type SyncSummary } from '../../src/data/sync/run-sync.ts';

/** Fast retries and timeouts; no real waiting on backoff. */
export const TEST_HTTP: Partial<HttpClientOptions> = { sleep: async () => undefined, backoffBaseMs: 1, timeoutMs: 2_000, maxAttempts: 3 };

export async function allowFastRequests(store: Store): Promise<void> {
  for (const provider of PROVIDER_NAMES) await store.setSetting(rateLimitSettingKey(provider), '10000/1s');
  for (const [key, value] of Object.entries(WORLD_SETTINGS)) await store.setSetting(key, value);
}

export async function testSources(store: Store, env: NodeJS.ProcessEnv, names: readonly SourceName[] = SOURCE_NAMES, http: Partial<HttpClientOptions> = TEST_HTTP): Promise<MarketDataSource[]> {
  await allowFastRequests(store);
  return createSources(store, names, { env, http });
}

export interface TestSyncOptions {
  store: Store;
  sources: readonly MarketDataSource[];
  today: DayNumber;
  sinceDays?: number;
  top?: number;
  recheckEmpty?: boolean;
}

export async function syncForTest(options: TestSyncOptions): Promise<SyncSummary> {
  const identity = await AssetResolver.fromStore(options.store);
  return runSync({
    store: options.store,
    sources: options.sources,
    identity,
    today: options.today,
    since: addDays(options.today, -(options.sinceDays ?? 60)),
    top: options.top ?? 5,
    recheckEmpty: options.recheckEmpty === true,
  });
}
