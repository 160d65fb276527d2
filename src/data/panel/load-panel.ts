/**
 * Loads the columnar Panel from a Store. Where several sources give the same asset and day, each
 * field is taken from the highest-precedence source that HAS that field that day (a CMC row without
 * a market cap does not hide CoinGecko's cap), and the cell remembers which source it came from.
 * Categories come from the category rules matching any ticker the asset ever used. Prices and caps
 * must be positive (0 = unknown); prices quoted in a coin's old unit (VEN) are converted to its
 * current one (VET) with the table in known-asset-equivalents.ts.
 *
 * Reading ~470,000 observations out of SQLite costs most of a second, so the full panel of a file
 * store is persisted beside it (panel-cache.ts) and read back in milliseconds until the next load;
 * a day range is cut out of the full panel (slice-cached-panel.ts), identical to loading it.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { NO_SOURCE, type Panel, type PanelAsset } from '../../domain/panel.ts';
import type { ObservationRecord } from '../../domain/records.ts';
import { KNOWN_REDENOMINATIONS } from '../identity/known-asset-equivalents.ts';
import { rankSources } from '../store/default-source-precedence.ts';
import type { DayRange, Store } from '../store/store.ts';
import { MAX_CACHED_SOURCES, panelCachePathsFor, readPanelCache, takePrefetchedPanelCache, writePanelCache, type CachedPanel, type PanelCacheKey } from './panel-cache.ts';
import { sliceCachedPanel } from './slice-cached-panel.ts';

export interface LoadPanelOptions extends DayRange {
  /** Overrides the store's source precedence (highest first). */
  sourcePrecedence?: readonly string[];
  /**
   * The persisted panel: true (default) uses `<db>.panel-cache` beside a file store, or where that
   * directory cannot be written $XDG_CACHE_HOME/altseason/ (none for an in-memory store); false
   * always reads the store; `{ path }` puts the cache file there.
   * ALTSEASON_PANEL_CACHE=0 in the environment turns the default off (to rule the cache out).
   */
  cache?: boolean | { path: string };
}

/**
 * Bump when buildPanel would build a different panel from the same store, so older cache files
 * are not read back. The redenomination table is part of it for the same reason.
 */
const PANEL_BUILDER_VERSION = `1;${JSON.stringify(KNOWN_REDENOMINATIONS.map((r) => [r.assetId, r.oldSymbol, r.newPerOld]))}`;

export async function loadPanel(store: Store, options: LoadPanelOptions = {}): Promise<Panel> {
  const range: DayRange = {};
  if (options.from !== undefined) range.from = options.from;
  if (options.to !== undefined) range.to = options.to;
  if (panelCachePaths(store, options).length === 0) {
    const { observations, meta } = await readInputs(store, range, options.sourcePrecedence);
    return buildPanel(observations, meta);
  }

  // One read transaction: the load id the cache is keyed on and the rows it holds are the same
  // state of the store, even while another process imports.
  return store.snapshot(async () => {
    const { paths, key } = (await panelCacheSlot(store, options))!;
    for (const path of paths) {
      const hit = readPanelCache(path, key, await takePrefetchedPanelCache(path));
      if (hit) return sliceCachedPanel(hit, range);
    }
    const { observations, meta } = await readInputs(store, {}, key.precedence);
    const full = assemblePanel(observations, meta, true);
    if (full.observed === null) {
      // Too many sources for the cells' masks: no cache; the range is built from the rows in hand.
      const from = range.from ?? Number.NEGATIVE_INFINITY;
      const to = range.to ?? Number.POSITIVE_INFINITY;
      return buildPanel(observations.filter((o) => o.day >= from && o.day <= to), meta);
    }
    const cached: CachedPanel = { panel: full.panel, observed: full.observed, observedSources: full.observedSources };
    // The first place that takes it (beside the store, else the user's cache directory).
    paths.some((path) => writePanelCache(path, key, cached));
    return sliceCachedPanel(cached, range);
  });
}

