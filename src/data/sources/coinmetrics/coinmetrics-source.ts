/**
 * Coin Metrics community API: deep daily history (PriceUSD, CapMrktCurUSD) plus on-chain activity
 * (AdrActCnt, TxCnt) for the assets it covers. Several assets share one request, pages follow
 * `next_page_url` (rebased onto the configured base URL, so mirrors and tests keep working), and
 * every number arrives as a string. Each page is its own batch: pages come ordered by asset and
 * time, so a kill between pages leaves every asset with a contiguous prefix to resume after.
 */
import { z } from 'zod';
import { addDays, isoDateOf, msOfDay, parseDay, type DayNumber } from '../../../domain/dates.ts';
import { ProviderError } from '../../../domain/errors.ts';
import type { ObservationRecord, SeriesPointRecord } from '../../../domain/records.ts';
import { SERIES, seriesName } from '../../../domain/series-names.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { FetchContext, FetchedRecords, MarketDataSource, PlanContext, PlannedRequest, Provision, SourcePlan } from '../market-data-source.ts';
import { requestError } from '../request-error.ts';
import { emptyMarkerSetting, firstUncoveredDay } from '../stored-coverage.ts';

export const COINMETRICS = 'coinmetrics';
const METRICS = ['PriceUSD', 'CapMrktCurUSD', 'AdrActCnt', 'TxCnt'] as const;
export const ENDPOINT = '/timeseries/asset-metrics';
export const PAGE_SIZE = 10_000;
/** Assets per request: keeps URLs short and a failure's blast radius small. */
export const ASSETS_PER_REQUEST = 10;

export interface CoinMetricsAsset {
  /** Coin Metrics' asset id (lower-case ticker). */
  id: string;
  /** The CoinGecko id: the slug the asset resolver keys on, so both sources meet on one asset. */
  coingeckoId: string;
  symbol: string;
  name: string;
}

const asset = (id: string, coingeckoId: string, name: string, symbol = id.toUpperCase()): CoinMetricsAsset => ({ id, coingeckoId, symbol, name });

/** Large assets the community API covers; configurable with the `coinmetrics.assets` setting. */
export const DEFAULT_COINMETRICS_ASSETS: readonly CoinMetricsAsset[] = [
  asset('btc', 'bitcoin', 'Bitcoin'), asset('eth', 'ethereum', 'Ethereum'), asset('xrp', 'ripple', 'XRP'), asset('bnb', 'binancecoin', 'BNB'),
  asset('sol', 'solana', 'Solana'), asset('ada', 'cardano', 'Cardano'), asset('doge', 'dogecoin', 'Dogecoin'), asset('trx', 'tron', 'TRON'),
  asset('link', 'chainlink', 'Chainlink'), asset('ltc', 'litecoin', 'Litecoin'), asset('bch', 'bitcoin-cash', 'Bitcoin Cash'), asset('xlm', 'stellar', 'Stellar'),
  asset('dot', 'polkadot', 'Polkadot'), asset('avaxc', 'avalanche-2', 'Avalanche', 'AVAX'), asset('uni', 'uniswap', 'Uniswap'),
  asset('etc', 'ethereum-classic', 'Ethereum Classic'), asset('xmr', 'monero', 'Monero'), asset('algo', 'algorand', 'Algorand'),
  asset('atom', 'cosmos', 'Cosmos'), asset('aave', 'aave', 'Aave'),
];

export const numberText = z.string().nullable().optional();
const pageSchema = z.object({
  data: z.array(
    z.object({
      asset: z.string(),
      time: z.string().regex(/^\d{4}-\d{2}-\d{2}T/, 'expected an ISO timestamp'),
      PriceUSD: numberText,
      CapMrktCurUSD: numberText,
      AdrActCnt: numberText,
      TxCnt: numberText,
    }),
  ),
  next_page_url: z.string().nullable().optional(),
});

export class CoinMetricsSource implements MarketDataSource {
  readonly name = COINMETRICS;
  readonly provides: readonly Provision[] = [
    { kind: 'observations', detail: 'daily PriceUSD and CapMrktCurUSD, full history' },
    { kind: 'series', series: `${SERIES.activeAddresses}:<ASSET>` },
    { kind: 'series', series: `${SERIES.transactionCount}:<ASSET>` },
  ];

  constructor(
    private readonly client: HttpClient,
    private readonly assets: readonly CoinMetricsAsset[] = DEFAULT_COINMETRICS_ASSETS,
  ) {}

