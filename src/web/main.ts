/** The dashboard: status cards, ASI with constituents on click, dominance, Russell 2000, thesis. */
import type {
  DominanceResponse,
  ExplainResponse,
  IndexResponse,
  MetaResponse,
  RutResponse,
  StatusResponse,
  SyncStatusResponse,
} from '../server/api-types.ts';
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import { getJson } from './api.ts';
import { compact, renderTimeChart } from './charts/time-chart.ts';
import './styles.css';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const pct = (v: number | null | undefined, digits = 1) => (v == null ? '—' : `${(v * 100).toFixed(digits)}%`);
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const state = { window: 90, selectedDate: null as string | null, disposers: new Map<string, () => void>() };

function chart(id: string, render: (el: HTMLElement) => () => void): void {
  state.disposers.get(id)?.();
  state.disposers.set(id, render($(id)));
}

function showError(id: string, error: unknown): void {
  $(id).innerHTML = `<div class="empty">Could not load: ${escapeHtml((error as Error).message)}</div>`;
}

async function loadMeta(): Promise<MetaResponse> {
  const meta = await getJson<MetaResponse>('/api/meta');
  const notice = $('data-notice');
  notice.hidden = !meta.dataNotice;
  notice.textContent = meta.dataNotice ?? '';
  $('store-info').textContent = meta.firstDate ? `${meta.firstDate} → ${meta.lastDate} · ${meta.assets} assets` : 'empty store';
  return meta;
}

async function loadStatus(): Promise<void> {
  const status = await getJson<StatusResponse>('/api/status');
  $('status').innerHTML = status.items
    .map(
      (item) => `<div class="card tone-${item.tone}" data-key="${item.key}">
        <div class="label">${escapeHtml(item.label)}</div>
        <div class="value">${escapeHtml(item.value)}</div>
        <div class="reading">${escapeHtml(item.reading)}</div></div>`,
    )
    .join('');
}

async function loadIndex(): Promise<void> {
  const index = await getJson<IndexResponse>(`/api/index?window=${state.window}`);
  chart('asi-chart', (el) =>
    renderTimeChart(el, {
      dates: index.points.map((p) => p.date),
      series: [{ label: `ASI ${index.window}d`, values: index.points.map((p) => p.index), color: '--accent', width: 1.8, format: (v) => v.toFixed(0) }],
      bands: [
        { from: index.altThreshold, to: 100, color: '--alt-band' },
        { from: 0, to: index.btcThreshold, color: '--btc-band' },
      ],
      lines: [
        { value: index.altThreshold, color: '--alt' },
        { value: index.btcThreshold, color: '--btc' },
      ],
      yRange: [0, 100],
      onSelectDate: (date) => void loadExplain(date),
    }),
  );
  // Runs of a few days are the index hovering at a threshold; the list shows the seasons that lasted.
  const recent = index.episodes.filter((e) => e.days >= 14).slice(-10);
  $('asi-episodes').innerHTML = recent.length
    ? `<span class="muted">Seasons of 14+ days (latest ${recent.length}):</span> ${recent
        .map((e) => `<span class="episode ${e.season}" title="peak ${e.peak.toFixed(0)} on ${e.peakDate}">${e.season} ${e.start} → ${e.end} (${e.days}d)</span>`)
        .join('')}`
    : '';
  const last = index.points.at(-1);
  if (last && !state.selectedDate) await loadExplain(last.date);
  else if (state.selectedDate) await loadExplain(state.selectedDate);
}

async function loadExplain(date: string): Promise<void> {
  state.selectedDate = date;
  const target = $('explain');
  try {
    const explain = await getJson<ExplainResponse>(`/api/index/explain?date=${date}&window=${state.window}`);
    const beat = explain.constituents.filter((c) => c.beatBtc).length;
    target.innerHTML = `<div class="explain-head"><h3>Constituents on ${explain.date}</h3>
      <span>ASI ${explain.window}d: <strong>${explain.index?.toFixed(0) ?? '—'}</strong> (${explain.season ?? 'no value'})</span>
      <span>${beat} of ${explain.constituents.length} beat BTC's ${pct(explain.btcReturn)}</span></div>
      <table data-testid="constituents"><thead><tr><th>#</th><th>Coin</th><th>Market cap</th><th>Start</th><th>End</th><th>Return</th><th title="BTC's return over the same days as the coin's prices">BTC, same days</th><th>vs BTC</th></tr></thead><tbody>
      ${explain.constituents
        .map(
          (c) => `<tr><td>${c.rank}</td><td title="${escapeHtml(c.assetId)} · ${escapeHtml(c.source)}">${escapeHtml(c.symbol)} <span class="muted">${escapeHtml(c.name)}</span></td>
          <td>$${compact(c.marketCap)}</td><td>${c.startDate}: ${compact(c.startPrice)}</td><td>${c.endDate}: ${compact(c.endPrice)}</td>
          <td>${pct(c.windowReturn)}</td><td>${pct(c.btcReturnSameDays)}</td><td class="${c.beatBtc ? 'beat' : 'lost'}">${c.beatBtc ? 'beat' : 'no'}</td></tr>`,
        )
        .join('')}</tbody></table>
      ${explain.skipped.length ? `<p class="muted">Skipped: ${explain.skipped.slice(0, 20).map((s) => `${escapeHtml(s.symbol)} (${escapeHtml(s.reason)})`).join(', ')}${explain.skipped.length > 20 ? '…' : ''}</p>` : ''}`;
  } catch (error) {
    showError('explain', error);
  }
}

