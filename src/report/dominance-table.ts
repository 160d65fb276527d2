/** Market structure for a terminal: latest figures, BTC.D definitions, trend, growth, crossings, month ends. */
import { formatPercent, formatPoints, formatUsd } from '../domain/units.ts';
import type { DominanceDay, DominanceResult, LatestFigureRow } from '../app/contracts/dominance.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';

const formatValue = (metric: string, value: number | null) =>
  value === null ? '—' : metric.endsWith('_pct') ? formatPercent(value, 2) : metric === 'asset_count' ? String(value) : formatUsd(value);

const LATEST_COLUMNS: Column<LatestFigureRow>[] = [
  { key: 'label', header: 'figure', value: (f) => f.label },
  { key: 'value', align: 'right', value: (f) => f.value, display: (f) => formatValue(f.metric, f.value) },
  { key: 'date', header: 'as of', value: (f) => f.date },
  { key: 'universe', value: (f) => f.universe },
  { key: 'source', value: (f) => f.source },
];

/** The CSV field order of a day (`--format csv`). */
export const DOMINANCE_DAY_FIELDS: readonly (keyof DominanceDay)[] = [
  'date', 'btcDominancePct', 'ethDominancePct', 'stablecoinDominancePct', 'totalUsd', 'total2Usd', 'total3Usd', 'othersUsd', 'btcMarketCapUsd', 'assetCount', 'providerBtcDominancePct',
];

function monthEnds(days: readonly DominanceDay[]): DominanceDay[] {
  return days.filter((d, i) => i === days.length - 1 || d.date.slice(0, 7) !== days[i + 1]!.date.slice(0, 7));
}

function historyColumns(providerLabel: string | null): Column<DominanceDay>[] {
  const columns: Column<DominanceDay>[] = [
    { key: 'date', header: 'month end', value: (d) => d.date },
    { key: 'assetCount', header: 'n', align: 'right', value: (d) => d.assetCount },
    { key: 'btcDominancePct', header: 'BTC.D', align: 'right', value: (d) => d.btcDominancePct, display: (d) => formatPercent(d.btcDominancePct, 2) },
    { key: 'ethDominancePct', header: 'ETH.D', align: 'right', value: (d) => d.ethDominancePct, display: (d) => formatPercent(d.ethDominancePct, 2) },
    { key: 'stablecoinDominancePct', header: 'stablecoin.D', align: 'right', value: (d) => d.stablecoinDominancePct, display: (d) => formatPercent(d.stablecoinDominancePct, 2) },
    { key: 'totalUsd', header: 'TOTAL', align: 'right', value: (d) => d.totalUsd, display: (d) => formatUsd(d.totalUsd) },
    { key: 'total2Usd', header: 'TOTAL2', align: 'right', value: (d) => d.total2Usd, display: (d) => formatUsd(d.total2Usd) },
    { key: 'total3Usd', header: 'TOTAL3', align: 'right', value: (d) => d.total3Usd, display: (d) => formatUsd(d.total3Usd) },
    { key: 'othersUsd', header: 'OTHERS', align: 'right', value: (d) => d.othersUsd, display: (d) => formatUsd(d.othersUsd) },
  ];
  if (providerLabel) columns.push({ key: 'providerBtcDominancePct', header: `BTC.D ${providerLabel}`, align: 'right', value: (d) => d.providerBtcDominancePct, display: (d) => formatPercent(d.providerBtcDominancePct, 2) });
  return columns;
}

const CROSSINGS_SHOWN = 20;

export function renderDominanceTable(r: DominanceResult): string {
  const lines: string[] = [];
  const sources = Object.entries(r.storedUniverseAssetDaysBySource).sort(([, a], [, b]) => b - a).map(([s, n]) => `${s} ${n}`).join(', ');
  lines.push(`Market structure as of ${r.asOf}`);
  lines.push(`  stored universe: ${r.universe}; caps at most 7 days old; asset-days by source: ${sources || 'none'}`);
  if (!r.includeWrapped) lines.push('  wrapped and staked tokens (WBTC, stETH, …) are left out of the totals: they count BTC and ETH twice (--include-wrapped counts them)');
  lines.push('');
  lines.push(renderTable(r.latest.filter((f) => f.value !== null && f.metric !== 'btc_market_cap_usd' && f.metric !== 'eth_market_cap_usd'), LATEST_COLUMNS).trimEnd());
  if (r.btcDominanceGaps.length > 0) {
    lines.push('', 'BTC.D by definition (they differ because the universes differ):');
    for (const g of r.btcDominanceGaps) lines.push(`  ${g.a.universe} ${formatPercent(g.a.value, 2)} vs ${g.b.universe} ${formatPercent(g.b.value, 2)}: ${formatPoints(g.differencePts, 2)}`);
  }
  lines.push('', 'BTC.D trend (50-day average, slope over 20 days):');
  for (const t of r.btcDominanceTrends) {
    lines.push(
      t.movingAverage === null
        ? `  ${t.universe}: no 50-day trend as of ${r.asOf} (needs 50 daily values, the last within 7 days)`
        : `  ${t.universe}: ${formatPercent(t.value, 2)} ${t.aboveAverage ? 'above' : 'below'} its 50-day average ${formatPercent(t.movingAverage, 2)}, which is ${t.direction ?? 'unknown'}${t.averageChangePts === null ? '' : ` (${formatPoints(t.averageChangePts, 2)} in ${t.slopeLookbackDays} days)`}`,
    );
  }
  if (r.total2VsBtc.length > 0) {
    lines.push('', 'TOTAL2 (ex BTC) vs BTC market cap:');
    for (const g of r.total2VsBtc) {
      const text = g.total2Faster === null ? 'not enough data' : `TOTAL2 ${formatPercent(g.total2GrowthPct, 1, true)} vs BTC ${formatPercent(g.btcGrowthPct, 1, true)} (${formatPoints(g.differencePts)}): alts ${g.total2Faster ? 'outgrowing' : 'lagging'} BTC`;
      lines.push(`  ${String(g.windowDays).padStart(2)} days, ${g.universe}: ${text}`);
    }
  }
  lines.push('', `BTC.D crossings of ${r.crossingThresholds.join('% and ')}% (${r.crossings.length}; a crossing back counts only after moving past the level by the hysteresis margin, docs/market-structure.md):`);
  if (r.crossings.length > CROSSINGS_SHOWN) lines.push(`  (the last ${CROSSINGS_SHOWN}; --format json or a narrower --from lists all)`);
  if (r.crossings.length === 0) lines.push('  none in this range');
  for (const c of r.crossings.slice(-CROSSINGS_SHOWN)) lines.push(`  ${c.date}  ${c.direction === 'below' ? 'fell below' : 'rose above'} ${c.threshold}%  (${c.previousValue.toFixed(2)} → ${c.value.toFixed(2)})  ${c.universe}`);
  lines.push('', `History (month ends; stored universe${r.providerSeriesLabel ? `, plus BTC.D ${r.providerSeriesLabel}` : ''}):`);
  lines.push(renderTable(monthEnds(r.days), historyColumns(r.providerSeriesLabel)).trimEnd());
  return lines.join('\n') + '\n';
}
