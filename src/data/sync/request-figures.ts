/**
 * How many HTTP calls a first sync and a daily sync need, per provider, and how long they take
 * within the free rate limits (sources run in parallel, so the sync takes as long as the slowest).
 * The counts follow the planners' rules (page sizes, batching, windows); request-figures.test.ts
 * checks them against the requests a real sync sends to the loopback world.
 */
import { CATEGORY_MEMBER_LISTS, COINGECKO_PAGE_SIZE } from '../sources/coingecko/coingecko-source.ts';
import { COINGECKO_SECTOR_CATEGORIES } from '../sources/coingecko/coingecko-sectors.ts';
import { ASSETS_PER_REQUEST, DEFAULT_COINMETRICS_ASSETS, PAGE_SIZE } from '../sources/coinmetrics/coinmetrics-source.ts';
import { DEFAULT_FUTURES_MARKETS, FUNDING_PAGE } from '../sources/binance/binance-source.ts';
import { DEFAULT_EQUITY_SYMBOLS } from '../sources/yahoo/yahoo-source.ts';
import { DEFAULT_FRED_SERIES } from '../sources/fred/fred-source.ts';
import { DERIBIT_CURRENCIES, DVOL_PAGE } from '../sources/deribit/deribit-source.ts';
import { BYBIT_FUNDING_PAGE, BYBIT_OI_PAGE, BYBIT_RATIO_PAGE, DEFAULT_BYBIT_MARKETS } from '../sources/bybit/bybit-source.ts';
import { DEFAULT_TVL_CHAINS } from '../sources/defillama/defillama-chains-source.ts';
import { DEFAULT_OKX_MARKETS, OKX_HISTORY_DAYS, OKX_PAGE } from '../sources/okx/okx-source.ts';
import { COINGECKO_DEMO_KEY_LIMIT, DEFAULT_RATE_LIMITS, type ProviderName } from '../sources/http/provider-config.ts';
import { durationOfRequests, type RateLimit } from '../sources/http/token-bucket.ts';

export interface FigureInput {
  top: number;
  /** Days of history a first sync asks for (CoinGecko's free tier caps its share at 365). */
  firstSyncDays: number;
  coinmetricsAssets?: number;
  futuresMarkets?: number;
  equitySymbols?: number;
  fredSeries?: number;
  /** Excluded categories CoinGecko's category list actually has (each costs one call). */
  categoryMemberLists?: number;
  /** Sector categories (coingecko-sectors.ts) CoinGecko's category list actually has (each costs ⌈top/250⌉ calls a day). */
  sectorCategoryLists?: number;
  coingeckoHistoryLimitDays?: number;
}

export interface ProviderFigure {
  provider: ProviderName;
  firstSyncCalls: number;
  dailySyncCalls: number;
  limit: RateLimit;
  firstSyncSeconds: number;
  dailySyncSeconds: number;
}

export function requestFigures(input: FigureInput, limits: Partial<Record<ProviderName, RateLimit>> = {}): ProviderFigure[] {
  const days = input.firstSyncDays;
  const marketPages = Math.ceil(input.top / COINGECKO_PAGE_SIZE);
  const assets = input.coinmetricsAssets ?? DEFAULT_COINMETRICS_ASSETS.length;
  const groups = Math.ceil(assets / ASSETS_PER_REQUEST);
  const pagesPerGroup = (d: number) => Math.max(1, Math.ceil((Math.min(assets, ASSETS_PER_REQUEST) * d) / PAGE_SIZE));
  const markets = input.futuresMarkets ?? DEFAULT_FUTURES_MARKETS.length;
  const categories = 1 + (input.categoryMemberLists ?? CATEGORY_MEMBER_LISTS);
  const sectorCalls = (input.sectorCategoryLists ?? COINGECKO_SECTOR_CATEGORIES.length) * marketPages;
  const bybitMarkets = DEFAULT_BYBIT_MARKETS.length;
  const calls: Record<ProviderName, [number, number]> = {
    // universe pages + one market_chart per coin + /global + the category list and today's sector
    // members (daily) (+ the excluded categories' members, refreshed weekly)
    coingecko: [marketPages + input.top + 1 + categories + sectorCalls, marketPages + input.top + 1 + 1 + sectorCalls],
    // asset groups' pages, plus today's vintage of the exchange flows (source coinmetrics-flows, one page)
    coinmetrics: [groups * pagesPerGroup(days) + 1, groups + 1],
    yahoo: [input.equitySymbols ?? DEFAULT_EQUITY_SYMBOLS.length, input.equitySymbols ?? DEFAULT_EQUITY_SYMBOLS.length],
    // funding pages + open interest + long/short ratio, per market
    binance: [markets * (Math.max(1, Math.ceil((days * 3) / FUNDING_PAGE)) + 2), markets * 3],
    defillama: [1, 1],
    // monthly data: at most one check a day, only when a new month can exist
    fred: [input.fredSeries ?? DEFAULT_FRED_SERIES.length, input.fredSeries ?? DEFAULT_FRED_SERIES.length],
    // per currency: the chain snapshot (instruments + book summary) and DVOL pages
    deribit: [DERIBIT_CURRENCIES.length * (2 + Math.max(1, Math.ceil(days / DVOL_PAGE))), DERIBIT_CURRENCIES.length * 3],
    // one request brings every missing day
    'alternative-me': [1, 1],
    // per market: funding pages (back from today), open interest and account ratio pages (Binance's 451 fallback not counted)
    bybit: [bybitMarkets * (Math.max(1, Math.ceil((days * 3) / BYBIT_FUNDING_PAGE)) + Math.max(1, Math.ceil(days / BYBIT_OI_PAGE)) + Math.max(1, Math.ceil(days / BYBIT_RATIO_PAGE))), bybitMarkets * 3],
    // one call per series (whole history): all-chain TVL, each chain's TVL, DEX volume
    'defillama-api': [DEFAULT_TVL_CHAINS.length + 2, DEFAULT_TVL_CHAINS.length + 2],
    // funding pages (newest first, 3 months at most) per market
    okx: [DEFAULT_OKX_MARKETS.length * Math.max(1, Math.ceil((Math.min(days, OKX_HISTORY_DAYS) * 3) / OKX_PAGE)), DEFAULT_OKX_MARKETS.length],
  };
  return (Object.keys(calls) as (keyof typeof calls)[]).map((provider) => {
    const limit = limits[provider] ?? DEFAULT_RATE_LIMITS[provider];
    const [first, daily] = calls[provider];
    return {
      provider,
      firstSyncCalls: first,
      dailySyncCalls: daily,
      limit,
      firstSyncSeconds: durationOfRequests(first, limit) / 1000,
      dailySyncSeconds: durationOfRequests(daily, limit) / 1000,
    };
  });
}

/** The README's figures: top 100, a year of history, keyless and with a CoinGecko demo key. */
export function readmeFigures(): { keyless: ProviderFigure[]; demoKey: ProviderFigure[] } {
  const input = { top: 100, firstSyncDays: 365 };
  return { keyless: requestFigures(input), demoKey: requestFigures(input, { coingecko: COINGECKO_DEMO_KEY_LIMIT }) };
}
