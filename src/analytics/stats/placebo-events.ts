/**
 * Placebo event dates for event studies and hit rates: random dates, as many as the real events,
 * that keep the events' clustering. Real events (Russell 2000 breakouts) come in clusters, and
 * their forward windows overlap; placebos drawn one date at a time would be spread out and give a
 * null distribution that is too narrow. Here the events are grouped into clusters (consecutive
 * events closer than `clusterGap`), and each cluster is moved as a block, its internal spacing
 * kept, to a uniformly random position among the eligible positions. The target series is never
 * resampled, so its own autocorrelation is kept exactly.
 */
import type { SeededRandom } from './seeded-random.ts';

/**
 * `eligible`: ascending positions where an event could sit (e.g. days with a complete forward
 * window); `events`: the real events as indices into `eligible`, ascending. Returns placebo
 * events as indices into `eligible`, the same count; positions wrap around the end.
 */
export function drawPlaceboEvents(eligibleCount: number, events: ArrayLike<number>, clusterGap: number, random: SeededRandom): Int32Array {
  const out = new Int32Array(events.length);
  let i = 0;
  while (i < events.length) {
    let j = i + 1;
    while (j < events.length && events[j]! - events[j - 1]! < clusterGap) j++;
    const start = random.integer(eligibleCount);
    for (let k = i; k < j; k++) out[k] = (start + events[k]! - events[i]!) % eligibleCount;
    i = j;
  }
  return out;
}
