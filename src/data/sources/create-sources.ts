/**
 * Builds every live source with its HTTP client: base URL from ALTSEASON_<PROVIDER>_URL, limit
 * from the store setting `ratelimit.<provider>` (else the free tier's), keys from the environment
 * or the config file (config-file.ts; the environment wins).
 */
import { BinanceSource } from './binance/binance-source.ts';
import { providerEnv } from './config-file.ts';
import { CoinGeckoSource } from './coingecko/coingecko-source.ts';
import { CoinMetricsSource, DEFAULT_COINMETRICS_ASSETS, type CoinMetricsAsset } from './coinmetrics/coinmetrics-source.ts';
import { DefiLlamaSource } from './defillama/defillama-source.ts';
import { FredSource } from './fred/fred-source.ts';
import { HttpClient, type HttpClientOptions } from './http/http-client.ts';
import { authHeadersOf, baseUrlOf, rateLimitOf, rateLimitSettingKey, type ProviderName } from './http/provider-config.ts';
import { TokenBucket } from './http/token-bucket.ts';
import type { MarketDataSource } from './market-data-source.ts';
import { YahooSource } from './yahoo/yahoo-source.ts';

export const SOURCE_NAMES = ['coingecko', 'coinmetrics', 'yahoo', 'binance', 'defillama', 'fred'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** Where sources read their configuration (rate limits, Coin Metrics assets): the Store satisfies it. */
export interface SettingsReader {
  getSetting(key: string): Promise<string | undefined>;
}

export interface CreateSourcesOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides for every client (tests: short timeouts and no real sleeping). */
  http?: Partial<HttpClientOptions>;
}

export async function createClient(provider: ProviderName, store: SettingsReader, options: CreateSourcesOptions = {}): Promise<HttpClient> {
  const env = options.env ?? process.env;
  const limit = rateLimitOf(provider, await store.getSetting(rateLimitSettingKey(provider)), env);
  return new HttpClient({
    provider,
    baseUrl: baseUrlOf(provider, env),
    headers: authHeadersOf(provider, env),
    limiter: new TokenBucket(limit),
    ...options.http,
  });
}

export async function createSources(store: SettingsReader, names: readonly SourceName[] = SOURCE_NAMES, rawOptions: CreateSourcesOptions = {}): Promise<MarketDataSource[]> {
  // Keys from the config file where the environment has none.
  const env = providerEnv(rawOptions.env ?? process.env);
  const options = { ...rawOptions, env };
  const sources: MarketDataSource[] = [];
  for (const name of names) {
    if (name === 'coingecko') {
      const historyDays = Number(env.ALTSEASON_COINGECKO_HISTORY_DAYS ?? 365);
      sources.push(new CoinGeckoSource(await createClient('coingecko', store, options), { historyLimitDays: Number.isFinite(historyDays) && historyDays > 0 ? historyDays : 365 }));
    } else if (name === 'coinmetrics') {
      sources.push(new CoinMetricsSource(await createClient('coinmetrics', store, options), parseAssets(await store.getSetting('coinmetrics.assets'))));
    } else if (name === 'yahoo') {
      sources.push(new YahooSource(await createClient('yahoo', store, options)));
    } else if (name === 'binance') {
      sources.push(new BinanceSource(await createClient('binance', store, options), await createClient('bybit', store, options)));
    } else if (name === 'defillama') {
      sources.push(new DefiLlamaSource(await createClient('defillama', store, options)));
    } else {
      sources.push(new FredSource(await createClient('fred', store, options)));
    }
  }
  return sources;
}

/** `btc,eth,sol=solana`: Coin Metrics ids, each optionally `=coingecko-id` (defaults known for the built-in list). */
function parseAssets(setting: string | undefined): readonly CoinMetricsAsset[] {
  if (!setting) return DEFAULT_COINMETRICS_ASSETS;
  const known = new Map(DEFAULT_COINMETRICS_ASSETS.map((a) => [a.id, a]));
  return setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id = '', coingeckoId] = entry.toLowerCase().split('=');
      const base = known.get(id);
      return { id, coingeckoId: coingeckoId ?? base?.coingeckoId ?? id, symbol: base?.symbol ?? id.toUpperCase(), name: base?.name ?? id.toUpperCase() };
    });
}