async function loadDominance(): Promise<void> {
  const dominance = await getJson<DominanceResponse>('/api/dominance');
  const dates = dominance.points.map((p) => p.date);
  const [universe, ...sources] = dominance.universe.split(', store observations');
  $('dom-universe').innerHTML = `Universe: <strong>${escapeHtml(universe ?? '')}</strong>${dominance.providerSeriesLabel ? `; dashed: ${escapeHtml(dominance.providerSeriesLabel)}` : ''}.
    ${sources.length ? `<details><summary>Sources</summary>store observations${escapeHtml(sources.join(''))}</details>` : ''}`;
  chart('btcd-chart', (el) =>
    renderTimeChart(el, {
      dates,
      series: [
        { label: 'BTC.D (stored universe)', values: dominance.points.map((p) => p.btcDominance), color: '--btc', format: (v) => `${v.toFixed(1)}%` },
        { label: 'BTC.D (provider)', values: dominance.points.map((p) => p.btcDominanceProvider), color: '--muted', dash: [4, 3], format: (v) => `${v.toFixed(1)}%` },
      ],
      lines: [
        { value: 55, color: '--muted' },
        { value: 50, color: '--danger' },
      ],
    }),
  );
  chart('total2-chart', (el) =>
    renderTimeChart(el, {
      dates,
      series: [
        { label: 'TOTAL2', values: dominance.points.map((p) => p.total2), color: '--line2' },
        { label: 'BTC market cap', values: dominance.points.map((p) => p.btcMarketCap), color: '--btc' },
      ],
      logScale: true,
    }),
  );
  chart('stable-chart', (el) =>
    renderTimeChart(el, {
      dates,
      series: [{ label: 'Stablecoin dominance', values: dominance.points.map((p) => p.stablecoinDominance), color: '--alt', format: (v) => `${v.toFixed(2)}%` }],
    }),
  );
  $('dom-readings').innerHTML = dominance.readings.map((r) => `<li>${escapeHtml(r)}</li>`).join('') || '<li class="muted">No readings yet.</li>';
}

async function loadRut(): Promise<void> {
  const rut = await getJson<RutResponse>('/api/rut');
  const dates = rut.points.map((p) => p.date);
  $('rut-dd').textContent = String(rut.breakoutDrawdownPct);
  chart('rut-chart', (el) =>
    renderTimeChart(el, {
      dates,
      series: [
        { label: 'Russell 2000', values: rut.points.map((p) => p.close), color: '--accent' },
        { label: 'Record close', values: rut.points.map((p) => (p.isRecord ? p.close : null)), color: '--alt', markers: 'dot' },
        { label: 'Breakout', values: rut.points.map((p) => (p.isBreakout ? p.close : null)), color: '--btc', markers: 'diamond' },
      ],
    }),
  );
  chart('rut-dd-chart', (el) =>
    renderTimeChart(el, { dates, series: [{ label: 'From record', values: rut.points.map((p) => p.drawdownPct), color: '--danger', format: (v) => `${v.toFixed(1)}%` }] }),
  );
  chart('rut-spx-chart', (el) =>
    renderTimeChart(el, { dates, series: [{ label: 'RUT/SPX', values: rut.points.map((p) => p.rutSpxRatio), color: '--line2', format: (v) => v.toFixed(4) }] }),
  );
  $('rut-breakouts').innerHTML = rut.breakouts.length
    ? `<table><thead><tr><th>Breakout</th><th>Close</th><th>Drawdown before</th><th>Days since previous record</th></tr></thead><tbody>
      ${rut.breakouts.map((b) => `<tr><td>${b.date}</td><td>${b.close.toFixed(2)}</td><td>${b.drawdownBeforePct.toFixed(1)}%</td><td>${b.daysSincePreviousRecord}</td></tr>`).join('')}</tbody></table>`
    : '';
}

async function loadThesis(): Promise<void> {
  const target = $('thesis');
  const response = await fetch('/api/thesis', { headers: { accept: 'application/json' } });
  if (response.ok) return renderThesis((await response.json()) as ThesisReport);
  target.innerHTML = `<p>Does Russell 2000 strength lead altcoin outperformance? The lab runs cross-correlations,
    Granger tests, an event study after Russell 2000 breakouts against a bootstrap placebo, hit rates and the
    historical precedents, adjusted for the number of tests (about 10 s).</p>
    <button id="thesis-run" type="button">Run the thesis tests</button>
    <span class="muted">or <code>altseason thesis --format html --out thesis.html</code></span>`;
  $('thesis-run').addEventListener('click', () => void runThesis());
}

