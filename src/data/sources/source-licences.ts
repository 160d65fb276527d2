/**
 * Licence or terms of use of each source's data, where they restrict what a user may do with it
 * (docs/signals.md, "Licences"). The one place these facts live: `altseason sources` shows them
 * (src/app/list-sources.ts). A source not listed has no restriction on record here; data imported
 * from files keep their original terms (../shared/data/README.md).
 */
const COIN_METRICS_COMMUNITY = 'CC BY-NC 4.0: non-commercial use only, with attribution (Coin Metrics community)';
const EXCHANGE_TERMS = "public market data under the exchange's API terms";

export const SOURCE_LICENCES: Readonly<Record<string, string>> = {
  coinmetrics: COIN_METRICS_COMMUNITY,
  'coinmetrics-flows': COIN_METRICS_COMMUNITY,
  'alternative-me': 'attribution of the Fear & Greed Index requested',
  binance: EXCHANGE_TERMS,
  bybit: EXCHANGE_TERMS,
  okx: EXCHANGE_TERMS,
  deribit: EXCHANGE_TERMS,
};

/** The licence or terms restricting `source`'s data, or null when none is on record. */
export function licenceOfSource(source: string): string | null {
  return Object.hasOwn(SOURCE_LICENCES, source) ? SOURCE_LICENCES[source]! : null;
}
