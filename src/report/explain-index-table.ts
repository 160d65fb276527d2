/** One date's ASI constituents for a terminal: each price with its date and a numbered source. */
import { formatReturn, formatUsd } from '../domain/units.ts';
import type { Constituent, ExplainIndexResult, SkippedCoin } from '../app/contracts/explain-index.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';
import { describeSettings, seasonCell } from './season-index-table.ts';

const price = (value: number) => (value >= 1000 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(4));

/** The CSV and JSON field order of a constituent. */
export const CONSTITUENT_FIELDS: readonly (keyof Constituent)[] = [
  'rank', 'symbol', 'assetId', 'name', 'marketCap', 'marketCapDate', 'marketCapSource', 'startMarketCap',
  'startPrice', 'startDate', 'startSource', 'endPrice', 'endDate', 'endSource', 'windowReturn', 'btcReturnSameDays', 'excessReturn', 'beatBtc',
];

function constituentColumns(sourceNumber: (source: string | null) => string): Column<Constituent>[] {
  return [
    { key: 'rank', align: 'right', value: (c) => c.rank },
    { key: 'symbol', value: (c) => c.symbol },
    { key: 'marketCap', header: 'market cap', align: 'right', value: (c) => c.marketCap, display: (c) => formatUsd(c.marketCap) },
    { key: 'start', header: 'start price', align: 'right', value: (c) => c.startPrice, display: (c) => `${price(c.startPrice)} @ ${c.startDate} ${sourceNumber(c.startSource)}` },
    { key: 'end', header: 'end price', align: 'right', value: (c) => c.endPrice, display: (c) => `${price(c.endPrice)} @ ${c.endDate} ${sourceNumber(c.endSource)}` },
    { key: 'windowReturn', header: 'return', align: 'right', value: (c) => c.windowReturn, display: (c) => formatReturn(c.windowReturn) },
    { key: 'btcReturnSameDays', header: 'BTC same days', align: 'right', value: (c) => c.btcReturnSameDays, display: (c) => formatReturn(c.btcReturnSameDays) },
    { key: 'excessReturn', header: 'vs BTC', align: 'right', value: (c) => c.excessReturn, display: (c) => formatReturn(c.excessReturn) },
    { key: 'beatBtc', header: 'beat', value: (c) => c.beatBtc, display: (c) => (c.beatBtc ? 'yes' : 'no') },
  ];
}

const SKIPPED_COLUMNS: Column<SkippedCoin>[] = [
  { key: 'rank', align: 'right', value: (s) => s.rank },
  { key: 'symbol', value: (s) => s.symbol },
  { key: 'assetId', header: 'id', value: (s) => s.assetId },
  { key: 'marketCap', header: 'market cap', align: 'right', value: (s) => s.marketCap, display: (s) => formatUsd(s.marketCap) },
  { key: 'reason', value: (s) => s.reason },
];

export function renderExplainIndexTable(e: ExplainIndexResult, color = false): string {
  const sources: string[] = [];
  const sourceNumber = (source: string | null) => {
    if (source === null) return '';
    if (!sources.includes(source)) sources.push(source);
    return `[${sources.indexOf(source) + 1}]`;
  };
  const asOf = (v: { value: number; date: string; source: string | null } | null) => (v === null ? '—' : `${price(v.value)} (${v.date}${v.source ? `, ${v.source}` : ''})`);
  const constituents = e.constituents.length ? renderTable(e.constituents, constituentColumns(sourceNumber)).trimEnd() : '  none';
  const minUniverse = Math.min(e.settings.minUniverse, e.settings.top);
  const lines = [
    `Altcoin Season Index on ${e.date}: ${e.index === null ? '— (undefined)' : e.index.toFixed(1)} (${seasonCell(e.season, color)}), ${e.beatCount} of ${e.universeSize} beat BTC over ${e.windowStart} → ${e.date}`,
    `  ${describeSettings(e.settings)}`,
    `  BTC: ${asOf(e.btc.startPrice)} → ${asOf(e.btc.endPrice)} = ${formatReturn(e.btc.windowReturn)}`,
    `  median excess return ${formatReturn(e.medianExcessReturn)}; cap-weighted basket minus BTC ${formatReturn(e.capWeightedExcessReturn)}`,
    '',
    `Constituents (${e.constituents.length}${e.constituents.length < e.settings.top ? ` of the top ${e.settings.top}: the coins below were skipped` : ''})`,
    constituents,
    `  sources: ${sources.map((source, i) => `[${i + 1}] ${source}`).join(', ') || '—'}`,
    '',
    `Skipped on the way down the ranking (${e.skipped.length})`,
    e.skipped.length ? renderTable(e.skipped, SKIPPED_COLUMNS).trimEnd() : '  none',
  ];
  if (e.index === null && e.universeSize < minUniverse) lines.push('', `The index is undefined: fewer than ${minUniverse} coins had prices at both ends of the window.`);
  return lines.join('\n') + '\n';
}
