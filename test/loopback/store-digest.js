/** A digest of a store's content (not its load ids or times), to compare a resumed run with a clean one. */
import { createHash } from 'node:crypto';
export async function storeContent(store) {
    const equity = [];
    for (const symbol of await store.listEquitySymbols())
        equity.push(...(await store.readEquityBars(symbol)));
    const series = [];
    for (const name of await store.listSeries())
        series.push(...(await store.readSeries(name)));
    return {
        assets: await store.listAssets(),
        aliases: await store.listAliases(),
        observations: await store.readObservations(),
        equityBars: equity,
        seriesPoints: series,
        categoryRules: await store.listCategoryRules(),
    };
}
export async function storeDigest(store) {
    return createHash('sha256').update(JSON.stringify(await storeContent(store))).digest('hex');
}
/** Row counts per table, for messages that say what differs. */
export async function storeCounts(store) {
    const content = await storeContent(store);
    return Object.fromEntries(Object.entries(content).map(([key, rows]) => [key, rows.length]));
}
