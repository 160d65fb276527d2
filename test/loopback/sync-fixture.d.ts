/**
 * Test wiring shared by the contract, fault and kill tests: an in-memory (or file) store with
 * generous rate limits, sources pointed at a loopback world, and the real asset resolver.
 */
import { type DayNumber } from '../../src/domain/dates.ts';
import { type SourceName } from '../../src/data/sources/create-sources.ts';
import type { HttpClientOptions } from '../../src/data/sources/http/http-client.ts';
import type { MarketDataSource } from '../../src/data/sources/market-data-source.ts';
import type { Store } from '../../src/data/store/store.ts';
import { type SyncSummary } from '../../src/data/sync/run-sync.ts';
/** Fast retries and timeouts; no real waiting on backoff. */
export declare const TEST_HTTP: Partial<HttpClientOptions>;
export declare function allowFastRequests(store: Store): Promise<void>;
export declare function testSources(store: Store, env: NodeJS.ProcessEnv, names?: readonly SourceName[], http?: Partial<HttpClientOptions>): Promise<MarketDataSource[]>;
export interface TestSyncOptions {
    store: Store;
    sources: readonly MarketDataSource[];
    today: DayNumber;
    sinceDays?: number;
    top?: number;
    recheckEmpty?: boolean;
}
export declare function syncForTest(options: TestSyncOptions): Promise<SyncSummary>;
