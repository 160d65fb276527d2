/**
 * Every day's market-cap ranking for the context's store state (analytics/season/daily-rankings.ts):
 * read from where the context keeps derived results, else computed once on the full panel and
 * kept, so the index over a long range walks stored rankings instead of re-ranking every day.
 */
import type { Panel } from '../domain/panel.ts';
import { computeDailyRankings, rankingsServe, type DailyRankings } from '../analytics/season/daily-rankings.ts';
import type { ReadContext } from './read-context.ts';

const NAME = 'daily-rankings';
/** Bump when computeDailyRankings would give other rows for the same panel. */
const VERSION = 1;

interface RankingsMeta {
  version: number;
  stalenessDays: number;
  firstDay: number;
  assetIds: string[];
}

/**
 * Rankings that serve `panel` (the full panel or one cut at an earlier end) with this staleness,
 * or null when the context keeps no derived results. Call inside the use case's snapshot.
 */
export async function dailyRankingsFor(context: ReadContext, panel: Panel, stalenessDays: number): Promise<DailyRankings | null> {
  const derived = context.derived;
  if (!derived || panel.lastDay === null) return null;
  const kept = await derived.read(NAME);
  if (kept) {
    const meta = kept.meta as Partial<RankingsMeta>;
    const [offsets, order] = kept.arrays;
    if (meta.version === VERSION && meta.stalenessDays === stalenessDays && typeof meta.firstDay === 'number' && Array.isArray(meta.assetIds) && offsets && order && offsets.length > 0 && offsets[offsets.length - 1] === order.length) {
      const rankings: DailyRankings = { assetIds: meta.assetIds, stalenessDays, firstDay: meta.firstDay, offsets, order };
      if (rankingsServe(rankings, panel, stalenessDays)) return rankings;
    }
  }
  const rankings = computeDailyRankings(await context.panel(), stalenessDays);
  const meta: RankingsMeta = { version: VERSION, stalenessDays, firstDay: rankings.firstDay, assetIds: [...rankings.assetIds] };
  await derived.write(NAME, { meta: { ...meta }, arrays: [rankings.offsets, rankings.order] });
  return rankingsServe(rankings, panel, stalenessDays) ? rankings : null;
}
