/**
 * Which source wins when several give the same asset and day (highest first). Daily CMC closes
 * come first (they are closes, not snapshots); CoinGecko's shifted 00:00 snapshots next; weekly
 * snapshots last because they are the coarsest. Sources not listed rank after these, in name
 * order. Users change it with `altseason sources --set a,b,c`; docs/data.md explains the choice.
 */
export const DEFAULT_SOURCE_PRECEDENCE: readonly string[] = [
  'cmc_kaggle2021_23coins',
  'cmc_cs442_top50_20171030',
  'cmc_kaggle2018_prices',
  'cmc_allcoins_2018h1',
  'cmc_jessevent_top44_20180325',
  'coingecko',
  'coingecko_markets',
  'coingecko_nktcodes_48',
  'coingecko_erfanzar',
  'coinmetrics',
  'cmc_weekly_snapshot_top100',
  'cmc_weekly_top10',
  'user',
];

/** Orders `sources` by precedence: listed ones first, in list order, then the rest alphabetically. */
export function rankSources(sources: Iterable<string>, precedence: readonly string[]): string[] {
  const position = new Map(precedence.map((source, index) => [source, index]));
  return [...new Set(sources)].sort((a, b) => {
    const pa = position.get(a) ?? Number.MAX_SAFE_INTEGER;
    const pb = position.get(b) ?? Number.MAX_SAFE_INTEGER;
    return pa !== pb ? pa - pb : a.localeCompare(b);
  });
}
