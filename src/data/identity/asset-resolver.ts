/**
 * Gives every imported row a stable asset id. Tickers are not identities: they collide (BTG was
 * three coins in 2018), get renamed (VEN → VET) and get reused (LUNA after May 2022). The rules,
 * in order (docs/data.md, "Asset identity"):
 *
 * 1. An alias (source, key, day range) wins: stored ones first, then the built-in dated aliases.
 *    The key is the source's slug when it has one, else the ticker.
 * 2. With a slug: the id is the slug mapped through the known equivalents (xrp → ripple).
 * 3. Without a slug (weekly snapshots):
 *    a. an asset that traded under this ticker and this (normalised) name;
 *    b. else the one asset that traded under this ticker within NEAR_DAYS of the row (a rename);
 *    c. else the one asset with this normalised name seen within NEAR_DAYS (a ticker change);
 *    d. else the id made from the name (through the equivalents), created if new.
 *
 * Slugless rules look at what is already known, so callers must feed slug rows first and slugless
 * rows in day order; then the outcome does not depend on the order in which files are imported.
 */
import type { DayNumber } from '../../domain/dates.ts';
import type { AliasRecord, AssetRecord, AssetSymbolRecord } from '../../domain/records.ts';
import type { Store } from '../store/store.ts';
import { BUILT_IN_ALIASES, canonicalAssetId } from './known-asset-equivalents.ts';
import { normaliseAssetName, slugifyAssetName } from './normalise-asset-name.ts';

/** How far (days) from a ticker's or name's known activity a slugless row may be to join it. */
export const NEAR_DAYS = 31;

export interface ResolveInput {
  source: string;
  slug: string | null;
  symbol: string;
  name: string;
  day: DayNumber;
}

interface Span {
  first: number;
  last: number;
}

interface KnownAsset {
  id: string;
  names: Set<string>;
  /** Upper-cased ticker → days seen under it. */
  tickers: Map<string, Span>;
}

interface AliasRule {
  fromDay: number;
  toDay: number;
  assetId: string;
  /** Set for built-in aliases, which create their asset under this name. */
  name?: string;
  stored: boolean;
  record: AliasRecord;
}

const OPEN_LOW = Number.NEGATIVE_INFINITY;
const OPEN_HIGH = Number.POSITIVE_INFINITY;

export class AssetResolver {
  private readonly assets = new Map<string, KnownAsset>();
  private readonly assetsByTicker = new Map<string, Set<string>>();
  private readonly assetsByName = new Map<string, Set<string>>();
  private readonly aliases = new Map<string, AliasRule[]>();
  private readonly newAssets = new Map<string, AssetRecord>();
  private readonly newAliases = new Map<string, AliasRecord>();
  private readonly normalisedNames = new Map<string, string>();
  /** (asset, source, day) taken by slugless rows so far. */
  private readonly claims = new Set<string>();
  /** Slug rows resolve the same way every time; this keeps the 461k-row import cheap. */
  private readonly slugCache = new Map<string, string>();

  constructor(known: { assets?: AssetRecord[]; symbols?: AssetSymbolRecord[]; aliases?: AliasRecord[] } = {}) {
    for (const asset of known.assets ?? []) this.learnAsset(asset.id, asset.name);
    for (const symbol of known.symbols ?? []) {
      const asset = this.learnAsset(symbol.assetId, null);
      this.learnTicker(asset, symbol.symbol, symbol.firstDay);
      this.learnTicker(asset, symbol.symbol, symbol.lastDay);
    }
    for (const alias of known.aliases ?? []) this.addAliasRule(alias, { stored: true });
    for (const builtIn of BUILT_IN_ALIASES) {
      const record: AliasRecord = {
        source: builtIn.source,
        sourceKey: builtIn.sourceKey,
        assetId: builtIn.assetId,
        fromDay: builtIn.fromDay,
        toDay: builtIn.toDay,
      };
      // A stored alias with the same start is the user's (or an earlier run's) word: it wins.
      const existing = this.aliases.get(aliasKey(builtIn.source, builtIn.sourceKey)) ?? [];
      if (existing.some((rule) => rule.fromDay === (builtIn.fromDay ?? OPEN_LOW))) continue;
      this.addAliasRule(record, { stored: false, name: builtIn.name });
    }
  }

  static async fromStore(store: Store): Promise<AssetResolver> {
    const [assets, symbols, aliases] = await Promise.all([store.listAssets(), store.listAssetSymbols(), store.listAliases()]);
    return new AssetResolver({ assets, symbols, aliases });
  }

  /** The stable asset id for one row; remembers what it learnt for the rows after it. */
  resolve(row: ResolveInput): string {
    const slug = row.slug?.trim() || null;
    const symbol = row.symbol.trim();
    const key = slug ?? symbol;

    const alias = this.findAlias(row.source, key, row.day);
    if (alias) {
      if (!alias.stored) {
        this.newAliases.set(`${aliasKey(row.source, key)}\u0000${alias.fromDay}`, alias.record);
        alias.stored = true;
      }
      return this.use(alias.assetId, alias.name ?? row.name, symbol, row);
    }

    if (slug) {
      const cacheKey = aliasKey(row.source, slug);
      let id = this.slugCache.get(cacheKey);
      if (id === undefined) {
        id = canonicalAssetId(slug);
        this.slugCache.set(cacheKey, id);
        // Recording (source, slug) → id makes every identity choice inspectable (`altseason assets`).
        const record: AliasRecord = { source: row.source, sourceKey: slug, assetId: id, fromDay: null, toDay: null };
        this.addAliasRule(record, { stored: true });
        this.newAliases.set(`${cacheKey}\u0000${OPEN_LOW}`, record);
      }
      return this.use(id, row.name, symbol, row);
    }

    const id = this.resolveWithoutSlug(row.source, symbol, row.name, row.day);
    this.claims.add(claimKey(id, row.source, row.day));
    return this.use(id, row.name, symbol, row);
  }

