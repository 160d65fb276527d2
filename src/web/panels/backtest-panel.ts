/**
 * The backtest lab: runs a built-in strategy with parameters (GET /api/backtest, the same use case as
 * `altseason backtest`) and shows the same charts as the HTML report: equity and drawdown against BTC
 * buy-and-hold, the verdict with PSR/DSR/PBO and their meaning, the sweep heatmap and the walk-forward
 * table. The panel adds itself after the thesis lab; nothing is asked of the server until "Run".
 */
import type { BacktestResult } from '../../app/contracts/backtest.ts';
import { getJson } from '../api.ts';
import { mountChart } from '../charts/chart-view.ts';
import { $, showError } from '../dom.ts';
import { escapeHtml } from '../format.ts';

const STRATEGIES: Record<string, string> = {
  'asi-regime': 'threshold=75,window=90,top=50,exit=btc',
  'dominance-breakdown': 'level=55,average=50',
  'rut-breakout': 'drawdown=10,hold=90',
  'sector-momentum': 'k=2,lookback=30,rebalance=7',
  hold: 'asset=alts',
};

const pct = (v: number | null, signed = true) => (v === null ? '—' : `${signed && v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`.replace('-', '−'));
const num = (v: number | null) => (v === null ? '—' : v.toFixed(2).replace('-', '−'));

export function setupBacktestLab(): void {
  const anchor = document.getElementById('thesis-lab');
  if (!anchor || document.getElementById('backtest-lab')) return;
  const lab = document.createElement('details');
  lab.id = 'backtest-lab';
  lab.className = 'panel thesis-lab';
  const options = Object.keys(STRATEGIES).map((id) => `<option value="${id}">${id}</option>`).join('');
  lab.innerHTML = `<summary class="panel-head"><h2>Backtest lab: what if I had rotated into alts when…?</h2><span class="muted">open to run</span></summary>
    <form id="backtest-form" class="backtest-form">
      <label>Strategy <select id="bt-strategy">${options}</select></label>
      <label>Parameters <input id="bt-params" size="36" value="${STRATEGIES['asi-regime']}"></label>
      <label>Sweep <input id="bt-sweep" size="30" placeholder="threshold=50..90:5;window=30,90"></label>
      <label>From <input id="bt-from" size="10" placeholder="YYYY-MM-DD"></label>
      <label>To <input id="bt-to" size="10" placeholder="YYYY-MM-DD"></label>
      <label>Fees (bps) <input id="bt-fees" size="4" value="10"></label>
      <label>Walk-forward <input id="bt-wf" size="8" placeholder="730:180"></label>
      <button type="submit">Run</button>
    </form>
    <div id="backtest" class="muted"><p>Point in time: a decision at the close of day t sees only data up to t. The report says plainly when a result is indistinguishable from luck. The CLI runs the same: <code>altseason backtest asi-regime --sweep threshold=50..90:5 --out report.html</code>.</p></div>`;
  anchor.after(lab);
  $<HTMLSelectElement>('bt-strategy').addEventListener('change', (event) => {
    $<HTMLInputElement>('bt-params').value = STRATEGIES[(event.target as HTMLSelectElement).value] ?? '';
  });
  $<HTMLFormElement>('backtest-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void runBacktest();
  });
}

function queryString(): string {
  const value = (id: string) => $<HTMLInputElement>(id).value.trim();
  const query = new URLSearchParams({ strategy: $<HTMLSelectElement>('bt-strategy').value });
  // A swept parameter wins over the same one in the parameters box (the API refuses both).
  const swept = new Set(value('bt-sweep').split(';').map((axis) => axis.split('=')[0]!.trim()).filter(Boolean));
  const params = value('bt-params').split(',').filter((p) => p.trim() && !swept.has(p.split('=')[0]!.trim())).join(',');
  if (params) query.set('params', params);
  for (const [name, id] of [['sweep', 'bt-sweep'], ['from', 'bt-from'], ['to', 'bt-to'], ['feesBps', 'bt-fees'], ['walkForward', 'bt-wf']] as const) {
    if (value(id)) query.set(name, value(id));
  }
  return query.toString();
}

async function runBacktest(): Promise<void> {
  const target = $('backtest');
  target.innerHTML = '<p class="muted">Running the backtest…</p>';
  try {
    renderBacktest(await getJson<BacktestResult>(`/api/backtest?${queryString()}`));
  } catch (error) {
    showError('backtest', error);
  }
}

