/**
 * Cuts a day range out of a full cached panel so that the result is exactly what loading that range
 * from the store builds: each asset spans its first to last OBSERVED day within the range (an
 * observation without a usable value still counts, as it does for a load), assets without an
 * observation in the range are left out, and the source list holds only the sources observed in
 * the range, so the cells' source indices are renumbered when it is shorter.
 * Columns are views into the full panel's (no copy) unless the indices must be renumbered.
 */
import type { DayNumber } from '../../domain/dates.ts';
import { NO_SOURCE, type Panel, type PanelAsset } from '../../domain/panel.ts';
import type { DayRange } from '../store/store.ts';
import type { CachedPanel } from './panel-cache.ts';

export function sliceCachedPanel(cached: CachedPanel, range: DayRange): Panel {
  const { panel, observedSources } = cached;
  if (range.from === undefined && range.to === undefined) return panel;
  const from = range.from ?? Number.NEGATIVE_INFINITY;
  const to = range.to ?? Number.POSITIVE_INFINITY;

  const spans: { asset: number; start: number; end: number }[] = [];
  let seen = 0;
  panel.assets.forEach((asset, a) => {
    const length = asset.price.length;
    const low = Math.max(0, from - asset.firstDay);
    const high = Math.min(length - 1, to - asset.firstDay);
    if (low === 0 && high === length - 1) {
      // The range covers the whole asset (the usual case for a long range): nothing to scan.
      seen |= observedSources[a]!;
      spans.push({ asset: a, start: 0, end: length });
      return;
    }
    if (low > high) return;
    // Only a cut asset needs its masks (a cached panel reads them when first asked).
    const mask = cached.observed[a]!;
    let start = low;
    while (start <= high && mask[start] === 0) start++;
    if (start > high) return;
    let end = high;
    while (mask[end] === 0) end--;
    for (let i = start; i <= end; i++) seen |= mask[i]!;
    spans.push({ asset: a, start, end: end + 1 });
  });

  const sources: string[] = [];
  const renumber = new Uint16Array(panel.sources.length);
  panel.sources.forEach((source, i) => {
    if ((seen >>> i) & 1) {
      renumber[i] = sources.length;
      sources.push(source);
    } else renumber[i] = NO_SOURCE;
  });
  const unchanged = sources.length === panel.sources.length;
  const column = (values: Uint16Array, start: number, end: number) => {
    const part = values.subarray(start, end);
    if (unchanged) return part;
    const out = new Uint16Array(part.length);
    for (let i = 0; i < part.length; i++) out[i] = part[i] === NO_SOURCE ? NO_SOURCE : renumber[part[i]!]!;
    return out;
  };

  let first = Infinity;
  let last = -Infinity;
  const assets = spans.map(({ asset: a, start, end }): PanelAsset => {
    const asset = panel.assets[a]!;
    if (unchanged && start === 0 && end === asset.price.length) {
      if (asset.firstDay < first) first = asset.firstDay;
      if (asset.firstDay + end - 1 > last) last = asset.firstDay + end - 1;
      return asset;
    }
    const firstDay = asset.firstDay + start;
    if (firstDay < first) first = firstDay;
    if (asset.firstDay + end - 1 > last) last = asset.firstDay + end - 1;
    return {
      ...asset,
      firstDay: firstDay as DayNumber,
      price: asset.price.subarray(start, end),
      marketCap: asset.marketCap.subarray(start, end),
      volume: asset.volume.subarray(start, end),
      priceSource: column(asset.priceSource, start, end),
      marketCapSource: column(asset.marketCapSource, start, end),
      volumeSource: column(asset.volumeSource, start, end),
    };
  });
  return {
    assets,
    sources,
    firstDay: assets.length ? (first as DayNumber) : null,
    lastDay: assets.length ? (last as DayNumber) : null,
  };
}