/** Where the persisted panel of this store may live (none when the cache is off). */
function panelCachePaths(store: Store, options: Pick<LoadPanelOptions, 'cache'>): string[] {
  if (options.cache === false || (options.cache === undefined && process.env.ALTSEASON_PANEL_CACHE === '0')) return [];
  return typeof options.cache === 'object' ? [options.cache.path] : panelCachePathsFor(store.location);
}

/**
 * The places of the persisted panel and the key of the store's current state (read in the caller's
 * snapshot); null when the cache is off. Files derived from the panel (derived-cache.ts) use the same.
 */
export async function panelCacheSlot(store: Store, options: Pick<LoadPanelOptions, 'cache' | 'sourcePrecedence'> = {}): Promise<{ paths: string[]; key: PanelCacheKey } | null> {
  const paths = panelCachePaths(store, options);
  if (paths.length === 0) return null;
  const [loadId, loads, storedPrecedence] = await Promise.all([
    store.latestLoadId(),
    store.listLoads(),
    options.sourcePrecedence ? Promise.resolve([...options.sourcePrecedence]) : store.getSourcePrecedence(),
  ]);
  const latest = loads.find((load) => load.id === loadId);
  return { paths, key: { store: store.location, loadId, loadedAt: latest?.loadedAt ?? null, precedence: storedPrecedence, builder: PANEL_BUILDER_VERSION } };
}

async function readInputs(store: Store, range: DayRange, precedence: readonly string[] | undefined): Promise<{ observations: ObservationRecord[]; meta: PanelMetadata }> {
  const [observations, assets, symbols, rules, storedPrecedence] = await Promise.all([
    store.readObservations(range),
    store.listAssets(),
    store.listAssetSymbols(),
    store.listCategoryRules(),
    precedence ? Promise.resolve([...precedence]) : store.getSourcePrecedence(),
  ]);
  return { observations, meta: { assets, symbols, rules, precedence: storedPrecedence } };
}

export interface PanelMetadata {
  assets: readonly { id: string; symbol: string; name: string }[];
  symbols: readonly { assetId: string; symbol: string; firstDay: number; lastDay: number }[];
  rules: readonly { symbol: string; category: string; excludeFromIndex: boolean }[];
  precedence: readonly string[];
}

/** Builds the panel from observations ordered by asset id, day (as Store#readObservations returns them). */
export function buildPanel(observations: readonly ObservationRecord[], meta: PanelMetadata): Panel {
  return assemblePanel(observations, meta, false).panel;
}

/**
 * buildPanel, optionally also returning per asset and cell the bit mask of the sources observed
 * that day (what the cache needs to cut ranges exactly); null when there are too many sources.
 */
