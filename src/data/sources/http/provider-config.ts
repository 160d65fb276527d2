/**
 * Where each provider lives and how fast it may be called. Base URLs are overridable
 * (ALTSEASON_<PROVIDER>_URL) for mirrors, proxies and loopback tests; limits are store settings
 * (`ratelimit.<provider>`), defaulting to the free tiers documented in docs/providers.md.
 */
import { parseRateLimit, type RateLimit } from './token-bucket.ts';

export const PROVIDER_NAMES = ['coingecko', 'coinmetrics', 'yahoo', 'binance', 'bybit', 'defillama', 'fred', 'deribit', 'alternative-me', 'okx', 'defillama-api'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export const DEFAULT_BASE_URLS: Record<ProviderName, string> = {
  coingecko: 'https://api.coingecko.com/api/v3',
  coinmetrics: 'https://community-api.coinmetrics.io/v4',
  yahoo: 'https://query1.finance.yahoo.com',
  binance: 'https://fapi.binance.com',
  bybit: 'https://api.bybit.com',
  defillama: 'https://stablecoins.llama.fi',
  fred: 'https://fred.stlouisfed.org',
  deribit: 'https://www.deribit.com/api/v2',
  'alternative-me': 'https://api.alternative.me',
  okx: 'https://www.okx.com',
  'defillama-api': 'https://api.llama.fi',
};

/** Free-tier limits, as published (or conservative where unpublished). */
export const DEFAULT_RATE_LIMITS: Record<ProviderName, RateLimit> = {
  coingecko: { requests: 5, perMs: 60_000 },
  coinmetrics: { requests: 10, perMs: 6_000 },
  yahoo: { requests: 30, perMs: 60_000 },
  binance: { requests: 500, perMs: 300_000 },
  bybit: { requests: 10, perMs: 1_000 },
  defillama: { requests: 2, perMs: 1_000 },
  fred: { requests: 1, perMs: 1_000 },
  deribit: { requests: 10, perMs: 1_000 },
  'alternative-me': { requests: 1, perMs: 1_000 },
  okx: { requests: 5, perMs: 2_000 },
  'defillama-api': { requests: 2, perMs: 1_000 },
};

/** CoinGecko's demo key raises the keyless ~5/min to ~30/min. */
export const COINGECKO_DEMO_KEY_LIMIT: RateLimit = { requests: 30, perMs: 60_000 };

/** CoinGecko serves pro (paid) keys only here; the public host answers them with 401 error 10010. */
export const COINGECKO_PRO_BASE_URL = 'https://pro-api.coingecko.com/api/v3';

export function baseUrlOf(provider: ProviderName, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[`ALTSEASON_${provider.toUpperCase().replace(/-/g, '_')}_URL`];
  const proKey = provider === 'coingecko' && Object.keys(authHeadersOf(provider, env)).includes('x-cg-pro-api-key');
  const fallback = proKey ? COINGECKO_PRO_BASE_URL : DEFAULT_BASE_URLS[provider];
  return (override && override.trim() !== '' ? override.trim() : fallback).replace(/\/+$/, '');
}

export function rateLimitSettingKey(provider: string): string {
  return `ratelimit.${provider}`;
}

/** The limit for `provider`: the store setting when present, else the free-tier default. */
export function rateLimitOf(provider: ProviderName, setting: string | undefined, env: NodeJS.ProcessEnv = process.env): RateLimit {
  if (setting !== undefined) return parseRateLimit(setting, `setting ${rateLimitSettingKey(provider)}`);
  if (provider === 'coingecko' && env.ALTSEASON_COINGECKO_API_KEY) return COINGECKO_DEMO_KEY_LIMIT;
  return DEFAULT_RATE_LIMITS[provider];
}

/** Secret headers per provider, from the environment. Never log the result. */
export function authHeadersOf(provider: ProviderName, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (provider === 'coingecko' && env.ALTSEASON_COINGECKO_API_KEY) {
    const key = env.ALTSEASON_COINGECKO_API_KEY.trim();
    // Pro keys go to a different host with a different header; demo keys are the free path.
    return env.ALTSEASON_COINGECKO_KEY_TYPE === 'pro' ? { 'x-cg-pro-api-key': key } : { 'x-cg-demo-api-key': key };
  }
  return {};
}
