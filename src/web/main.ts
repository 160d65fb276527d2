/** The dashboard: wires the panels (one module each under panels/) to the page. */
import { rerenderCharts } from './charts/chart-view.ts';
import { $, showError } from './dom.ts';
import { loadAsi, setupAsiPanel } from './panels/asi-panel.ts';
import { loadMeta, watchSync } from './panels/data-status.ts';
import { loadDominance } from './panels/dominance-panel.ts';
import { loadRut } from './panels/rut-panel.ts';
import { loadRotation } from './panels/rotation-panel.ts';
import { loadSignals } from './panels/signals-panel.ts';
import { loadReadiness } from './panels/readiness-panel.ts';
import { loadPortfolio } from './panels/portfolio-panel.ts';
import { loadStatusCards } from './panels/status-cards.ts';
import { setupThesisLab } from './panels/thesis-lab.ts';
import { setupBacktestLab } from './panels/backtest-panel.ts';
import { setupViewControls } from './panels/view-controls.ts';
import './styles.css';

async function loadPanels(): Promise<void> {
  await Promise.all([
    loadStatusCards().catch((error) => showError('status', error)),
    loadAsi().catch((error) => showError('asi-chart', error)),
    loadDominance().catch((error) => showError('btcd-chart', error)),
    loadRut().catch((error) => showError('rut-chart', error)),
    loadRotation().catch((error) => showError('rot-tiers-chart', error)),
    loadSignals().catch((error) => showError('sig-table', error)),
    loadReadiness().catch((error) => showError('readiness-components', error)),
    loadPortfolio().catch((error) => showError('pf-summary', error)),
  ]);
  document.body.dataset.ready = 'true';
}

function setupTheme(): void {
  const stored = localStorage.getItem('altseason-theme');
  if (stored) document.documentElement.dataset.theme = stored;
  $('theme-toggle').addEventListener('click', () => {
    const dark = document.documentElement.dataset.theme
      ? document.documentElement.dataset.theme === 'dark'
      : matchMedia('(prefers-color-scheme: dark)').matches;
    document.documentElement.dataset.theme = dark ? 'light' : 'dark';
    localStorage.setItem('altseason-theme', document.documentElement.dataset.theme);
    // Chart colours are read from CSS variables when a chart is drawn.
    rerenderCharts();
  });
}

setupTheme();
setupViewControls();
setupAsiPanel();
setupThesisLab();
setupBacktestLab();
void watchSync(() => loadMeta().then(loadPanels));
void loadMeta()
  .catch((error) => showError('status', error))
  .then(loadPanels);
