/** `altseason plan sweep` for a terminal: the verdict, DSR and PBO over the variants, then one row per variant. */
import type { PlanSweepResult, PlanSweepVariant } from '../app/contracts/plan-sweep.ts';
import { formatPercent, formatReturn } from '../domain/units.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';

export const PLAN_SWEEP_FIELDS: readonly (keyof PlanSweepVariant)[] = ['gainScale', 'sellScale', 'sharpe', 'totalReturn', 'maxDrawdown', 'firings'];

const share = (v: number | null) => (v === null ? '—' : formatPercent(v * 100, 1));
const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2).replace(/^-/, '−'));

export function renderPlanSweepTable(r: PlanSweepResult): string {
  const h = r.honesty;
  const columns: Column<PlanSweepVariant & { best: boolean }>[] = [
    { key: 'gainScale', header: 'targets ×', align: 'right', value: (v) => v.gainScale },
    { key: 'sellScale', header: 'sold ×', align: 'right', value: (v) => v.sellScale },
    { key: 'sharpe', header: 'Sharpe', align: 'right', value: (v) => v.sharpe, display: (v) => ratio(v.sharpe) },
    { key: 'totalReturn', header: 'total return', align: 'right', value: (v) => v.totalReturn, display: (v) => formatReturn(v.totalReturn) },
    { key: 'maxDrawdown', header: 'max drawdown', align: 'right', value: (v) => v.maxDrawdown, display: (v) => share(v.maxDrawdown) },
    { key: 'firings', align: 'right', value: (v) => v.firings },
    { key: 'best', header: '', value: (v) => (v.best ? '← best' : '') },
  ];
  const lines = [
    `${r.simulated ? 'SIMULATED market (demo data)\n' : ''}plan ${r.plan}: ${r.variants.length} ladder variants (price targets × g, shares sold × s), the stored book bought at the close of ${r.from}, replayed to ${r.to} (${r.days} days) through the backtest engine (fees ${r.costs.feesBps} bps, slippage ${r.costs.slippageBps} bps)`,
    '',
    h.verdict,
    `  deflated Sharpe ${share(h.deflatedSharpe)} after ${h.trials} variants (effective ${h.effectiveTrials ?? '—'}; luck alone would give Sharpe ${ratio(h.expectedMaxSharpe)}); PBO ${h.pbo === null ? `— (${h.pboNote ?? 'not computed'})` : `${share(h.pbo)} over ${h.pboSplits} splits`}`,
    `  holding the book: Sharpe ${ratio(r.hold.sharpe)}, total return ${formatReturn(r.hold.totalReturn)}`,
    '',
    renderTable(r.variants.map((v, i) => ({ ...v, best: i === r.best })), columns).trimEnd(),
  ];
  return `${lines.join('\n')}\n`;
}
