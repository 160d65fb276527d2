/** `altseason plan simulate` for a terminal (the plan, holding the book and BTC side by side), and its CSV rows. */
import type { PlanSimulateResult } from '../app/contracts/plan-simulate.ts';
import { renderTable } from './render-table.ts';

type Metrics = PlanSimulateResult['metrics']['plan'];
type MetricKey = Exclude<keyof Metrics, 'days'>;

/** Each metric shown, and how a table shows it: a fraction as a percentage, or a plain ratio. */
const METRIC_ROWS: readonly [string, MetricKey, 'pct' | 'ratio'][] = [
  ['total return', 'totalReturn', 'pct'],
  ['annualised return', 'annualisedReturn', 'pct'],
  ['volatility', 'volatility', 'pct'],
  ['Sharpe', 'sharpe', 'ratio'],
  ['Sortino', 'sortino', 'ratio'],
  ['max drawdown', 'maxDrawdown', 'pct'],
  ['Calmar', 'calmar', 'ratio'],
  ['turnover', 'turnover', 'ratio'],
  ['costs paid', 'costsPaid', 'pct'],
  ['excess vs BTC', 'excessReturnVsBtc', 'pct'],
];

// A type alias, not an interface: CSV rows must be assignable to Record<string, CellValue>.
export type PlanSimulateMetricRow = { metric: string; plan: number | null; hold: number | null; btc: number | null };

/** One row per metric: the plan, holding the book and BTC side by side (the CSV's rows). */
export function planSimulateMetricRows(r: PlanSimulateResult): PlanSimulateMetricRow[] {
  return METRIC_ROWS.map(([metric, key]) => ({ metric, plan: r.metrics.plan[key].value, hold: r.metrics.hold[key].value, btc: r.metrics.btc[key].value }));
}

const shown = (v: number | null, kind: 'pct' | 'ratio') => (v === null ? '—' : kind === 'pct' ? `${(v * 100).toFixed(v !== 0 && Math.abs(v) < 0.01 ? 3 : 2)} %` : v.toFixed(2));
const signedUsd = (text: string) => (text.startsWith('-') ? `−$${text.slice(1)}` : `$${text}`);

export function renderPlanSimulateTable(r: PlanSimulateResult): string {
  const head = `${r.simulated ? 'SIMULATED market (demo data)\n' : ''}plan ${r.plan}: the stored book bought at the close of ${r.from}, replayed to ${r.to} through the backtest engine (fees ${r.costs.feesBps} bps, slippage ${r.costs.slippageBps} bps)\n`;
  const values = `entry $${r.entryValueUsd} → plan $${r.planValueUsd}, hold $${r.holdValueUsd} (plan − hold ${signedUsd(r.differenceUsd)})\n\n`;
  const rows = planSimulateMetricRows(r).map((x, i) => ({ ...x, kind: METRIC_ROWS[i]![2] }));
  const metrics = renderTable(rows, [
    { key: 'metric', value: (x) => x.metric },
    { key: 'plan', align: 'right', value: (x) => shown(x.plan, x.kind) },
    { key: 'hold', align: 'right', value: (x) => shown(x.hold, x.kind) },
    { key: 'btc', align: 'right', value: (x) => shown(x.btc, x.kind) },
  ]);
  const firings =
    r.firings.length === 0
      ? '\nno rule fired\n'
      : `\nfirings\n${renderTable(r.firings, [
          { key: 'date', value: (f) => f.date },
          { key: 'rule', value: (f) => f.ruleId },
          { key: 'symbol', value: (f) => f.symbol ?? f.id },
          { key: 'price', align: 'right', value: (f) => f.priceUsd, display: (f) => String(f.priceUsd) },
          { key: 'quantity', align: 'right', value: (f) => f.quantity },
          { key: 'proceeds', align: 'right', value: (f) => f.proceedsUsd },
        ])}`;
  const skipped = r.skipped.map((s) => `skipped ${s.ruleId} ${s.id}: ${s.reason}\n`).join('');
  return head + values + metrics + firings + skipped;
}
