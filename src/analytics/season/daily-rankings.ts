/**
 * The market-cap ranking of every day of a panel, computed once and kept (the CLI keeps it beside
 * the persisted panel until the next load): the full-history index then walks stored rankings
 * instead of re-ranking 4,475 days in every process, its largest cost (in a short-lived process the
 * ranker's code never warms up). The whole ranking is kept, not a head: a walk can go deep (in
 * 2018 many ranked coins lack a price at the window start), and all days together hold only
 * ~460,000 places on the shared data (1.8 MB).
 *
 * A ranking is a function of the caps at or before its day (point in time), so rankings computed
 * on the full panel serve any panel cut from it at an earlier end: rows hold indices into the
 * computed panel's asset ids, mapped to the asking panel's indices. Same answers as the live
 * ranker (tested).
 */
import type { Panel } from '../../domain/panel.ts';
import { MarketCapRanker, type MarketCapRanking } from './market-cap-ranker.ts';

export interface DailyRankings {
  /** The asset ids of the panel the rankings were computed on (rows index them). */
  readonly assetIds: readonly string[];
  readonly stalenessDays: number;
  /** Day of row 0; rows cover firstDay … firstDay + offsets.length − 2. */
  readonly firstDay: number;
  /** Row d is order[offsets[d] … offsets[d + 1]): asset indices, largest as-of cap first. */
  readonly offsets: Int32Array;
  readonly order: Int32Array;
}

export function lastDayOfRankings(rankings: DailyRankings): number {
  return rankings.firstDay + rankings.offsets.length - 2;
}

/** Ranks every day of the panel in full. */
export function computeDailyRankings(panel: Panel, stalenessDays: number): DailyRankings {
  const assetIds = panel.assets.map((a) => a.id);
  if (panel.firstDay === null || panel.lastDay === null) {
    return { assetIds, stalenessDays, firstDay: 0, offsets: new Int32Array(1), order: new Int32Array(0) };
  }
  const days = panel.lastDay - panel.firstDay + 1;
  const offsets = new Int32Array(days + 1);
  const ranker = new MarketCapRanker(panel, stalenessDays);
  const rows: Int32Array[] = [];
  let total = 0;
  for (let d = 0; d < days; d++) {
    const ranking = ranker.rank(panel.firstDay + d);
    ranking.ensureRanked(ranking.count);
    rows.push(ranking.order.slice(0, ranking.count));
    total += ranking.count;
    offsets[d + 1] = total;
  }
  const order = new Int32Array(total);
  rows.forEach((row, d) => order.set(row, offsets[d]!));
  return { assetIds, stalenessDays, firstDay: panel.firstDay, offsets, order };
}

/**
 * Can these rankings rank `panel` (the panel they were computed on, or one cut from it at an
 * earlier end) with this staleness? A panel cut at a later start would have dropped coins whose
 * last caps, just before it, still rank them, so it needs the live ranker, as do other settings.
 */
export function rankingsServe(rankings: DailyRankings, panel: Panel, stalenessDays: number): boolean {
  if (rankings.stalenessDays !== stalenessDays || panel.lastDay === null || panel.firstDay === null) return false;
  return panel.firstDay === rankings.firstDay && panel.lastDay <= lastDayOfRankings(rankings);
}

/** A MarketCapRanking read from stored daily rankings (remapped to the panel's asset indices). */
export class StoredRanking implements MarketCapRanking {
  /** The day's row: a view of the stored order when the panel is the one ranked, else remapped into an owned buffer. */
  order: Int32Array;
  day = Number.NaN;
  count = 0;
  ranked = 0;
  /** Stored asset index → this panel's index; null when they are the same (the panel ranked). */
  private readonly toPanel: Int32Array | null;
  private readonly buffer: Int32Array;

  constructor(
    panel: Panel,
    private readonly rankings: DailyRankings,
  ) {
    this.buffer = this.order = new Int32Array(Math.max(panel.assets.length, 1));
    const indexOf = new Map(panel.assets.map((a, i) => [a.id, i]));
    // A coin ranked on a day the panel covers has a cap by then, so it is in the panel.
    const toPanel = Int32Array.from(rankings.assetIds, (id) => indexOf.get(id) ?? -1);
    this.toPanel = toPanel.length === panel.assets.length && toPanel.every((p, i) => p === i) ? null : toPanel;
  }

  rank(day: number): MarketCapRanking {
    const { rankings, toPanel } = this;
    const row = day - rankings.firstDay;
    this.day = day;
    if (row < 0 || row >= rankings.offsets.length - 1) {
      // Before the first cap: nothing ranked (rankingsServe keeps later days out).
      this.count = this.ranked = 0;
      return this;
    }
    const start = rankings.offsets[row]!;
    const count = rankings.offsets[row + 1]! - start;
    if (toPanel === null) this.order = rankings.order.subarray(start, start + count);
    else {
      const order = (this.order = this.buffer);
      for (let k = 0; k < count; k++) order[k] = toPanel[rankings.order[start + k]!]!;
    }
    this.count = this.ranked = count;
    return this;
  }

  ensureRanked(): void {
    // Every place is ranked.
  }
}