function heatmap(result: BacktestResult): string {
  const map = result.sweep?.heatmap;
  if (!map) return '';
  const values = map.sharpe.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const cell = (v: number | null) => {
    if (v === null) return '<td>—</td>';
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    // Coloured after insertion (CSSOM): the page's CSP refuses style attributes in markup.
    return `<td class="num" data-heat="${Math.round(t * 120)}">${v.toFixed(2)}</td>`;
  };
  return `<h3>Sweep: best annualised Sharpe per cell (${result.sweep!.configurations} configurations, in-sample; ${result.sweep!.threads === 1 ? '1 thread' : `${result.sweep!.threads} threads`})</h3>
    <table><thead><tr><th>${escapeHtml(map.y)} \\ ${escapeHtml(map.x)}</th>${map.xValues.map((x) => `<th>${escapeHtml(String(x))}</th>`).join('')}</tr></thead>
    <tbody>${map.yValues.map((y, r) => `<tr><th>${escapeHtml(String(y))}</th>${map.sharpe[r]!.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

function renderBacktest(result: BacktestResult): void {
  const m = result.metrics;
  const b = result.benchmark.metrics;
  const h = result.honesty;
  const row = (label: string, a: string, c: string) => `<tr><td>${label}</td><td class="num">${a}</td><td class="num">${c}</td></tr>`;
  const statistics = [
    ['PSR', pct(h.probabilisticSharpe, false), h.explanations.probabilisticSharpe],
    ...(h.sweep ? [['DSR', `${pct(h.sweep.deflatedSharpe, false)} (N = ${h.sweep.trials})`, h.explanations.deflatedSharpe], ['PBO', h.sweep.pbo === null ? (h.sweep.pboNote ?? '—') : pct(h.sweep.pbo, false), h.explanations.pbo]] : []),
    ['Sharpe 95 % interval', h.sharpeInterval ? `${num(h.sharpeInterval.lower)} … ${num(h.sharpeInterval.upper)}` : '—', h.explanations.bootstrap],
  ];
  const wf = result.walkForward;
  $('backtest').innerHTML = `<div class="verdict"><strong>${escapeHtml(h.verdict[0] ?? '')}</strong></div>
    <ul class="readings">${h.verdict.slice(1).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
    <p class="muted">${escapeHtml(result.strategy.id)} ${escapeHtml(Object.entries(result.parameters).map(([k, v]) => `${k}=${v}`).join(' '))}, ${escapeHtml(result.from)} … ${escapeHtml(result.to)} (${escapeHtml(result.headline)}). ${escapeHtml(result.timing)}</p>
    <div class="grid-2">
      <figure><figcaption>Equity against BTC buy-and-hold</figcaption><div id="bt-equity" class="chart"></div></figure>
      <figure><figcaption>Drawdown</figcaption><div id="bt-drawdown" class="chart"></div></figure>
    </div>
    <div class="grid-2">
      <table><thead><tr><th>metric</th><th>strategy</th><th>BTC hold</th></tr></thead><tbody>
        ${row('total return', pct(m.totalReturn.value), pct(b.totalReturn.value))}
        ${row('annualised', pct(m.annualisedReturn.value), pct(b.annualisedReturn.value))}
        ${row('Sharpe', num(m.sharpe.value), num(b.sharpe.value))}
        ${row('max drawdown', pct(m.maxDrawdown.value === null ? null : -m.maxDrawdown.value), pct(b.maxDrawdown.value === null ? null : -b.maxDrawdown.value))}
        ${row('trades', String(m.trades.value ?? '—'), String(b.trades.value ?? '—'))}
        ${row('days', String(m.days), String(b.days))}
      </tbody></table>
      <table><thead><tr><th>statistic</th><th>value</th><th>meaning</th></tr></thead><tbody>
        ${statistics.map(([name, value, meaning]) => `<tr><td>${escapeHtml(name ?? '')}</td><td class="num">${escapeHtml(value ?? '')}</td><td>${escapeHtml(meaning ?? '')}</td></tr>`).join('')}
      </tbody></table>
    </div>
    ${heatmap(result)}
    ${
      wf
        ? `<h3>Walk-forward ${wf.trainDays}:${wf.testDays}: stitched out-of-sample Sharpe ${num(wf.stitchedSharpe)}, DSR ${pct(wf.deflatedSharpe, false)}</h3>
      <table><thead><tr><th>test window</th><th>chosen in-sample</th><th>IS Sharpe</th><th>OOS Sharpe</th></tr></thead><tbody>
      ${wf.folds.map((f) => `<tr><td>${escapeHtml(f.testFrom)} … ${escapeHtml(f.testTo)}</td><td>${escapeHtml(Object.entries(f.parameters).map(([k, v]) => `${k}=${v}`).join(' '))}</td><td class="num">${num(f.inSampleSharpe)}</td><td class="num">${num(f.outOfSampleSharpe)}</td></tr>`).join('')}</tbody></table>`
        : ''
    }
    ${result.notes.length ? `<ul class="readings muted">${result.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}`;
  for (const cell of document.querySelectorAll<HTMLElement>('#backtest td[data-heat]')) cell.style.background = `hsl(${cell.dataset.heat} 60% 45% / 0.45)`;
  const dates = result.curve.map((p) => p.date);
  mountChart('bt-equity', {
    time: true,
    logScale: true,
    dates,
    series: [
      { label: result.strategy.id, values: result.curve.map((p) => p.equity), color: '--accent', width: 2, format: (v) => `×${v.toFixed(2)}` },
      { label: 'BTC hold', values: result.curve.map((p) => p.btcEquity), color: '--btc', dash: [4, 3], format: (v) => `×${v.toFixed(2)}` },
    ],
  });
  mountChart('bt-drawdown', {
    time: true,
    dates,
    series: [
      { label: result.strategy.id, values: result.curve.map((p) => p.drawdown * 100), color: '--accent', format: (v) => `${v.toFixed(1)}%` },
      { label: 'BTC hold', values: result.curve.map((p) => p.btcDrawdown * 100), color: '--btc', dash: [4, 3], format: (v) => `${v.toFixed(1)}%` },
    ],
  });
}
