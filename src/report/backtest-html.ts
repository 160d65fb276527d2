/**
 * The backtest as one self-contained HTML file (no scripts, fonts or requests; light and dark
 * mode): the verdict, equity and drawdown curves against BTC buy-and-hold (inline SVG), the
 * metrics, PSR/DSR/PBO with their meaning in one sentence each, the sweep heatmap and the
 * walk-forward table.
 */
import { formatPercent, formatReturn } from '../domain/units.ts';
import type { BacktestResult } from '../app/contracts/backtest.ts';
import { describeParameters } from './backtest-table.ts';

const W = 760;
const H = 260;
const M = { left: 56, right: 16, top: 14, bottom: 30 };

const STYLE = `
:root { color-scheme: light dark; --fg: #1d232b; --muted: #5b6573; --bg: #fff; --panel: #f4f6f9; --line: #d5dbe3; --a: #1f6feb; --b: #c2410c; --warn-bg: #fff4d6; --warn-fg: #6b4400; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9aa7b5; --bg: #0d1117; --panel: #161b22; --line: #30363d; --a: #58a6ff; --b: #f0883e; --warn-bg: #3b2e00; --warn-fg: #ffd97a; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1100px; padding: 24px; }
h2 { margin-top: 2em; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.warning { background: var(--warn-bg); color: var(--warn-fg); border: 2px solid currentColor; padding: 12px 16px; font-weight: 600; border-radius: 6px; }
.headline { font-weight: 600; background: var(--panel); padding: 12px 16px; border-radius: 6px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; display: block; overflow-x: auto; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; } th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } .muted { color: var(--muted); }
svg.chart { width: 100%; height: auto; background: var(--panel); border-radius: 6px; }
svg .grid { stroke: var(--line); } svg .tick { fill: var(--muted); font-size: 11px; font-family: system-ui, sans-serif; }
svg .a { fill: none; stroke: var(--a); stroke-width: 1.6; } svg .b { fill: none; stroke: var(--b); stroke-width: 1.2; stroke-dasharray: 3 2; }
.legend span { display: inline-block; margin-right: 16px; } .key-a { color: var(--a); } .key-b { color: var(--b); }
td.heat { color: #111; text-align: right; font-variant-numeric: tabular-nums; }
`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A two-line time chart: `a` solid, `b` dashed, y on a log scale when asked. */
export function lineChartSvg(title: string, dates: readonly string[], a: readonly number[], b: readonly number[], options: { log?: boolean; format: (v: number) => string }): string {
  const tx = (v: number) => (options.log ? Math.log(v) : v);
  const values = [...a, ...b].filter((v) => Number.isFinite(v) && (!options.log || v > 0)).map(tx);
  if (dates.length < 2 || values.length === 0) return '';
  const lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-12) hi = lo + 1;
  const x = (i: number) => M.left + (i / (dates.length - 1)) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - ((tx(v) - lo) / (hi - lo)) * (H - M.top - M.bottom);
  const path = (series: readonly number[]) => {
    let d = '';
    let pen = false;
    series.forEach((v, i) => {
      const ok = Number.isFinite(v) && (!options.log || v > 0);
      if (ok) d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = ok;
    });
    return d;
  };
  const ticks: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const t = lo + ((hi - lo) * k) / 4;
    const v = options.log ? Math.exp(t) : t;
    const yy = y(v);
    ticks.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${yy.toFixed(1)}" y2="${yy.toFixed(1)}"/><text class="tick" x="${M.left - 6}" y="${(yy + 4).toFixed(1)}" text-anchor="end">${escapeHtml(options.format(v))}</text>`);
  }
  for (let k = 0; k <= 5; k++) {
    const i = Math.round(((dates.length - 1) * k) / 5);
    ticks.push(`<text class="tick" x="${x(i).toFixed(1)}" y="${H - 10}" text-anchor="${k === 5 ? 'end' : k === 0 ? 'start' : 'middle'}">${escapeHtml(dates[i]!.slice(0, 7))}</text>`);
  }
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${ticks.join('')}<path class="b" d="${path(b)}"/><path class="a" d="${path(a)}"/></svg>`;
}

function table(headers: string[], rows: (string | number | null)[][], numeric: number[] = []): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(c === null ? '—' : String(c))}</td>`).join('')}</tr>`).join('');
  return `<table>${head}${body}</table>`;
}

const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const share = (v: number | null) => (v === null ? '—' : formatPercent(v * 100, 1));

/** Colour of a heatmap cell: red (low) … white … green (high) against the grid's range. */
function heatColour(value: number, lo: number, hi: number): string {
  const t = hi > lo ? (value - lo) / (hi - lo) : 0.5;
  const red = t < 0.5 ? 230 : Math.round(230 - (t - 0.5) * 2 * 150);
  const green = t > 0.5 ? 210 : Math.round(110 + t * 2 * 100);
  return `rgb(${red},${green},${Math.round(150 + 60 * (1 - Math.abs(t - 0.5) * 2))})`;
}

function heatmapHtml(result: BacktestResult): string {
  const map = result.sweep?.heatmap;
  if (!map) return '';
  const values = map.sharpe.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const head = `<tr><th>${escapeHtml(map.y || '')} \\ ${escapeHtml(map.x)}</th>${map.xValues.map((v) => `<th>${escapeHtml(String(v))}</th>`).join('')}</tr>`;
  const rows = map.yValues
    .map((yv, r) => `<tr><th>${escapeHtml(String(yv))}</th>${map.sharpe[r]!.map((v) => (v === null ? '<td class="heat">—</td>' : `<td class="heat" style="background:${heatColour(v, lo, hi)}">${v.toFixed(2)}</td>`)).join('')}</tr>`)
    .join('');
  return `<p class="muted">Best annualised Sharpe ratio in each cell (over the other swept parameters). In-sample: a bright cell is what selection bias looks like until DSR and PBO say otherwise.</p><table>${head}${rows}</table>`;
}

export function renderBacktestHtml(result: BacktestResult): string {
  const parts: string[] = [];
  const title = `Backtest: ${result.strategy.id} ${describeParameters(result.parameters)}`;
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  if (result.simulated || result.data.warning) parts.push(`<p class="warning">⚠ ${escapeHtml(result.data.warning ?? 'SIMULATED market')}</p>`);
  parts.push(`<p class="muted">${escapeHtml(result.strategy.description)} ${escapeHtml(result.from)} … ${escapeHtml(result.to)}; fees ${result.costs.feesBps} bps and slippage ${result.costs.slippageBps} bps of turnover; delisting: ${escapeHtml(result.costs.delisting)}. ${escapeHtml(result.timing)}</p>`);
  parts.push(`<p class="headline">${escapeHtml(result.honesty.verdict[0] ?? '')}</p>`);
  if (result.honesty.verdict.length > 1) parts.push(`<ul>${result.honesty.verdict.slice(1).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);

  const dates = result.curve.map((p) => p.date);
  const which = { single: 'strategy', 'sweep-best': 'best configuration (in-sample)', 'walk-forward': 'stitched out-of-sample' }[result.headline];
  parts.push(`<h2>Equity and drawdown against BTC</h2><p class="legend"><span class="key-a">━ ${escapeHtml(which)}</span><span class="key-b">╌ BTC buy-and-hold</span></p>`);
  parts.push(lineChartSvg('Equity (log scale)', dates, result.curve.map((p) => p.equity), result.curve.map((p) => p.btcEquity), { log: true, format: (v) => `×${v < 10 ? v.toFixed(2) : v.toFixed(0)}` }));
  parts.push(lineChartSvg('Drawdown', dates, result.curve.map((p) => p.drawdown), result.curve.map((p) => p.btcDrawdown), { format: (v) => formatPercent(v * 100, 0) }));

  parts.push('<h2>Metrics</h2>');
  const m = result.metrics;
  const b = result.benchmark.metrics;
  const line = (label: string, f: (x: typeof m) => { value: number | null; sampleSize: number }, fmt: (v: number | null) => string) => [label, fmt(f(m).value), fmt(f(b).value), f(m).sampleSize];
  parts.push(
    table(
      ['metric', which, 'BTC hold', 'n'],
      [
        line('total return', (x) => x.totalReturn, (v) => formatReturn(v)),
        line('annualised return', (x) => x.annualisedReturn, (v) => formatReturn(v)),
        line('volatility (annual)', (x) => x.volatility, share),
        line('Sharpe (annual)', (x) => x.sharpe, ratio),
        line('Sortino (annual)', (x) => x.sortino, ratio),
        line('max drawdown', (x) => x.maxDrawdown, (v) => (v === null ? '—' : formatReturn(-v))),
        line('Calmar', (x) => x.calmar, ratio),
        line('turnover per year', (x) => x.annualTurnover, ratio),
        line('exposure', (x) => x.exposure, share),
        line('trades', (x) => x.trades, (v) => (v === null ? '—' : String(v))),
        line('hit rate', (x) => x.hitRate, share),
        line('excess vs BTC', (x) => x.excessReturnVsBtc, (v) => formatReturn(v)),
      ],
      [1, 2, 3],
    ),
  );

  const h = result.honesty;
  parts.push('<h2>Is it luck?</h2>');
  const rows: (string | number | null)[][] = [['PSR (Sharpe > 0)', share(h.probabilisticSharpe), h.explanations.probabilisticSharpe ?? '']];
  rows.push(['minimum track record', h.minTrackRecordDays === null ? '—' : `${Math.round(h.minTrackRecordDays)} days (have ${m.days})`, h.explanations.minTrackRecord ?? '']);
  if (h.sharpeInterval) rows.push(['Sharpe 95 % interval', `${ratio(h.sharpeInterval.lower)} … ${ratio(h.sharpeInterval.upper)}`, h.explanations.bootstrap ?? '']);
  if (h.excessReturnInterval) rows.push(['excess over BTC, 95 % interval', `${formatReturn(h.excessReturnInterval.lower)} … ${formatReturn(h.excessReturnInterval.upper)} a year`, '']);
  if (h.sweep) {
    rows.push(['DSR', `${share(h.sweep.deflatedSharpe)} (N = ${h.sweep.trials}; luck’s best Sharpe ≈ ${ratio(h.sweep.expectedMaxSharpe)})`, h.explanations.deflatedSharpe ?? '']);
    rows.push(['PBO', h.sweep.pbo === null ? (h.sweep.pboNote ?? '—') : `${share(h.sweep.pbo)} (${h.sweep.pboConfigurations} configurations, ${h.sweep.pboSplits} splits)${h.sweep.pboNote ? `; ${h.sweep.pboNote}` : ''}`, h.explanations.pbo ?? '']);
  }
  parts.push(table(['statistic', 'value', 'what it means'], rows, [1]));

  if (result.walkForward) {
    const wf = result.walkForward;
    parts.push(`<h2>Walk-forward ${wf.trainDays}:${wf.testDays}</h2><p>${escapeHtml(h.explanations.walkForward ?? '')} Stitched out-of-sample Sharpe ${ratio(wf.stitchedSharpe)}, t = ${ratio(wf.tStatistic)}, DSR ${share(wf.deflatedSharpe)}, walk-forward efficiency ${ratio(wf.efficiency)}.</p>`);
    parts.push(table(['train', 'test', 'chosen in-sample', 'IS Sharpe', 'OOS Sharpe', 'OOS return/yr'], wf.folds.map((f) => [`${f.trainFrom} … ${f.trainTo}`, `${f.testFrom} … ${f.testTo}`, describeParameters(f.parameters), ratio(f.inSampleSharpe), ratio(f.outOfSampleSharpe), formatReturn(f.outOfSampleAnnualReturn)]), [3, 4, 5]));
  }
  if (result.sweep) {
    parts.push(`<h2>Sweep: ${result.sweep.configurations} configurations</h2>`);
    parts.push(`<p>Evaluated ${escapeHtml(result.sweep.evaluation)} in ${result.sweep.elapsedMs} ms on ${escapeHtml(result.sweep.threadsNote)}.</p>`);
    parts.push(heatmapHtml(result));
  }
  if (result.notes.length) parts.push(`<h2>Notes</h2><ul>${result.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
