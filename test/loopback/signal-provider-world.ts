/**
 * The loopback world's signal providers (Deribit; more are added beside it), in the documented
 * shapes (../shared/PROVIDERS.md), registered by serveProviders. Forwards come from the shared
 * data's BTC and ETH closes; the option smile and DVOL are made up and only need the right shape.
 */
import { readFileSync } from 'node:fs';
import { addDays, dayOfMs, msOfDay, parseDay, type DayNumber } from '../../src/domain/dates.ts';
import { sharedDataFile } from '../shared-data.ts';
import type { LoopbackServer } from './loopback-server.ts';
import type { WorldData, WorldOptions } from './provider-world.ts';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DVOL_FIRST_DAY = 18_710;

/** `27JUN25` for a day. */
export function deribitExpiryCode(day: DayNumber): string {
  const d = new Date(msOfDay(day));
  return `${d.getUTCDate()}${MONTHS[d.getUTCMonth()]}${String(d.getUTCFullYear()).slice(2)}`;
}

/** A smile: higher IV away from the money, puts richer than calls. */
export function worldIv(strike: number, forward: number, days: number): number {
  const m = Math.log(strike / forward);
  return 45 + days / 20 + 60 * m * m - 8 * m;
}

let fearGreed: Map<number, number> | undefined;
/** fear_greed_daily.csv, read in place. */
export function worldFearGreed(): Map<number, number> {
  if (fearGreed) return fearGreed;
  fearGreed = new Map();
  for (const line of readFileSync(sharedDataFile('fear_greed_daily.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [date = '', value = ''] = line.split(',');
    fearGreed.set(parseDay(date), Number(value));
  }
  return fearGreed;
}

/** Coin Metrics FlowInExNtv / FlowOutExNtv of a day, as strings: a share of the day's volume in coins. */
export function worldFlows(value: { price: number; volume: number | null }, day: number): { FlowInExNtv: string; FlowOutExNtv: string } {
  const coins = (value.volume ?? 0) / value.price / 100;
  return { FlowInExNtv: coins.toFixed(4), FlowOutExNtv: (coins * (1 + ((day % 5) - 2) / 10)).toFixed(4) };
}

const classify = (v: number) => (v <= 24 ? 'Extreme Fear' : v <= 46 ? 'Fear' : v <= 54 ? 'Neutral' : v <= 74 ? 'Greed' : 'Extreme Greed');

export function serveSignalProviders(server: LoopbackServer, world: WorldOptions, data: WorldData): void {
  const nowMs = () => msOfDay(world.today) + 12 * 3_600_000;
  const lastComplete = () => addDays(world.today, -1);
  const coin = (currency: string | null) => data.coins.find((c) => c.id === (currency === 'BTC' ? 'bitcoin' : currency === 'ETH' ? 'ethereum' : ''));
  const chain = (currency: string | null) => {
    const c = coin(currency);
    const spot = c?.days.get(lastComplete())?.price;
    if (!c || spot === undefined) return [];
    const rows = [];
    for (const days of [1, 6, 20, 48, 90]) {
      const expiryDay = addDays(world.today, days);
      const expiryMs = msOfDay(expiryDay) + 8 * 3_600_000;
      const forward = spot * (1 + 0.0001 * days);
      const step = currency === 'BTC' ? 1000 : 50;
      for (let k = -12; k <= 12; k++) {
        const strike = Math.round(forward / step) * step + Math.round(k * (1 + days / 30)) * step;
        if (strike <= 0) continue;
        for (const type of ['C', 'P'] as const) {
          rows.push({ name: `${currency}-${deribitExpiryCode(expiryDay)}-${strike}-${type}`, strike, type, expiryMs, forward, iv: worldIv(strike, forward, days) });
        }
      }
    }
    return rows;
  };
  server.route('/public/get_instruments', (url) => ({
    body: {
      jsonrpc: '2.0',
      result: chain(url.searchParams.get('currency')).map((r) => ({ instrument_name: r.name, strike: r.strike, option_type: r.type === 'C' ? 'call' : 'put', expiration_timestamp: r.expiryMs, creation_timestamp: nowMs() - 86_400_000, contract_size: 1, is_active: true, kind: 'option' })),
      usIn: nowMs() * 1000,
      usOut: nowMs() * 1000 + 500,
      testnet: false,
    },
  }));
  server.route('/public/get_book_summary_by_currency', (url) => ({
    body: {
      jsonrpc: '2.0',
      result: chain(url.searchParams.get('currency')).map((r, i) => ({
        instrument_name: r.name,
        mark_iv: Number(r.iv.toFixed(2)),
        underlying_price: r.forward,
        underlying_index: `SYN.${url.searchParams.get('currency')}`,
        // Far out-of-the-money wings trade at the minimum tick; one option has no mark at all.
        mark_price: i % 97 === 5 ? 0 : 0.01,
        bid_price: null,
        ask_price: 0.0125,
        open_interest: 10,
        volume: 1,
        interest_rate: 0,
        creation_timestamp: nowMs(),
      })),
    },
  }));
  // DVOL: daily candles [ts, open, high, low, close], at most 100 a page, newest page first.
  server.route('/public/get_volatility_index_data', (url) => {
    const currency = url.searchParams.get('currency');
    const start = Number(url.searchParams.get('start_timestamp'));
    const end = Math.min(Number(url.searchParams.get('end_timestamp')), nowMs());
    const rows: number[][] = [];
    for (let day = Math.max(dayOfMs(start), DVOL_FIRST_DAY); day <= Math.min(dayOfMs(end), lastComplete()); day++) {
      if (msOfDay(day as DayNumber) < start) continue;
      const close = (currency === 'BTC' ? 55 : 70) + 10 * Math.sin(day / 17);
      rows.push([msOfDay(day as DayNumber), close - 1, close + 2, close - 2, Number(close.toFixed(2))]);
    }
    const page = rows.slice(-100);
    const continuation = rows.length > 100 ? page[0]![0]! - 1 : null;
    return { body: { jsonrpc: '2.0', result: { data: page, continuation } } };
  });

  // alternative.me: newest first, `limit` days (0 = all), today's value published at 00:00 UTC.
  server.route('/fng/', (url) => {
    const limit = Number(url.searchParams.get('limit') ?? 1);
    const rows = [...worldFearGreed().entries()].filter(([day]) => day <= world.today).sort((a, b) => b[0] - a[0]);
    const shown = limit === 0 ? rows : rows.slice(0, limit);
    return {
      body: {
        name: 'Fear and Greed Index',
        data: shown.map(([day, value], i) => ({ value: String(value), value_classification: classify(value), timestamp: String(msOfDay(day as DayNumber) / 1000), ...(i === 0 ? { time_until_update: '43200' } : {}) })),
        metadata: { error: null },
      },
    };
  });

  // OKX funding: newest first, the last 90 days only, 100 a page, `after` = older than this time.
  server.route('/api/v5/public/funding-rate-history', (url) => {
    const instId = url.searchParams.get('instId') ?? '';
    if (!['BTC-USDT-SWAP', 'ETH-USDT-SWAP'].includes(instId)) return { body: { code: '0', msg: '', data: [] } };
    const after = url.searchParams.has('after') ? Number(url.searchParams.get('after')) : Infinity;
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 100));
    const earliest = msOfDay(addDays(world.today, -90));
    const rows = data.funding.filter((f) => f.ms >= earliest && f.ms <= nowMs() && f.ms < after).reverse().slice(0, limit);
    return { body: { code: '0', msg: '', data: rows.map((f) => ({ instId, instType: 'SWAP', fundingRate: String(f.rate), realizedRate: String(f.rate), fundingTime: String(f.ms), method: 'current_period' })) } };
  });

  // DefiLlama api.llama.fi: daily TVL (unix seconds) and DEX volume, made from the coins' caps and volumes.
  const complete = (f: (day: number) => number | null) => {
    const out: [number, number][] = [];
    const btc = data.coins.find((c) => c.id === 'bitcoin')!;
    for (const day of [...btc.days.keys()].sort((a, b) => a - b)) {
      if (day > lastComplete()) break;
      const v = f(day);
      if (v !== null) out.push([day * 86_400, v]);
    }
    return out;
  };
  const capOn = (id: string, share: number) => (day: number) => {
    const cap = data.coins.find((c) => c.id === id)?.days.get(day)?.cap;
    return cap ? cap * share : null;
  };
  server.route('/v2/historicalChainTvl', () => ({ body: complete(capOn('ethereum', 0.3)).map(([date, tvl]) => ({ date, tvl })) }));
  server.route('/v2/historicalChainTvl/Ethereum', () => ({ body: complete(capOn('ethereum', 0.2)).map(([date, tvl]) => ({ date, tvl })) }));
  server.route('/v2/historicalChainTvl/Solana', () => ({ body: complete(capOn('ripple', 0.05)).map(([date, tvl]) => ({ date: String(date), tvl })) }));
  server.route('/overview/dexs', () => ({ body: { totalDataChart: complete((day) => data.coins.find((c) => c.id === 'ethereum')?.days.get(day)?.volume ?? null).map(([t, v]) => [t, v * 0.1]), protocols: [], total24h: 1, change_1d: 0 } }));
}
