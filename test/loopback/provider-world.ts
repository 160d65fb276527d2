/**
 * A loopback "internet" for provider tests: one server answering every provider's endpoints in
 * the documented shapes (../shared/PROVIDERS.md), with values read from ../shared/data (read in
 * place, never copied): CoinGecko-derived daily coin history, ^RUT / ^GSPC / IWM bars, and Binance
 * BTCUSDT funding rates. Series the shared data lacks (open interest, long/short ratio, M2) are
 * derived from those values and only need the right shape. The world's clock is fixed by `today`.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { addDays, dayOfMs, isoDateOf, MS_PER_DAY, msOfDay, parseDay, type DayNumber } from '../../src/domain/dates.ts';
import { sharedDataFile } from '../shared-data.ts';
import type { LoopbackServer } from './loopback-server.ts';
import { serveSignalProviders, worldFlows } from './signal-provider-world.ts';

export interface CoinDay {
  price: number;
  cap: number | null;
  volume: number | null;
}

export interface WorldCoin {
  id: string;
  symbol: string;
  name: string;
  /** Coin Metrics' id for it. */
  cmId: string;
  days: Map<number, CoinDay>;
}

export interface WorldData {
  coins: WorldCoin[];
  equities: Map<string, Map<number, { open: number; high: number; low: number; close: number; volume: number }>>;
  funding: { ms: number; rate: number }[];
}

const COINS = [
  { id: 'bitcoin', cmId: 'btc' },
  { id: 'ethereum', cmId: 'eth' },
  { id: 'tether', cmId: 'usdt' },
  { id: 'ripple', cmId: 'xrp' },
  { id: 'dogecoin', cmId: 'doge' },
];

let cached: WorldData | undefined;

/** Splits one CSV line, honouring double quotes. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export function loadWorldData(): WorldData {
  if (cached) return cached;
  const wanted = new Map(COINS.map((c) => [c.id, c.cmId]));
  const coins = new Map<string, WorldCoin>();
  const text = gunzipSync(readFileSync(sharedDataFile('crypto_prices_long.csv.gz'))).toString('utf8');
  for (const raw of text.split('\n').slice(1)) {
    const line = raw.trimEnd();
    if (!line.endsWith(',coingecko_nktcodes_48')) continue;
    const [date = '', symbol = '', name = '', slug = '', price, cap, volume] = splitCsv(line);
    const cmId = wanted.get(slug);
    if (!cmId) continue;
    let coin = coins.get(slug);
    if (!coin) coins.set(slug, (coin = { id: slug, symbol: symbol.toLowerCase(), name, cmId, days: new Map() }));
    coin.days.set(parseDay(date), { price: Number(price), cap: cap ? Number(cap) : null, volume: volume ? Number(volume) : null });
  }
  const equities = new Map<string, Map<number, { open: number; high: number; low: number; close: number; volume: number }>>();
  for (const [symbol, file] of [['^RUT', 'rut_daily.csv'], ['^GSPC', 'spx_daily.csv'], ['IWM', 'iwm_daily_adjusted.csv']] as const) {
    const bars = new Map<number, { open: number; high: number; low: number; close: number; volume: number }>();
    for (const line of readFileSync(sharedDataFile(file), 'utf8').trim().split('\n').slice(1)) {
      const [date = '', open, high, low, close, volume] = line.split(',');
      bars.set(parseDay(date), { open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) });
    }
    equities.set(symbol, bars);
  }
  const funding: { ms: number; rate: number }[] = [];
  for (const line of readFileSync(sharedDataFile('btc_perp_funding_8h.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [time = '', rate = ''] = line.split(',');
    if (rate !== '') funding.push({ ms: Date.parse(time.replace('Z', ':00Z')), rate: Number(rate) });
  }
  cached = { coins: COINS.map((c) => coins.get(c.id)!).filter(Boolean), equities, funding };
  return cached;
}

export interface WorldOptions {
  today: DayNumber;
  /** Coin Metrics page size the world uses (small, to exercise paging). */
  coinMetricsPageSize?: number;
}

