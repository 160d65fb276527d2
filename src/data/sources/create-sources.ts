/**
 * Builds every live source with its HTTP client: base URL from ALTSEASON_<PROVIDER>_URL, limit
 * from the store setting `ratelimit.<provider>` (else the free tier's), keys from the environment
 * or the config file (config-file.ts; the environment wins).
 */
import { AlternativeMeSource } from './alternative-me/alternative-me-source.ts';
import { BinanceSource } from './binance/binance-source.ts';
import { BybitSource } from './bybit/bybit-source.ts';
import { providerEnv } from './config-file.ts';
import { CoinGeckoSource } from './coingecko/coingecko-source.ts';
import { CoinMetricsFlowsSource, FLOW_ASSETS } from './coinmetrics/coinmetrics-flows-source.ts';
import { CoinMetricsSource, DEFAULT_COINMETRICS_ASSETS, type CoinMetricsAsset } from './coinmetrics/coinmetrics-source.ts';
import { DefiLlamaChainsSource } from './defillama/defillama-chains-source.ts';
import { DefiLlamaSource } from './defillama/defillama-source.ts';
import { DeribitSource } from './deribit/deribit-source.ts';
import { FredSource } from './fred/fred-source.ts';
import { HttpClient, type HttpClientOptions } from './http/http-client.ts';
import { authHeadersOf, baseUrlOf, rateLimitOf, rateLimitSettingKey, type ProviderName } from './http/provider-config.ts';
import { TokenBucket } from './http/token-bucket.ts';
import { OkxSource } from './okx/okx-source.ts';
import type { MarketDataSource } from './market-data-source.ts';
import { YahooSource } from './yahoo/yahoo-source.ts';

export const SOURCE_NAMES = ['coingecko', 'coinmetrics', 'yahoo', 'binance', 'defillama', 'fred', 'deribit', 'alternative-me', 'coinmetrics-flows', 'okx', 'defillama-chains', 'bybit'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** The provider (host and rate limit) behind a source, where the names differ. */
const SOURCE_PROVIDER: Partial<Record<SourceName, ProviderName>> = { 'coinmetrics-flows': 'coinmetrics', 'defillama-chains': 'defillama-api' };

export function providerOfSource(source: string): ProviderName {
  return SOURCE_PROVIDER[source as SourceName] ?? (source as ProviderName);
}

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
  // Coin Metrics' price history and its exchange flows share one client: one rate limit.
  let coinMetrics: Promise<HttpClient> | undefined;
  const coinMetricsClient = () => (coinMetrics ??= createClient('coinmetrics', store, options));
  for (const name of names) {
    if (name === 'coingecko') {
      const historyDays = Number(env.ALTSEASON_COINGECKO_HISTORY_DAYS ?? 365);
      sources.push(new CoinGeckoSource(await createClient('coingecko', store, options), { historyLimitDays: Number.isFinite(historyDays) && historyDays > 0 ? historyDays : 365 }));
    } else if (name === 'coinmetrics') {
      sources.push(new CoinMetricsSource(await coinMetricsClient(), parseAssets(await store.getSetting('coinmetrics.assets'))));
    } else if (name === 'coinmetrics-flows') {
      const configured = parseAssets(await store.getSetting('coinmetrics.assets')).map((a) => a.id);
      sources.push(new CoinMetricsFlowsSource(await coinMetricsClient(), FLOW_ASSETS.filter((id) => configured.includes(id))));
    } else if (name === 'yahoo') {
      sources.push(new YahooSource(await createClient('yahoo', store, options)));
    } else if (name === 'binance') {
      sources.push(new BinanceSource(await createClient('binance', store, options), await createClient('bybit', store, options)));
    } else if (name === 'defillama') {
      sources.push(new DefiLlamaSource(await createClient('defillama', store, options)));
    } else if (name === 'bybit') {
      sources.push(new BybitSource(await createClient('bybit', store, options)));
    } else if (name === 'defillama-chains') {
      sources.push(new DefiLlamaChainsSource(await createClient('defillama-api', store, options)));
    } else if (name === 'okx') {
      sources.push(new OkxSource(await createClient('okx', store, options)));
    } else if (name === 'alternative-me') {
      sources.push(new AlternativeMeSource(await createClient('alternative-me', store, options)));
    } else if (name === 'deribit') {
      sources.push(new DeribitSource(await createClient('deribit', store, options)));
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
