/**
 * Settings of the sector-rotation analytics (docs/rotation.md states every rule). Size tiers are
 * ranges of ALT ranks: the position among the assets the Altcoin Season Index may count (BTC,
 * stablecoins, wrapped, staked and commodity-backed tokens left out, index-exclusions.ts) in the
 * point-in-time market-cap ranking, ETH included in the count. ETH is its own tier.
 */
import { InvalidInputError } from '../../domain/errors.ts';

export type RotationWeighting = 'cap' | 'equal';
export const ROTATION_WEIGHTINGS: readonly RotationWeighting[] = ['cap', 'equal'];

export interface RotationOptions {
  /** Last alt rank of the large caps (alt ranks 1 … largeTo, ETH left out: it is its own tier). Default 10. */
  largeTo: number;
  /** Last alt rank of the mid caps (largeTo + 1 … midTo). Default 50. */
  midTo: number;
  /** Last alt rank of the small caps (midTo + 1 … smallTo) and of the sector universe. Default 100. */
  smallTo: number;
  /** How old an as-of price or cap may be, in days (weekly snapshots need 6 or more). Default 7. */
  stalenessDays: number;
  /** Extra tickers to leave out (as --exclude does for the index). */
  excludeSymbols: readonly string[];
  benchmarkAssetId: string;
  ethAssetId: string;
  /** Windows of the breadth figures (share of members beating BTC), in days. Default 30 and 90. */
  breadthWindows: readonly number[];
}

export const DEFAULT_ROTATION_OPTIONS: Readonly<RotationOptions> = Object.freeze({
  largeTo: 10,
  midTo: 50,
  smallTo: 100,
  stalenessDays: 7,
  excludeSymbols: [],
  benchmarkAssetId: 'bitcoin',
  ethAssetId: 'ethereum',
  breadthWindows: [30, 90],
});

const wholeAtLeast = (name: string, value: number, min: number) => {
  if (!Number.isInteger(value) || value < min) throw new InvalidInputError(`${name}: expected a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
};

export function resolveRotationOptions(partial: Partial<RotationOptions> = {}): RotationOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<RotationOptions>;
  const o: RotationOptions = { ...DEFAULT_ROTATION_OPTIONS, ...defined };
  wholeAtLeast('large caps to', o.largeTo, 2);
  wholeAtLeast('mid caps to', o.midTo, o.largeTo + 1);
  wholeAtLeast('small caps to', o.smallTo, o.midTo + 1);
  wholeAtLeast('staleness', o.stalenessDays, 0);
  if (o.breadthWindows.length === 0) throw new InvalidInputError('breadth windows: expected at least one window');
  for (const w of o.breadthWindows) wholeAtLeast('breadth window', w, 1);
  return o;
}

/** The tiers, in the order the thesis says capital rotates through them. */
export const TIER_IDS = ['btc', 'eth', 'large', 'mid', 'small'] as const;
export type TierId = (typeof TIER_IDS)[number];

export function tierLabel(tier: TierId, o: Pick<RotationOptions, 'largeTo' | 'midTo' | 'smallTo'>): string {
  switch (tier) {
    case 'btc':
      return 'BTC';
    case 'eth':
      return 'ETH';
    case 'large':
      return `large caps (alt ranks 2–${o.largeTo})`;
    case 'mid':
      return `mid caps (${o.largeTo + 1}–${o.midTo})`;
    case 'small':
      return `small caps (${o.midTo + 1}–${o.smallTo})`;
  }
}

/** The tier of an alt rank (1-based, ETH counted), or null beyond the small caps. ETH itself is 'eth'. */
export function tierOfAltRank(altRank: number, isEth: boolean, o: Pick<RotationOptions, 'largeTo' | 'midTo' | 'smallTo'>): TierId | null {
  if (isEth) return 'eth';
  if (altRank <= o.largeTo) return 'large';
  if (altRank <= o.midTo) return 'mid';
  if (altRank <= o.smallTo) return 'small';
  return null;
}