function assemblePanel(
  observations: readonly ObservationRecord[],
  meta: PanelMetadata,
  withObserved: boolean,
): { panel: Panel; observed: Uint32Array[] | null; observedSources: number[] } {
  const seenSources = new Set<string>();
  for (const o of observations) seenSources.add(o.source);
  const sources = rankSources(seenSources, meta.precedence);
  const sourceRank = new Map(sources.map((source, index) => [source, index]));

  const assetById = new Map(meta.assets.map((a) => [a.id, a]));
  const symbolsByAsset = new Map<string, { symbol: string; lastDay: number }[]>();
  for (const s of meta.symbols) {
    const list = symbolsByAsset.get(s.assetId) ?? [];
    list.push({ symbol: s.symbol, lastDay: s.lastDay });
    symbolsByAsset.set(s.assetId, list);
  }
  const rulesBySymbol = new Map<string, { category: string; excludeFromIndex: boolean }[]>();
  for (const r of meta.rules) {
    const key = r.symbol.toUpperCase();
    const list = rulesBySymbol.get(key) ?? [];
    list.push(r);
    rulesBySymbol.set(key, list);
  }

  // Prices quoted in a coin's old unit (VEN before the VET swap) are converted to its current unit.
  const priceDivisor = new Map(KNOWN_REDENOMINATIONS.map((r) => [`${r.assetId}\u0000${r.oldSymbol}`, r.newPerOld]));
  // Prices and caps must be positive: a 0 (a provider's "unknown") or a non-finite value is missing,
  // so it neither hides a lower-precedence source's value nor becomes a divisor.
  const positive = (x: number | null): x is number => x !== null && x > 0 && Number.isFinite(x);

  const observedMasks: Uint32Array[] | null = withObserved && sources.length <= MAX_CACHED_SOURCES ? [] : null;
  const observedSources: number[] = [];
  const assets: PanelAsset[] = [];
  let panelFirst = Infinity;
  let panelLast = -Infinity;
  let start = 0;
  while (start < observations.length) {
    const assetId = observations[start]!.assetId;
    let end = start + 1;
    while (end < observations.length && observations[end]!.assetId === assetId) end++;
    const firstDay = observations[start]!.day;
    const lastDay = observations[end - 1]!.day;
    const length = lastDay - firstDay + 1;
    const price = new Float64Array(length).fill(NaN);
    const marketCap = new Float64Array(length).fill(NaN);
    const volume = new Float64Array(length).fill(NaN);
    const priceSource = new Uint16Array(length).fill(NO_SOURCE);
    const marketCapSource = new Uint16Array(length).fill(NO_SOURCE);
    const volumeSource = new Uint16Array(length).fill(NO_SOURCE);
    const observed = observedMasks ? new Uint32Array(length) : null;
    let assetSources = 0;
    for (let i = start; i < end; i++) {
      const o = observations[i]!;
      const cell = o.day - firstDay;
      const rank = sourceRank.get(o.source)!;
      if (observed) {
        observed[cell] = observed[cell]! | (1 << rank);
        assetSources |= 1 << rank;
      }
      // Lower rank = higher precedence; each field independently.
      if (positive(o.price) && rank < priceSource[cell]!) {
        price[cell] = o.price / (priceDivisor.get(`${assetId}\u0000${o.symbol.toUpperCase()}`) ?? 1);
        priceSource[cell] = rank;
      }
      if (positive(o.marketCap) && rank < marketCapSource[cell]!) {
        marketCap[cell] = o.marketCap;
        marketCapSource[cell] = rank;
      }
      if (o.volume !== null && o.volume >= 0 && Number.isFinite(o.volume) && rank < volumeSource[cell]!) {
        volume[cell] = o.volume;
        volumeSource[cell] = rank;
      }
    }
    const record = assetById.get(assetId);
    const used = (symbolsByAsset.get(assetId) ?? []).sort((a, b) => a.lastDay - b.lastDay).map((s) => s.symbol);
    const symbol = record?.symbol ?? used.at(-1) ?? observations[end - 1]!.symbol;
    const symbols = used.length ? used : [symbol];
    const categories = new Set<string>();
    let excludedFromIndex = false;
    for (const ticker of symbols) {
      for (const rule of rulesBySymbol.get(ticker.toUpperCase()) ?? []) {
        categories.add(rule.category);
        if (rule.excludeFromIndex) excludedFromIndex = true;
      }
    }
    assets.push({
      id: assetId,
      symbol,
      name: record?.name ?? symbol,
      symbols,
      categories: [...categories].sort(),
      excludedFromIndex,
      firstDay: firstDay as DayNumber,
      price,
      marketCap,
      volume,
      priceSource,
      marketCapSource,
      volumeSource,
    });
    observedMasks?.push(observed!);
    observedSources.push(assetSources >>> 0);
    if (firstDay < panelFirst) panelFirst = firstDay;
    if (lastDay > panelLast) panelLast = lastDay;
    start = end;
  }
  const panel: Panel = {
    assets,
    sources,
    firstDay: assets.length ? (panelFirst as DayNumber) : null,
    lastDay: assets.length ? (panelLast as DayNumber) : null,
  };
  return { panel, observed: observedMasks, observedSources };
}
