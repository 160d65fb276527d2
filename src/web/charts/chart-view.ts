/**
 * What every time chart shows at once: the range (1Y / 3Y / all, or a range dragged on any time
 * chart) and the scale of the price charts (linear or log). Panels mount their charts here; a
 * change of range re-scales them all, a change of scale re-renders the charts it applies to, and
 * one crosshair runs across all time charts (uPlot cursor sync on the date).
 */
import { renderTimeChart, toSeconds, type ChartElement, type ChartHandle, type ChartOptions } from './time-chart.ts';
import { xRangeFor, type ViewRange } from './x-range.ts';

export interface ChartView {
  range: ViewRange;
  /** Log scale for the charts that allow it (market caps, the Russell 2000). */
  log: boolean;
}

export interface MountOptions extends ChartOptions {
  /** A time chart (dates on x): it follows the range and shares the crosshair. */
  time?: boolean;
  /** It follows the log/linear switch (positive, price-like series only). */
  logCapable?: boolean;
}

export const CROSSHAIR_KEY = 'altseason-time';
const STORAGE_KEY = 'altseason-view';

function storedView(): ChartView {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<ChartView>;
    return { range: stored.range === '1y' || stored.range === '3y' ? stored.range : 'all', log: stored.log === true };
  } catch {
    return { range: 'all', log: false };
  }
}

const view: ChartView = storedView();
const mounted = new Map<string, { element: ChartElement; options: MountOptions; handle: ChartHandle | null; marked: string | null }>();
const listeners = new Set<(view: ChartView) => void>();

export const currentView = (): Readonly<ChartView> => view;

function rangeOf(options: MountOptions): [number, number] | null {
  const first = options.dates[0];
  const last = options.dates.at(-1);
  return options.time && first && last ? xRangeFor(view.range, toSeconds(first), toSeconds(last)) : null;
}

function render(id: string): ChartHandle | null {
  const entry = mounted.get(id);
  if (!entry) return null;
  entry.handle?.destroy();
  const { options } = entry;
  entry.handle = renderTimeChart(entry.element, {
    ...options,
    xRange: rangeOf(options),
    logScale: options.logCapable ? view.log : options.logScale,
    ...(options.time ? { syncKey: CROSSHAIR_KEY, onRangeSelect: (min: number, max: number) => setView({ range: { min, max } }) } : {}),
  });
  if (entry.marked) entry.handle?.markDate(entry.marked);
  return entry.handle;
}

/** Renders a chart into the element with this id (replacing the one there) and keeps it in view. */
export function mountChart(id: string, options: MountOptions): ChartHandle | null {
  const element = document.getElementById(id) as ChartElement | null;
  if (!element) return null;
  const marked = mounted.get(id)?.marked ?? null;
  mounted.get(id)?.handle?.destroy();
  mounted.set(id, { element, options, handle: null, marked });
  return render(id);
}

/** Marks a date on a mounted chart; the mark survives re-rendering. */
export function markChartDate(id: string, date: string | null): void {
  const entry = mounted.get(id);
  if (!entry) return;
  entry.marked = date;
  entry.handle?.markDate(date);
}

/** Re-renders every chart, e.g. in a new theme (colours come from CSS variables). */
export function rerenderCharts(): void {
  for (const id of mounted.keys()) render(id);
}

export function setView(change: Partial<ChartView>): void {
  const logChanged = change.log !== undefined && change.log !== view.log;
  Object.assign(view, change);
  // A dragged range is for this page view; the presets and the scale are remembered.
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ range: typeof view.range === 'string' ? view.range : 'all', log: view.log }));
  for (const [id, entry] of mounted) {
    if (logChanged && entry.options.logCapable) {
      render(id);
    } else if (change.range !== undefined && entry.options.time && entry.handle) {
      const range = rangeOf(entry.options);
      const first = entry.options.dates[0]!;
      const last = entry.options.dates.at(-1)!;
      const [min, max] = range ?? [toSeconds(first), toSeconds(last)];
      entry.handle.uplot.setScale('x', { min, max });
    }
  }
  for (const listener of listeners) listener(view);
}

export function onViewChange(listener: (view: ChartView) => void): void {
  listeners.add(listener);
}