  /** Assets and aliases created since this resolver was made: write them in the same batch. */
  pendingWrites(): { assets: AssetRecord[]; aliases: AliasRecord[] } {
    return { assets: [...this.newAssets.values()], aliases: [...this.newAliases.values()] };
  }

  private resolveWithoutSlug(source: string, symbol: string, name: string, day: DayNumber): string {
    const ticker = symbol.toUpperCase();
    const normalisedName = this.normalise(name);
    // A snapshot lists a coin once: an asset that already has a row in this snapshot is another coin.
    const free = (asset: KnownAsset) => !this.claims.has(claimKey(asset.id, source, day));
    const withTicker = [...(this.assetsByTicker.get(ticker) ?? [])].map((id) => this.assets.get(id)!).filter(free);

    const sameName = withTicker.filter((asset) => asset.names.has(normalisedName));
    if (sameName.length > 0) return nearest(sameName, day, (asset) => asset.tickers.get(ticker)!).id;

    const nearTicker = withTicker.filter((asset) => distance(asset.tickers.get(ticker)!, day) <= NEAR_DAYS);
    if (nearTicker.length === 1) return nearTicker[0]!.id;

    const nearName = [...(this.assetsByName.get(normalisedName) ?? [])]
      .map((id) => this.assets.get(id)!)
      .filter((asset) => free(asset) && distance(activity(asset), day) <= NEAR_DAYS);
    if (nearName.length === 1) return nearName[0]!.id;

    const id = canonicalAssetId(slugifyAssetName(name));
    return this.claims.has(claimKey(id, source, day)) ? `${id}-${slugifyAssetName(ticker)}` : id;
  }

  private findAlias(source: string, key: string, day: DayNumber): AliasRule | undefined {
    return this.aliases.get(aliasKey(source, key))?.find((rule) => rule.fromDay <= day && day <= rule.toDay);
  }

  private addAliasRule(record: AliasRecord, options: { stored: boolean; name?: string }): void {
    const key = aliasKey(record.source, record.sourceKey);
    const rules = this.aliases.get(key) ?? [];
    rules.push({
      fromDay: record.fromDay ?? OPEN_LOW,
      toDay: record.toDay ?? OPEN_HIGH,
      assetId: record.assetId,
      stored: options.stored,
      record,
      ...(options.name === undefined ? {} : { name: options.name }),
    });
    // Narrower (later-starting) ranges first, so a dated exception beats an open-ended rule.
    rules.sort((a, b) => b.fromDay - a.fromDay);
    this.aliases.set(key, rules);
  }

  private use(id: string, name: string, symbol: string, row: ResolveInput): string {
    let asset = this.assets.get(id);
    if (!asset) {
      asset = this.learnAsset(id, name);
      this.newAssets.set(id, { id, symbol, name });
    } else {
      this.learnName(asset, name);
    }
    this.learnTicker(asset, symbol, row.day);
    return id;
  }

  private normalise(name: string): string {
    let normalised = this.normalisedNames.get(name);
    if (normalised === undefined) {
      normalised = normaliseAssetName(name);
      this.normalisedNames.set(name, normalised);
    }
    return normalised;
  }

  private learnAsset(id: string, name: string | null): KnownAsset {
    let asset = this.assets.get(id);
    if (!asset) {
      asset = { id, names: new Set(), tickers: new Map() };
      this.assets.set(id, asset);
    }
    if (name !== null) this.learnName(asset, name);
    return asset;
  }

  private learnName(asset: KnownAsset, name: string): void {
    const normalised = this.normalise(name);
    if (asset.names.has(normalised)) return;
    asset.names.add(normalised);
    addToIndex(this.assetsByName, normalised, asset.id);
  }

  private learnTicker(asset: KnownAsset, symbol: string, day: number): void {
    const ticker = symbol.toUpperCase();
    const span = asset.tickers.get(ticker);
    if (span) {
      if (day < span.first) span.first = day;
      if (day > span.last) span.last = day;
      return;
    }
    asset.tickers.set(ticker, { first: day, last: day });
    addToIndex(this.assetsByTicker, ticker, asset.id);
  }
}

function aliasKey(source: string, key: string): string {
  return `${source}\u0000${key}`;
}

function claimKey(id: string, source: string, day: number): string {
  return `${id}\u0000${source}\u0000${day}`;
}

function addToIndex(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
}

/** Days from `day` to the span (0 inside it). */
function distance(span: Span, day: number): number {
  if (day < span.first) return span.first - day;
  if (day > span.last) return day - span.last;
  return 0;
}

/** All days an asset was seen, under any ticker. */
function activity(asset: KnownAsset): Span {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const span of asset.tickers.values()) {
    first = Math.min(first, span.first);
    last = Math.max(last, span.last);
  }
  return { first, last };
}

/** The candidate closest in time; ties go to the smaller id so the answer never depends on order. */
function nearest<T extends { id: string }>(candidates: T[], day: number, spanOf: (candidate: T) => Span): T {
  return candidates.reduce((best, candidate) => {
    const a = distance(spanOf(candidate), day);
    const b = distance(spanOf(best), day);
    return a < b || (a === b && candidate.id < best.id) ? candidate : best;
  });
}
