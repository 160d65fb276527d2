/**
 * Test wiring shared by the contract, fault and kill tests: an in-memory (or file) store with
 * generous rate limits, sources pointed at a loopback world, and the real asset resolver.
 */
import { addDays } from "../../src/domain/dates.js";
import { AssetResolver } from "../../src/data/identity/asset-resolver.js";
import { createSources, SOURCE_NAMES } from "../../src/data/sources/create-sources.js";
import { PROVIDER_NAMES, rateLimitSettingKey } from "../../src/data/sources/http/provider-config.js";
import { WORLD_SETTINGS } from "./provider-world.js";
import { runSync } from "../../src/data/sync/run-sync.js";
/** Fast retries and timeouts; no real waiting on backoff. */
export const TEST_HTTP = { sleep: async () => undefined, backoffBaseMs: 1, timeoutMs: 2_000, maxAttempts: 3 };
export async function allowFastRequests(store) {
    for (const provider of PROVIDER_NAMES)
        await store.setSetting(rateLimitSettingKey(provider), '10000/1s');
    for (const [key, value] of Object.entries(WORLD_SETTINGS))
        await store.setSetting(key, value);
}
export async function testSources(store, env, names = SOURCE_NAMES, http = TEST_HTTP) {
    await allowFastRequests(store);
    return createSources(store, names, { env, http });
}
export async function syncForTest(options) {
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
