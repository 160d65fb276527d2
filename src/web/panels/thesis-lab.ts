/**
 * The thesis lab: does Russell 2000 strength lead altcoins? Nothing is asked of the server until the
 * user opens the lab; then GET /api/thesis shows a computed report, or a button that computes it
 * (POST /api/thesis, about 10 s on the shared data).
 */
import type { ThesisReport } from '../../app/contracts/thesis.ts';
import { computeThesis, fetchThesis } from '../api.ts';
import { mountChart } from '../charts/chart-view.ts';
import { $, showError } from '../dom.ts';
import { escapeHtml } from '../format.ts';

let opened = false;

export function setupThesisLab(): void {
  const lab = $<HTMLDetailsElement>('thesis-lab');
  lab.addEventListener('toggle', () => {
    if (lab.open && !opened) {
      opened = true;
      void loadThesis();
    }
  });
}

async function loadThesis(): Promise<void> {
  const target = $('thesis');
  target.innerHTML = '<p class="muted">Asking the server for the thesis report…</p>';
  try {
    const answer = await fetchThesis();
    if (answer.state === 'computed') return renderThesis(answer.report);
    if (answer.state === 'computing') {
      // Someone (another tab, the CLI's server) started a run: POST waits for that same run.
      target.innerHTML = `<p class="muted" data-testid="thesis-state">${escapeHtml(answer.detail ?? 'The thesis tests are running')}…</p>`;
      return renderThesis(await computeThesis());
    }
    const state = answer.state === 'failed' ? `The last run failed: ${answer.detail ?? 'no detail given'}.` : 'Not computed yet in this server.';
    target.innerHTML = `<p>Does Russell 2000 strength lead altcoin outperformance? The lab runs cross-correlations,
      Granger tests, an event study after Russell 2000 breakouts against a bootstrap placebo, hit rates and the
      historical precedents, adjusted for the number of tests (about 10 s).</p>
      <p class="muted" data-testid="thesis-state">${escapeHtml(state)}</p>
      <button id="thesis-run" type="button">${answer.state === 'failed' ? 'Run them again' : 'Run the thesis tests'}</button>
      <span class="muted">or <code>altseason thesis --format html --out thesis.html</code></span>`;
    $('thesis-run').addEventListener('click', () => void runThesis());
  } catch (error) {
    showError('thesis', error);
  }
}

async function runThesis(): Promise<void> {
  const button = $<HTMLButtonElement>('thesis-run');
  button.disabled = true;
  button.textContent = 'Running the tests…';
  try {
    renderThesis(await computeThesis());
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
    mountChart('thesis-ccf', {
      dates: [],
      numericX: { values: main.correlogram.map((p) => p.lag * main.unitDays), label: 'lag, days' },
      series: [
        { label: 'r', values: main.correlogram.map((p) => p.r), color: '--accent', format: (v) => v.toFixed(3) },
        { label: 'band +', values: main.correlogram.map((p) => p.band), color: '--muted', dash: [4, 3], format: (v) => v.toFixed(3) },
        { label: 'band −', values: main.correlogram.map((p) => (p.band === null ? null : -p.band)), color: '--muted', dash: [4, 3], format: (v) => v.toFixed(3) },
      ],
    });
  }
  if (study) {
    mountChart('thesis-event', {
      dates: [],
      numericX: { values: study.path.map((p) => p.day), label: 'days after the breakout' },
      series: [
        { label: 'mean excess (log)', values: study.path.map((p) => p.excess), color: '--alt', width: 2, format: (v) => v.toFixed(3) },
        { label: 'placebo low', values: study.path.map((p) => p.placeboLower), color: '--muted', dash: [4, 3], format: (v) => v.toFixed(3) },
        { label: 'placebo high', values: study.path.map((p) => p.placeboUpper), color: '--muted', dash: [4, 3], format: (v) => v.toFixed(3) },
      ],
    });
  }
}