/** Registers every provider's routes on `server`, answering as of `world.today` (mutable). */
export function serveProviders(server: LoopbackServer, world: WorldOptions, data: WorldData = loadWorldData()): LoopbackServer {
  const nowMs = () => msOfDay(world.today) + 12 * 3_600_000;
  const coinById = new Map(data.coins.map((c) => [c.id, c]));
  const coinByCm = new Map(data.coins.map((c) => [c.cmId, c]));
  const lastComplete = () => addDays(world.today, -1);
  const latest = (coin: WorldCoin) => coin.days.get(lastComplete());

  server.route('/coins/markets', (url) => {
    const perPage = Number(url.searchParams.get('per_page') ?? 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    if (url.searchParams.get('category') === 'stablecoins') {
      return { body: [{ id: 'tether', symbol: 'usdt', name: 'Tether', current_price: 1, market_cap: 8e10, market_cap_rank: 3, total_volume: 1e10 }] };
    }
    if (url.searchParams.get('category')) return { body: [] };
    const ranked = data.coins
      .filter((c) => latest(c))
      .sort((a, b) => (latest(b)!.cap ?? 0) - (latest(a)!.cap ?? 0))
      .map((c, index) => ({ id: c.id, symbol: c.symbol, name: c.name, current_price: latest(c)!.price, market_cap: latest(c)!.cap, market_cap_rank: index + 1, total_volume: latest(c)!.volume, price_change_percentage_24h: 1.5 }));
    return { body: ranked.slice((page - 1) * perPage, page * perPage) };
  });
  for (const coin of data.coins) {
    server.route(`/coins/${coin.id}/market_chart`, (url) => {
      const days = Number(url.searchParams.get('days'));
      if (days > 365) return { status: 401, body: { status: { error_code: 10012, error_message: 'Your request exceeds the allowed time range. Public API users are limited to querying historical data within the past 365 days.' } } };
      const prices: [number, number][] = [];
      const caps: [number, number][] = [];
      const volumes: [number, number][] = [];
      // Points stamped at midnight carry the previous day's close; the last one is live.
      for (let stamp = addDays(world.today, -days + 1); stamp <= world.today; stamp = addDays(stamp, 1)) {
        const value = coin.days.get(addDays(stamp, -1));
        if (!value) continue;
        prices.push([msOfDay(stamp), value.price]);
        caps.push([msOfDay(stamp), value.cap ?? 0]);
        volumes.push([msOfDay(stamp), value.volume ?? 0]);
      }
      const live = coin.days.get(lastComplete());
      if (live) {
        prices.push([nowMs(), live.price * 1.01]);
        caps.push([nowMs(), (live.cap ?? 0) * 1.01]);
        volumes.push([nowMs(), live.volume ?? 0]);
      }
      return { body: { prices, market_caps: caps, total_volumes: volumes } };
    });
  }
  server.route('/global', () => {
    const caps = data.coins.map((c) => ({ symbol: c.symbol, cap: latest(c)?.cap ?? 0 }));
    const total = caps.reduce((sum, c) => sum + c.cap, 0) / 0.8;
    return {
      body: {
        data: {
          active_cryptocurrencies: 10_000,
          total_market_cap: { usd: total, btc: total / 26_000 },
          market_cap_percentage: Object.fromEntries(caps.map((c) => [c.symbol, (c.cap / total) * 100])),
          updated_at: Math.floor(nowMs() / 1000),
        },
      },
    };
  });
  server.route('/coins/categories/list', () => ({ body: [{ category_id: 'stablecoins', name: 'Stablecoins' }, { category_id: 'layer-1', name: 'Layer 1 (L1)' }] }));

  server.route('/timeseries/asset-metrics', (url) => {
    const assets = (url.searchParams.get('assets') ?? '').split(',');
    const start = parseDay(url.searchParams.get('start_time')!.slice(0, 10));
    const end = parseDay(url.searchParams.get('end_time')!.slice(0, 10));
    const pageSize = world.coinMetricsPageSize ?? Number(url.searchParams.get('page_size') ?? 10_000);
    const flowsAsked = (url.searchParams.get('metrics') ?? '').includes('FlowInExNtv');
    const rows: Record<string, string>[] = [];
    for (const asset of assets) {
      const coin = coinByCm.get(asset);
      if (!coin) continue;
      for (let day = start; day <= Math.min(end, lastComplete()); day = addDays(day, 1)) {
        const value = coin.days.get(day);
        if (!value) continue;
        if (flowsAsked) {
          // Exchange flows (community tier: btc and eth only), in coins.
          if (asset === 'btc' || asset === 'eth') rows.push({ asset, time: `${isoDateOf(day)}T00:00:00.000000000Z`, ...worldFlows(value, day) });
          continue;
        }
        rows.push({ asset, time: `${isoDateOf(day)}T00:00:00.000000000Z`, PriceUSD: String(value.price), ...(value.cap ? { CapMrktCurUSD: String(value.cap) } : {}), ...(asset === 'btc' ? { AdrActCnt: String(Math.round((value.volume ?? 0) / 1e4)) } : {}) });
      }
    }
    // Like the real API, pages run from the end of the range unless paging_from=start is asked
    // for (rows within a page stay in (asset, time) order). The token counts rows already served.
    const fromStart = url.searchParams.get('paging_from') === 'start';
    const offset = Number(url.searchParams.get('next_page_token') ?? 0);
    const page = fromStart ? rows.slice(offset, offset + pageSize) : rows.slice(Math.max(0, rows.length - offset - pageSize), rows.length - offset);
    const next = offset + pageSize < rows.length ? new URL(url.toString().replace('http://127.0.0.1', 'https://community-api.coinmetrics.io')) : null;
    next?.searchParams.set('next_page_token', String(offset + pageSize));
    return { body: { data: page, ...(next ? { next_page_url: next.toString() } : {}) } };
  });

  for (const [symbol, bars] of data.equities) {
    server.route(`/v8/finance/chart/${encodeURIComponent(symbol)}`, (url) => {
      const from = dayOfMs(Number(url.searchParams.get('period1')) * 1000);
      const to = dayOfMs(Number(url.searchParams.get('period2')) * 1000 - 1);
      const timestamp: number[] = [];
      const quote = { open: [] as (number | null)[], high: [] as (number | null)[], low: [] as (number | null)[], close: [] as (number | null)[], volume: [] as (number | null)[] };
      const adjclose: (number | null)[] = [];
      for (let day = from; day <= Math.min(to, lastComplete()); day = addDays(day, 1)) {
        const bar = bars.get(day);
        if (!bar) continue;
        // The shared IWM file is adjusted; Yahoo's quote is raw, so the world un-adjusts it.
        const raw = symbol === 'IWM' ? iwmRawFactor(day) : 1;
        timestamp.push((msOfDay(day) + 14.5 * 3_600_000) / 1000);
        quote.open.push(bar.open * raw);
        quote.high.push(bar.high * raw);
        quote.low.push(bar.low * raw);
        quote.close.push(bar.close * raw);
        quote.volume.push(bar.volume);
        adjclose.push(bar.close);
      }
      return { body: { chart: { result: [{ meta: { symbol, currency: 'USD', gmtoffset: -14400, timezone: 'EDT' }, timestamp, indicators: { quote: [quote], adjclose: [{ adjclose }] } }], error: null } } };
    });
  }

  server.route('/fapi/v1/fundingRate', (url) => {
    const symbol = url.searchParams.get('symbol') ?? '';
    // ETHUSDT gets BTCUSDT's real rates: the shared data has one market, the shape is what matters.
    if (!['BTCUSDT', 'ETHUSDT'].includes(symbol)) return { body: [] };
    const start = Number(url.searchParams.get('startTime'));
    const end = Math.min(Number(url.searchParams.get('endTime')), nowMs());
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const rows = data.funding.filter((f) => f.ms >= start && f.ms <= end).slice(0, limit);
    return { body: rows.map((f) => ({ symbol, fundingTime: f.ms, fundingRate: f.rate.toFixed(8), markPrice: '26000.0' })) };
  });
  const windowRows = (url: URL, make: (day: number, cap: number) => Record<string, unknown>) => {
    const symbol = url.searchParams.get('symbol') ?? '';
    if (!['BTCUSDT', 'ETHUSDT'].includes(symbol)) return { body: [] };
    const limit = Number(url.searchParams.get('limit') ?? 30);
    const btc = coinById.get('bitcoin')!;
    const rows: Record<string, unknown>[] = [];
    for (let day = addDays(world.today, -Math.min(limit, 30)); day <= lastComplete(); day = addDays(day, 1)) {
      const value = btc.days.get(day);
      if (value) rows.push({ symbol, timestamp: msOfDay(day), ...make(day, value.cap ?? 0) });
    }
    return { body: rows };
  };
  server.route('/futures/data/openInterestHist', (url) => windowRows(url, (_day, cap) => ({ sumOpenInterest: String(cap / 26_000 / 2000), sumOpenInterestValue: String(cap / 2000) })));
  server.route('/futures/data/globalLongShortAccountRatio', (url) => windowRows(url, (day) => ({ longShortRatio: String(1 + (day % 7) / 10), longAccount: '0.55', shortAccount: '0.45' })));
  server.route('/v5/market/funding/history', (url) => {
    const start = Number(url.searchParams.get('startTime'));
    const end = Math.min(Number(url.searchParams.get('endTime')), nowMs());
    const limit = Number(url.searchParams.get('limit') ?? 200);
    const rows = data.funding.filter((f) => f.ms >= start && f.ms <= end).reverse().slice(0, limit);
    return { body: { retCode: 0, retMsg: 'OK', result: { category: 'linear', list: rows.map((f) => ({ symbol: 'BTCUSDT', fundingRate: String(f.rate), fundingRateTimestamp: String(f.ms) })) } } };
  });
  server.route('/v5/market/account-ratio', () => {
    const list = [];
    for (let day = addDays(world.today, -30); day <= lastComplete(); day = addDays(day, 1)) list.unshift({ symbol: 'BTCUSDT', buyRatio: '0.55', sellRatio: '0.45', timestamp: String(msOfDay(day)) });
    return { body: { retCode: 0, retMsg: 'OK', result: { list } } };
  });

  const bybitCoin = (url: URL) => ({ BTCUSDT: coinById.get('bitcoin'), ETHUSDT: coinById.get('ethereum') })[url.searchParams.get('symbol') ?? ''];
  // Open interest in contracts (coins) at 00:00 UTC of each day, newest first.
  server.route('/v5/market/open-interest', (url) => {
    const coin = bybitCoin(url);
    const start = dayOfMs(Number(url.searchParams.get('startTime')));
    const end = Math.min(dayOfMs(Number(url.searchParams.get('endTime'))), lastComplete());
    const list = [];
    for (let day = start; coin && day <= end; day = addDays(day, 1)) {
      const value = coin.days.get(day);
      if (value?.cap) list.unshift({ openInterest: String(Math.round(value.cap / value.price / 400)), timestamp: String(msOfDay(day)) });
    }
    return { body: { retCode: 0, retMsg: 'OK', result: { category: 'linear', symbol: url.searchParams.get('symbol'), list, nextPageCursor: '' } } };
  });
  // Daily klines [start, open, high, low, close, volume, turnover] as strings, newest first: a day
  // opens at the previous day's close.
  server.route('/v5/market/kline', (url) => {
    const coin = bybitCoin(url);
    const start = dayOfMs(Number(url.searchParams.get('start')));
    const end = Math.min(dayOfMs(Number(url.searchParams.get('end'))), lastComplete());
    const list = [];
    for (let day = start; coin && day <= end; day = addDays(day, 1)) {
      const open = coin.days.get(addDays(day, -1))?.price;
      const close = coin.days.get(day)?.price;
      if (open === undefined || close === undefined) continue;
      list.unshift([String(msOfDay(day)), String(open), String(Math.max(open, close)), String(Math.min(open, close)), String(close), '1000', String(1000 * close)]);
    }
    return { body: { retCode: 0, retMsg: 'OK', result: { category: 'linear', symbol: url.searchParams.get('symbol'), list } } };
  });

  server.route('/stablecoincharts/all', () => {
    const tether = coinById.get('tether')!;
    const rows = [...tether.days.entries()].filter(([day, v]) => day <= lastComplete() && v.cap).map(([day, v]) => ({ date: String(day * 86_400), totalCirculating: { peggedUSD: v.cap }, totalCirculatingUSD: { peggedUSD: v.cap!, peggedEUR: 1e8 } }));
    return { body: rows };
  });
  serveSignalProviders(server, world, data);
  server.route('/graph/fredgraph.csv', () => {
    const lines = ['observation_date,M2SL'];
    for (let month = 0; month < 24; month++) {
      const date = new Date(Date.UTC(2022, month, 1));
      if (date.getTime() > msOfDay(world.today) - 40 * MS_PER_DAY) break;
      lines.push(`${date.toISOString().slice(0, 10)},${month === 5 ? '.' : (21_000 - month * 30).toFixed(1)}`);
    }
    return { body: `${lines.join('\n')}\n` };
  });
  return server;
}

/**
 * raw close / adjusted close of IWM on `day`: the shared file holds adjusted prices only, so the
 * world makes up raw ones, as if a 0.4 % dividend went ex every quarter up to 2026.
 */
export function iwmRawFactor(day: DayNumber): number {
  const quartersLeft = Math.max(0, Math.floor((parseDay('2026-01-01') - day) / 91));
  return 1.004 ** quartersLeft;
}

/** Store settings that fit the sources to this world (its Coin Metrics assets). */
export const WORLD_SETTINGS: Readonly<Record<string, string>> = { 'coinmetrics.assets': 'btc,eth,usdt=tether,xrp,doge' };

/** Points every ALTSEASON_*_URL at `server`. */
export function loopbackEnv(server: LoopbackServer): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const provider of ['COINGECKO', 'COINMETRICS', 'YAHOO', 'BINANCE', 'BYBIT', 'DEFILLAMA', 'FRED', 'DERIBIT', 'ALTERNATIVE_ME', 'OKX', 'DEFILLAMA_API']) env[`ALTSEASON_${provider}_URL`] = server.baseUrl;
  return env;
}