async function runThesis(): Promise<void> {
  const button = $<HTMLButtonElement>('thesis-run');
  button.disabled = true;
  button.textContent = 'Running the tests…';
  try {
    const response = await fetch('/api/thesis', { method: 'POST', headers: { accept: 'application/json' } });
    const body = (await response.json()) as ThesisReport & { error?: string };
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    renderThesis(body);
  } catch (error) {
    showError('thesis', error);
  }
}

function renderThesis(report: ThesisReport): void {
  const main = report.leadLag.find((l) => l.id === 'daily:rut→median-excess') ?? report.leadLag[0];
  const study = report.eventStudies.find((e) => e.target === 'cap-weighted-excess' && e.horizonDays === 90) ?? report.eventStudies[0];
  const truth = report.groundTruth
    ? `<p class="muted">Simulated ground truth: ${report.groundTruth.plantedLink ? `a planted lead of ${report.groundTruth.leadDays} days with strength ${report.groundTruth.effect}` : 'no planted link'}.</p>`
    : '';
  $('thesis').innerHTML = `<div class="verdict"><strong>${escapeHtml(report.verdict.headline)}</strong></div>${truth}
    <ul class="readings">${report.verdict.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
    <div class="grid-2">
      <figure><figcaption>${escapeHtml(main ? `Correlogram: ${main.id} (positive lag = Russell 2000 leads; band = 95 % under no link)` : 'Correlogram')}</figcaption><div id="thesis-ccf" class="chart"></div></figure>
      <figure><figcaption>${escapeHtml(study ? `Event study: ${study.target}, ${study.events} breakouts, mean path vs placebo band` : 'Event study')}</figcaption><div id="thesis-event" class="chart"></div></figure>
    </div>`;
  if (main) {
    const lags = main.correlogram.map((p) => p.lag * main.unitDays);
    chart('thesis-ccf', (el) =>
      renderTimeChart(el, {
        dates: [],
        numericX: { values: lags, label: 'lag, days' },
        series: [
          { label: 'r', values: main.correlogram.map((p) => p.r), color: '--accent', format: (v) => v.toFixed(3) },
          { label: 'band +', values: main.correlogram.map((p) => p.band), color: '--muted', dash: [4, 3], format: (v) => v.toFixed(3) },
          { label: 'band −', values: main.correlogram.map((p) => (p.band === null ? null : -p.band)), color: '--muted', dash: [4, 3], format: (v) => v.toFixed(3) },
        ],
      }),
    );
  }
  if (study) {
    chart('thesis-event', (el) =>
      renderTimeChart(el, {
        dates: [],
        numericX: { values: study.path.map((p) => p.day), label: 'days after the breakout' },
        series: [
          { label: 'mean excess (log)', values: study.path.map((p) => p.excess), color: '--alt', width: 2, format: (v) => v.toFixed(3) },
          { label: 'placebo low', values: study.path.map((p) => p.placeboLower), color: '--muted', dash: [4, 3], format: (v) => v.toFixed(3) },
          { label: 'placebo high', values: study.path.map((p) => p.placeboUpper), color: '--muted', dash: [4, 3], format: (v) => v.toFixed(3) },
        ],
      }),
    );
  }
}

function setupControls(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-window]')) {
    button.addEventListener('click', () => {
      state.window = Number(button.dataset.window);
      for (const other of document.querySelectorAll('[data-window]')) other.classList.toggle('active', other === button);
      void loadIndex().catch((error) => showError('asi-chart', error));
    });
  }
  const stored = localStorage.getItem('altseason-theme');
  if (stored) document.documentElement.dataset.theme = stored;
  $('theme-toggle').addEventListener('click', () => {
    const dark = document.documentElement.dataset.theme
      ? document.documentElement.dataset.theme === 'dark'
      : matchMedia('(prefers-color-scheme: dark)').matches;
    document.documentElement.dataset.theme = dark ? 'light' : 'dark';
    localStorage.setItem('altseason-theme', document.documentElement.dataset.theme);
    void renderAll();
  });
}

async function renderAll(): Promise<void> {
  await Promise.all([
    loadStatus().catch((error) => showError('status', error)),
    loadIndex().catch((error) => showError('asi-chart', error)),
    loadDominance().catch((error) => showError('btcd-chart', error)),
    loadRut().catch((error) => showError('rut-chart', error)),
    loadThesis(),
  ]);
  document.body.dataset.ready = 'true';
}

/** While `serve` syncs in the background, say so, and reload everything when it finishes. */
async function watchSync(): Promise<void> {
  const notice = $('sync-notice');
  let wasRunning = false;
  for (;;) {
    const sync = await getJson<SyncStatusResponse>('/api/sync').catch(() => null);
    if (!sync) return;
    notice.hidden = sync.state !== 'running';
    notice.textContent = sync.state === 'running' ? `${sync.detail} (since ${sync.startedAt?.slice(11, 16)} UTC); the dashboard refreshes when it is done.` : '';
    if (sync.state !== 'running') {
      if (wasRunning) await loadMeta().then(renderAll);
      return;
    }
    wasRunning = true;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

setupControls();
void watchSync();
void loadMeta()
  .catch((error) => showError('status', error))
  .then(renderAll);
