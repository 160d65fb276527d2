/**
 * Settings shared by the forward-window tests that compare events with placebo dates (event study,
 * hit rate), with their defaults resolved and the horizon checked in one place.
 */
import { InvalidInputError } from '../../domain/errors.ts';

export interface PlaceboOptions {
  /** Forward window, in days. */
  horizon: number;
  seed: number;
  /** Placebo sets; default 2000. */
  replicates?: number;
  /** Default 0.95. */
  confidence?: number;
  /** Events closer than this many days move together in placebos; default the horizon. */
  clusterGap?: number;
}

export function resolvePlaceboOptions(testName: string, options: PlaceboOptions): Required<PlaceboOptions> {
  const { horizon, seed } = options;
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new InvalidInputError(`${testName}: horizon must be a whole number of days ≥ 1, got ${horizon}`);
  return { horizon, seed, replicates: options.replicates ?? 2000, confidence: options.confidence ?? 0.95, clusterGap: options.clusterGap ?? horizon };
}
