/** `altseason portfolio show|import|plan check` for a terminal, and their CSV fields. */
import type { PlanCheckResult, PlanFiringRow, PortfolioHolding, PortfolioImportResult, PortfolioResult } from '../app/contracts/portfolio.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const usd = (v: string | null) => (v === null ? '—' : `$${v}`);

export const PORTFOLIO_HOLDING_FIELDS: readonly (keyof PortfolioHolding)[] = [
  'id', 'symbol', 'name', 'quantity', 'priceUsd', 'priceDate', 'priceStale', 'valueUsd', 'weight', 'costUsd', 'unrealisedPnlUsd', 'unrealisedReturn', 'sector', 'tier', 'acquired',
];

const HOLDING_COLUMNS: Column<PortfolioHolding>[] = [
  { key: 'symbol', value: (h) => h.symbol ?? h.id },
  { key: 'quantity', align: 'right', value: (h) => h.quantity },
  { key: 'priceUsd', header: 'price', align: 'right', value: (h) => h.priceUsd, display: (h) => (h.priceUsd === null ? '—' : String(h.priceUsd)) },
  { key: 'priceDate', header: 'as of', value: (h) => h.priceDate, display: (h) => `${h.priceDate ?? 'no price'}${h.priceStale ? ' (stale)' : ''}` },
  { key: 'valueUsd', header: 'value', align: 'right', value: (h) => h.valueUsd, display: (h) => usd(h.valueUsd) },
  { key: 'weight', align: 'right', value: (h) => h.weight, display: (h) => pct(h.weight) },
  { key: 'costUsd', header: 'cost', align: 'right', value: (h) => h.costUsd, display: (h) => usd(h.costUsd) },
  { key: 'unrealisedPnlUsd', header: 'unrealised P&L', align: 'right', value: (h) => h.unrealisedPnlUsd, display: (h) => `${usd(h.unrealisedPnlUsd)} ${h.unrealisedReturn === null ? '' : `(${pct(h.unrealisedReturn)})`}`.trim() },
  { key: 'sector', value: (h) => h.sector },
  { key: 'tier', value: (h) => h.tier },
];

export function renderPortfolioTable(r: PortfolioResult): string {
  const lines = [`Portfolio as of ${r.asOf}: ${usd(r.totalValueUsd)}${r.unrealisedPnlUsd === null ? '' : `, unrealised P&L ${usd(r.unrealisedPnlUsd)} on cost ${usd(r.totalCostUsd)}`}`];
  if (r.imported) lines.push(`  imported from ${r.imported.origin} (${r.imported.format}) at ${r.imported.importedAt}`);
  lines.push('', renderTable(r.holdings, HOLDING_COLUMNS).trimEnd());
  if (r.unpriced.length > 0) lines.push('', `No stored price at or before ${r.asOf} (left out of the total and weights): ${r.unpriced.join(', ')}`);
  lines.push('', 'Values are quantity × the last stored close at or before the day, in exact decimals; the data stay in the local store.');
  return `${lines.join('\n')}\n`;
}

export function renderPortfolioImportTable(r: PortfolioImportResult): string {
  return `Imported ${r.file} (${r.format}): ${r.holdings} holdings${r.trades > 0 ? ` from ${r.trades} trades` : ''}; it replaces the ${r.replacedHoldings} holdings stored before.\n`;
}

export const PLAN_FIRING_FIELDS: readonly (keyof PlanFiringRow)[] = ['date', 'ruleId', 'id', 'symbol', 'trigger', 'value', 'limit', 'priceUsd', 'quantity', 'proceedsUsd', 'firesToday'];

const FIRING_COLUMNS: Column<PlanFiringRow>[] = [
  { key: 'date', value: (f) => f.date },
  { key: 'ruleId', header: 'rule', value: (f) => f.ruleId },
  { key: 'symbol', value: (f) => f.symbol ?? f.id },
  { key: 'trigger', value: (f) => f.trigger },
  { key: 'value', align: 'right', value: (f) => f.value, display: (f) => `${Number(f.value.toPrecision(6))} vs ${Number(f.limit.toPrecision(6))}` },
  { key: 'quantity', header: 'sell', align: 'right', value: (f) => f.quantity },
  { key: 'priceUsd', header: 'at', align: 'right', value: (f) => f.priceUsd, display: (f) => String(f.priceUsd) },
  { key: 'proceedsUsd', header: 'proceeds', align: 'right', value: (f) => f.proceedsUsd, display: (f) => `$${f.proceedsUsd}` },
  { key: 'firesToday', header: 'now', value: (f) => f.firesToday, display: (f) => (f.firesToday ? 'ORDER' : 'earlier') },
];

export function renderPlanCheckTable(r: PlanCheckResult): string {
  const today = r.firings.filter((f) => f.firesToday);
  const lines =
    r.simulatedEntry === null
      ? [`Plan ${r.plan} checked at ${r.asOf}: ${today.length} rule${today.length === 1 ? '' : 's'} fire${today.length === 1 ? 's' : ''} today, ${r.firings.length - today.length} fired earlier`]
      : [`Plan ${r.plan} simulated: the stored holdings bought at the close of ${r.simulatedEntry}, replayed to ${r.asOf}: ${r.firings.length} firing${r.firings.length === 1 ? '' : 's'}`];
  lines.push('', r.firings.length === 0 ? 'No rule has fired.' : renderTable(r.firings, FIRING_COLUMNS).trimEnd());
  for (const s of r.skipped) lines.push(`  skipped ${s.ruleId} for ${s.id}: ${s.reason}`);
  if (r.replay) lines.push('', `Replay to ${r.asOf}: plan $${r.replay.planValueUsd} (proceeds + what is left) vs holding $${r.replay.holdValueUsd}: ${r.replay.differenceUsd.startsWith('-') ? `−$${r.replay.differenceUsd.slice(1)}` : `+$${r.replay.differenceUsd}`}`);
  lines.push(`Series read up to ${r.asOf} only: ${r.series.join('; ')}.`);
  return `${lines.join('\n')}\n`;
}
