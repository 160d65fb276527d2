/** A backtest for a terminal: the verdict first, metrics beside BTC buy-and-hold, honesty, the sweep's best, walk-forward folds. */
import { formatPercent, formatReturn } from '../domain/units.ts';
import type { BacktestResult, BacktestSweepRow } from '../app/contracts/backtest.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';
import { renderSparkline } from './render-sparkline.ts';

type Metrics = BacktestResult['metrics'];
type Figure = { value: number | null; sampleSize: number };

const ratio = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits).replace(/^-/, '−'));
const share = (v: number | null) => (v === null ? '—' : formatPercent(v * 100, 1));
const loss = (v: number | null) => (v === null ? '—' : formatReturn(-v));

interface MetricRow {
  label: string;
  strategy: string;
  btc: string;
  n: number;
}

const METRIC_LINES: [string, (m: Metrics) => Figure, (v: number | null) => string][] = [
  ['total return', (m) => m.totalReturn, (v) => formatReturn(v)],
  ['annualised return', (m) => m.annualisedReturn, (v) => formatReturn(v)],
  ['volatility (annual)', (m) => m.volatility, share],
  ['Sharpe (annual)', (m) => m.sharpe, ratio],
  ['Sortino (annual)', (m) => m.sortino, ratio],
  ['max drawdown', (m) => m.maxDrawdown, loss],
  ['Calmar', (m) => m.calmar, ratio],
  ['turnover per year', (m) => m.annualTurnover, (v) => ratio(v, 1)],
  ['exposure (days held)', (m) => m.exposure, share],
  ['trades', (m) => m.trades, (v) => (v === null ? '—' : String(v))],
  ['hit rate (per trade)', (m) => m.hitRate, share],
  ['costs paid', (m) => m.costsPaid, share],
  ['excess vs BTC (total)', (m) => m.excessReturnVsBtc, (v) => formatReturn(v)],
];

const METRIC_COLUMNS: Column<MetricRow>[] = [
  { key: 'label', header: 'metric', value: (r) => r.label },
  { key: 'strategy', align: 'right', value: (r) => r.strategy },
  { key: 'btc', header: 'BTC hold', align: 'right', value: (r) => r.btc },
  { key: 'n', align: 'right', value: (r) => r.n },
];

export function describeParameters(parameters: Record<string, number | string>): string {
  return Object.entries(parameters).map(([k, v]) => `${k}=${v}`).join(' ') || '(no parameters)';
}

function sweepColumns(result: BacktestResult): Column<BacktestSweepRow>[] {
  const names = result.sweep?.axes.map((a) => a.name) ?? [];
  return [
    ...names.map((name): Column<BacktestSweepRow> => ({ key: name, align: 'right', value: (r) => r.parameters[name] ?? null })),
    { key: 'sharpe', header: 'Sharpe', align: 'right', value: (r) => r.sharpe, display: (r) => ratio(r.sharpe) },
    { key: 'totalReturn', header: 'total', align: 'right', value: (r) => r.totalReturn, display: (r) => formatReturn(r.totalReturn) },
    { key: 'maxDrawdown', header: 'max DD', align: 'right', value: (r) => r.maxDrawdown, display: (r) => loss(r.maxDrawdown) },
  ];
}

/** The CSV of a result: one row per configuration when it swept, else one per day of the curve. */
export function backtestCsvRecords(result: BacktestResult): Record<string, string | number | null>[] {
  if (result.sweep) return result.sweep.rows.map((r) => ({ index: r.index, ...r.parameters, sharpe: r.sharpe, totalReturn: r.totalReturn, maxDrawdown: r.maxDrawdown }));
  return result.curve.map((p) => ({ ...p }));
}