  async plan(context: PlanContext): Promise<SourcePlan> {
    const { stored, identity, today, since } = context;
    const lastComplete = addDays(today, -1);
    const assetIds = new Map(this.assets.map((a) => [a.id, identity.resolve({ source: this.name, slug: a.coingeckoId, symbol: a.symbol, name: a.name, day: today })]));
    const lastDays = await stored.lastObservationDays(this.name, [...assetIds.values()], since);
    // Assets missing the same days share requests.
    const byStart = new Map<DayNumber, string[]>();
    /** Assets with nothing stored: `id@day`, the day an "asked, nothing there" marker would start. */
    const emptyFrom = new Map<string, DayNumber>();
    for (const asset of this.assets) {
      const lastStored = lastDays.get(assetIds.get(asset.id)!);
      const marker = lastStored === undefined ? await stored.emptyMarker(this.name, asset.id) : null;
      const from = firstUncoveredDay(lastStored, since, marker);
      if (from > lastComplete) continue;
      if (lastStored === undefined) emptyFrom.set(asset.id, marker && marker.to + 1 === from ? marker.from : from);
      byStart.set(from, [...(byStart.get(from) ?? []), asset.id]);
    }
    const requests: PlannedRequest[] = [];
    for (const [from, ids] of [...byStart].sort((a, b) => a[0] - b[0])) {
      for (let i = 0; i < ids.length; i += ASSETS_PER_REQUEST) {
        const group = ids.slice(i, i + ASSETS_PER_REQUEST);
        const rows = group.length * (lastComplete - from + 1);
        requests.push({
          source: this.name,
          key: `${this.name}:asset-metrics:${group.join(',')}:${from}`,
          kind: 'history',
          description: `${group.join(',')} for ${isoDateOf(from)}..${isoDateOf(lastComplete)}`,
          from,
          to: lastComplete,
          calls: Math.max(1, Math.ceil(rows / PAGE_SIZE)),
          params: { assets: group, emptyFrom: group.filter((id) => emptyFrom.has(id)).map((id) => `${id}@${emptyFrom.get(id)}`) },
        });
      }
    }
    return { requests, notes: [] };
  }

  async *fetch(request: PlannedRequest, context: FetchContext): AsyncIterable<FetchedRecords> {
    const known = new Map(this.assets.map((a) => [a.id, a]));
    const from = request.from!;
    const to = request.to!;
    let path = ENDPOINT;
    let query: Record<string, string | number> = {
      assets: (request.params.assets as readonly string[]).join(','),
      metrics: METRICS.join(','),
      frequency: '1d',
      start_time: isoDateOf(from),
      end_time: isoDateOf(to),
      page_size: PAGE_SIZE,
      // The API pages from the END by default: the first page would hold the newest days, and a
      // run stopped after it would leave a gap that plans (which resume after the last stored
      // day) never fill. From the start, every committed page extends a contiguous prefix.
      paging_from: 'start',
      ignore_unsupported_errors: 'true',
    };
    const seen = new Set<string>();
    /** Page links already followed: a link that comes back would otherwise page forever. */
    const followed = new Set<string>();
    try {
      for (let page = 1; ; page++) {
        const body = await this.client.getJson(ENDPOINT, path, query, pageSchema);
        const observations: ObservationRecord[] = [];
        const seriesPoints: SeriesPointRecord[] = [];
        body.data.forEach((row, index) => {
          const field = (name: (typeof METRICS)[number]) => parseNumber(row[name], `data[${index}].${name}`, page);
          const day = parseDay(row.time.slice(0, 10), `${this.name} data[${index}].time`);
          if (day < from || day > to) return;
          const config = known.get(row.asset);
          const symbol = config?.symbol ?? row.asset.toUpperCase();
          const price = field('PriceUSD');
          const marketCap = field('CapMrktCurUSD');
          if (price !== null || marketCap !== null) {
            const assetId = context.identity.resolve({ source: this.name, slug: config?.coingeckoId ?? row.asset, symbol, name: config?.name ?? symbol, day });
            observations.push({ assetId, day, source: this.name, symbol, price, marketCap, volume: null, rank: null });
          }
          const at = msOfDay(day);
          const addresses = field('AdrActCnt');
          if (addresses !== null) seriesPoints.push({ series: seriesName(SERIES.activeAddresses, symbol), at, source: this.name, value: addresses });
          const transactions = field('TxCnt');
          if (transactions !== null) seriesPoints.push({ series: seriesName(SERIES.transactionCount, symbol), at, source: this.name, value: transactions });
          if (price !== null || marketCap !== null || addresses !== null || transactions !== null) seen.add(row.asset);
        });
        if (!body.next_page_url) {
          // Assets with nothing stored and nothing in any page: recorded, so they are not asked again.
          const settings: Record<string, string> = {};
          for (const entry of (request.params.emptyFrom as readonly string[] | undefined) ?? []) {
            const [id = '', day = ''] = entry.split('@');
            if (!seen.has(id)) Object.assign(settings, emptyMarkerSetting(this.name, id, { from: Number(day) as DayNumber, to, checkedOn: context.today }));
          }
          yield { observations, seriesPoints, ...(Object.keys(settings).length > 0 ? { settings } : {}) };
          return;
        }
        yield { observations, seriesPoints };
        // Follow the link's query on our own base URL (mirrors, proxies, loopback tests).
        const next = new URL(body.next_page_url);
        next.searchParams.sort();
        if (followed.has(next.search)) throw new ProviderError(this.name, ENDPOINT, `page ${page}: next_page_url points at a page already read (${next.searchParams.get('next_page_token') ?? next.search}); stopped rather than paging forever`);
        followed.add(next.search);
        path = ENDPOINT;
        query = Object.fromEntries(next.searchParams);
      }
    } catch (error) {
      throw requestError(this.name, request, error);
    }
  }
}

export function parseNumber(text: string | null | undefined, field: string, page: number): number | null {
  if (text === null || text === undefined || text === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ProviderError(COINMETRICS, ENDPOINT, `page ${page}: ${field} is not a number: ${JSON.stringify(text)}`);
  return value;
}
