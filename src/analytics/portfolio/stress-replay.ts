/**
 * Stress replays of named episodes (docs/risk.md): what today's holdings, at today's weights, would
 * have lost over each episode, from the stored closes at its first and last day (as-of: the last
 * close at or before each). P&L = Σᵢ wᵢ·(Pᵢ,end/Pᵢ,start − 1) over the holdings priced on both days;
 * coverage = Σ|wᵢ| of those holdings (the rest did not trade then, or were not stored) — stated,
 * never filled in. Prices staler than `staleDays` at a bound count as not covered.
 */
import { parseDay, type DayNumber } from '../../domain/dates.ts';
import type { Panel } from '../../domain/panel.ts';
import { priceAsOf } from './value-holdings.ts';

export interface StressEpisode {
  id: string;
  name: string;
  from: DayNumber;
  to: DayNumber;
}

export const STRESS_EPISODES: readonly StressEpisode[] = [
  { id: '2018-bear', name: '2018 bear market (2018-01 → 2018-12)', from: parseDay('2018-01-01'), to: parseDay('2018-12-31') },
  { id: '2021-05-crash', name: 'May 2021 crash', from: parseDay('2021-05-10'), to: parseDay('2021-05-23') },
  { id: '2022-05-luna', name: 'LUNA week (May 2022)', from: parseDay('2022-05-07'), to: parseDay('2022-05-14') },
  { id: '2022-11-ftx', name: 'FTX week (November 2022)', from: parseDay('2022-11-06'), to: parseDay('2022-11-13') },
];

export interface StressPosition {
  assetIndex: number;
  assetId: string;
  weight: number;
}

export interface StressAssetResult {
  assetId: string;
  weight: number;
  /** Pend/Pstart − 1, null when not covered. */
  episodeReturn: number | null;
}

export interface StressResult {
  episode: StressEpisode;
  /** Σ wᵢ·rᵢ over the covered holdings (negative = a loss), null when none is covered. */
  portfolioReturn: number | null;
  /** Σ|wᵢ| of the covered holdings. */
  coverage: number;
  /** The episode's end is after the panel's last day (the replay is cut short). */
  truncated: boolean;
  assets: StressAssetResult[];
}

export function stressReplay(panel: Panel, positions: readonly StressPosition[], episode: StressEpisode, options: { staleDays?: number } = {}): StressResult {
  const staleDays = options.staleDays ?? 7;
  let total = 0;
  let coverage = 0;
  let any = false;
  const assets = positions.map((p) => {
    const start = p.assetIndex < 0 ? null : priceAsOf(panel, p.assetIndex, episode.from);
    const end = p.assetIndex < 0 ? null : priceAsOf(panel, p.assetIndex, episode.to);
    const ok = start !== null && end !== null && episode.from - start.day <= staleDays && episode.to - end.day <= staleDays && end.day > start.day;
    const r = ok ? end.price / start.price - 1 : null;
    if (r !== null) {
      any = true;
      total += p.weight * r;
      coverage += Math.abs(p.weight);
    }
    return { assetId: p.assetId, weight: p.weight, episodeReturn: r };
  });
  return { episode, portfolioReturn: any ? total : null, coverage, truncated: panel.lastDay === null || panel.lastDay < episode.to, assets };
}
