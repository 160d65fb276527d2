/** The range presets (1Y / 3Y / all) and the log/linear switch above the charts. */
import { currentView, onViewChange, setView, type ChartView } from '../charts/chart-view.ts';

function showView(view: Readonly<ChartView>): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-range]')) {
    button.classList.toggle('active', view.range === button.dataset.range);
    button.setAttribute('aria-pressed', String(view.range === button.dataset.range));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-scale]')) {
    const active = (button.dataset.scale === 'log') === view.log;
    button.classList.toggle('active', active);
    button.setAttribute('aria-pressed', String(active));
  }
  const custom = document.getElementById('range-custom');
  if (custom) {
    const range = view.range;
    custom.textContent = typeof range === 'object' ? `${new Date(range.min * 1000).toISOString().slice(0, 10)} → ${new Date(range.max * 1000).toISOString().slice(0, 10)}` : '';
  }
}

export function setupViewControls(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-range]')) {
    button.addEventListener('click', () => setView({ range: button.dataset.range as '1y' | '3y' | 'all' }));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-scale]')) {
    button.addEventListener('click', () => setView({ log: button.dataset.scale === 'log' }));
  }
  onViewChange(showView);
  showView(currentView());
}
