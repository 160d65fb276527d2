/**
 * The default weights of the readiness score — a plain object, read it as a table. A weight is
 * relative (the composite divides by the sum of the weights of the components present on the day),
 * so 2 counts twice as much as 1 and 0 leaves a component out. They are a judgement, not a fit:
 * the season index and dominance carry most of it because they define an altcoin season most
 * directly; equities, rotation and the confirmation signals add smaller votes. `altseason readiness
 * --evaluate` shows how well this set (and each component alone) has predicted seasons.
 * To change them, write a JSON file of the same shape and pass `--weights FILE` (docs/readiness.md).
 */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  'asi-level': 2,
  'asi-change-30d': 2,
  'btc-dominance-band': 1,
  'btc-dominance-level': 1,
  'btc-dominance-trend': 2,
  'total2-vs-btc-90d': 2,
  'eth-btc-trend': 2,
  'rut-record-distance': 1,
  'rut-days-since-breakout': 1,
  'rotation-phase': 1,
  'alt-volume-trend': 1,
  'btc-volatility-contraction': 0.5,
  'btc-funding': 0.5,
  'btc-open-interest': 0.5,
  'btc-skew': 0.5,
  'btc-on-chain-activity': 0.5,
  'fear-greed': 0.5,
});
