/**
 * Writes a simulated market into a store in one batch (all of it or none), then marks the store
 * as simulated so every command that shows its data can say so. Refuses a store that holds real
 * (non-simulated) data, and a store that holds a different simulation: mixing either would make
 * the data neither real nor a known ground truth.
 */
import type { DayNumber } from '../domain/dates.ts';
import { InvalidInputError } from '../domain/errors.ts';
import type { AssetRecord, EquityBarRecord, ObservationRecord } from '../domain/records.ts';
import type { Store, WriteResult } from '../data/store/store.ts';
import type { SimulatedAsset, SimulatedMarket, SimulationGroundTruth } from './simulate-market.ts';

export const SIMULATED_SOURCE = 'simulated';
export const SIMULATED_SETTING = 'simulated';
export const GROUND_TRUTH_SETTING = 'simulation_ground_truth';

/** Said on every page and in every output that shows simulated data. */
export const SIMULATED_NOTICE =
  'SIMULATED DATA — this is a simulated market, not real prices. Load real data with `altseason sync` (live providers) or `altseason import FILE…` (CSV).';

/** True when the store is marked as holding a simulated market. */
export async function isSimulatedStore(store: Store): Promise<boolean> {
  return (await store.getSetting(SIMULATED_SETTING)) === 'true';
}

/** The ground truth stored with a simulated market, or null for a real store. */
export async function readGroundTruth(store: Store): Promise<SimulationGroundTruth | null> {
  const text = await store.getSetting(GROUND_TRUTH_SETTING);
  return text ? (JSON.parse(text) as SimulationGroundTruth) : null;
}

/**
 * Whether two ground truths come from the same simulate options (every option that changes the
 * market: the generator, seed, span, alts, the planted link and the planted rotation; an older
 * ground truth without the rotation field planted none).
 */
export function sameSimulation(a: SimulationGroundTruth, b: SimulationGroundTruth): boolean {
  const rotation = (truth: SimulationGroundTruth) => (truth.plantedRotation ? [truth.plantedRotation.lagDays, truth.plantedRotation.effect] : null);
  const key = (truth: SimulationGroundTruth) => JSON.stringify([truth.generator, truth.seed, truth.years, truth.assets, truth.leadDays, truth.effect, truth.startDate, rotation(truth)]);
  return key(a) === key(b);
}

function observationsOf(asset: SimulatedAsset, days: Int32Array): ObservationRecord[] {
  const rows: ObservationRecord[] = [];
  for (let t = asset.firstIndex; t <= asset.lastIndex; t++) {
    rows.push({
      assetId: asset.id,
      day: days[t]! as DayNumber,
      source: SIMULATED_SOURCE,
      symbol: asset.symbol,
      price: asset.prices[t]!,
      marketCap: asset.marketCaps[t]!,
      volume: asset.volumes[t]!,
      rank: asset.ranks[t]! > 0 ? asset.ranks[t]! : null,
    });
  }
  return rows;
}

export async function writeSimulatedMarket(store: Store, market: SimulatedMarket): Promise<WriteResult> {
  const loads = await store.listLoads();
  const realSources = [...new Set(loads.filter((load) => load.source !== SIMULATED_SOURCE).map((load) => load.source))];
  if (realSources.length > 0) {
    throw new InvalidInputError(
      `the store at ${store.location} holds real data (sources: ${realSources.join(', ')}); simulated data must not mix with it. Write the simulation to a new file with --db`,
    );
  }
  const existing = await readGroundTruth(store);
  if (loads.length > 0 && (existing === null || !sameSimulation(existing, market.groundTruth))) {
    const described = existing ? `seed ${existing.seed}, ${existing.years} years, ${existing.assets} alts, lead ${existing.leadDays} days, effect ${existing.effect}${existing.plantedRotation ? `, rotation lag ${existing.plantedRotation.lagDays} days effect ${existing.plantedRotation.effect}` : ''}` : 'unknown parameters';
    throw new InvalidInputError(`the store at ${store.location} already holds a different simulated market (${described}); write this one to a new file with --db`);
  }
  const assets: AssetRecord[] = [market.bitcoin, ...market.alts].map(({ id, symbol, name }) => ({ id, symbol, name }));
  const observations = [market.bitcoin, ...market.alts].flatMap((asset) => observationsOf(asset, market.days));
  const equityBars: EquityBarRecord[] = market.equities.flatMap((equity) =>
    Array.from(equity.days, (day, i) => ({ symbol: equity.symbol, day: day as DayNumber, source: SIMULATED_SOURCE, open: null, high: null, low: null, close: equity.closes[i]!, volume: null })),
  );
  const truth = market.groundTruth;
  const result = await store.write({
    load: { source: SIMULATED_SOURCE, origin: `simulateMarket seed=${truth.seed} years=${truth.years} assets=${truth.assets} leadDays=${truth.leadDays} effect=${truth.effect}` },
    assets,
    observations,
    equityBars,
    // The marker is written in the same transaction as the rows: a store is never half simulated.
    settings: { [SIMULATED_SETTING]: 'true', [GROUND_TRUTH_SETTING]: JSON.stringify(truth) },
  });
  return result;
}