export function renderBacktestTable(result: BacktestResult): string {
  const out: string[] = [];
  if (result.simulated) out.push('SIMULATED market (demo data), not real prices\n');
  const kind = { single: '', 'sweep-best': ' — best of the sweep (in-sample)', 'walk-forward': ' — walk-forward, stitched out-of-sample' }[result.headline];
  out.push(`Backtest: ${result.strategy.id} (${result.strategy.source}) ${describeParameters(result.parameters)}${kind}`);
  out.push(`${result.from} … ${result.to} · fees ${result.costs.feesBps} bps, slippage ${result.costs.slippageBps} bps${result.costs.funding ? ', funding on leverage' : ''} · delisting: ${result.costs.delisting}`);
  out.push('');
  for (const line of result.honesty.verdict) out.push(line);
  out.push('');
  const rows = METRIC_LINES.map(([label, pick, format]) => ({ label, strategy: format(pick(result.metrics).value), btc: format(pick(result.benchmark.metrics).value), n: pick(result.metrics).sampleSize }));
  out.push(renderTable(rows, METRIC_COLUMNS));
  const dd = result.metrics.maxDrawdown;
  if (dd.peakDate) out.push(`max drawdown: peak ${dd.peakDate}, trough ${dd.troughDate}, ${dd.recoveryDate ? `recovered ${dd.recoveryDate}` : 'not recovered'}`);
  const equity = result.curve.map((p) => p.equity);
  const btc = result.curve.map((p) => p.btcEquity);
  out.push(`equity   ${renderSparkline(equity.map(Math.log), 60)} ×${ratio(equity[equity.length - 1] ?? null)}`);
  out.push(`BTC hold ${renderSparkline(btc.map(Math.log), 60)} ×${ratio(btc[btc.length - 1] ?? null)}`);
  out.push('');
  const h = result.honesty;
  out.push('Is it luck?');
  out.push(`  PSR (Sharpe > 0): ${share(h.probabilisticSharpe)}; minimum track record ${h.minTrackRecordDays === null ? '—' : `${Math.round(h.minTrackRecordDays)} days`} (have ${result.metrics.days})`);
  if (h.sharpeInterval) out.push(`  Sharpe ${ratio(h.sharpeInterval.estimate)}, 95 % block-bootstrap interval ${ratio(h.sharpeInterval.lower)} … ${ratio(h.sharpeInterval.upper)}`);
  if (h.excessReturnInterval) out.push(`  excess over BTC ${formatReturn(h.excessReturnInterval.estimate)} a year, interval ${formatReturn(h.excessReturnInterval.lower)} … ${formatReturn(h.excessReturnInterval.upper)}`);
  if (h.sweep) {
    const s = h.sweep;
    out.push(`  DSR ${share(s.deflatedSharpe)} after ${s.trials} configurations (effective ≈ ${s.effectiveTrials ?? '—'} of ${s.effectiveTrialsBasedOn ?? '—'} sampled); luck alone expects a best Sharpe of ${ratio(s.expectedMaxSharpe)}`);
    out.push(`  PBO ${share(s.pbo)}${s.pbo !== null ? ` over ${s.pboSplits} splits of ${s.pboBlocks} blocks, ${s.pboConfigurations} configurations; P(loss out of sample) ${share(s.probabilityOfLoss)}${s.pboNote ? ` (${s.pboNote})` : ''}` : ` (${s.pboNote})`}`);
  }
  if (result.walkForward) {
    const wf = result.walkForward;
    out.push('');
    out.push(`Walk-forward ${wf.trainDays}:${wf.testDays} — stitched OOS Sharpe ${ratio(wf.stitchedSharpe)}, t = ${ratio(wf.tStatistic)}, DSR ${share(wf.deflatedSharpe)}, efficiency ${ratio(wf.efficiency)}`);
    out.push(
      renderTable(wf.folds, [
        { key: 'testFrom', header: 'test from', value: (f) => f.testFrom },
        { key: 'testTo', header: 'to', value: (f) => f.testTo },
        { key: 'parameters', header: 'chosen in-sample', value: (f) => describeParameters(f.parameters) },
        { key: 'inSampleSharpe', header: 'IS Sharpe', align: 'right', value: (f) => f.inSampleSharpe, display: (f) => ratio(f.inSampleSharpe) },
        { key: 'outOfSampleSharpe', header: 'OOS Sharpe', align: 'right', value: (f) => f.outOfSampleSharpe, display: (f) => ratio(f.outOfSampleSharpe) },
        { key: 'outOfSampleAnnualReturn', header: 'OOS return/yr', align: 'right', value: (f) => f.outOfSampleAnnualReturn, display: (f) => formatReturn(f.outOfSampleAnnualReturn) },
      ]),
    );
  }
  if (result.sweep) {
    const top = [...result.sweep.rows].sort((a, b) => (b.sharpe ?? -Infinity) - (a.sharpe ?? -Infinity)).slice(0, 10);
    out.push('');
    out.push(`Sweep: ${result.sweep.configurations} configurations (${result.sweep.evaluation}, ${result.sweep.elapsedMs} ms on ${result.sweep.threadsNote}); the 10 best by Sharpe (in-sample):`);
    out.push(renderTable(top, sweepColumns(result)));
  }
  if (result.notes.length) out.push('', ...result.notes.map((n) => `note: ${n}`));
  out.push('', `timing: ${result.timing}`);
  return `${out.join('\n')}\n`;
}
