/**
 * Vertical bands over a time chart: date spans (past altcoin seasons) shaded from the start of
 * their first day to the end of their last, under the grid and the series, in a theme colour read
 * from a CSS variable at every paint (so a theme switch recolours them). A key for them is added
 * to the chart's legend. The bands follow the chart across re-renders (a new theme, a new range):
 * the element is watched and each new chart on it gets the same drawClear hook.
 * Colours go through the canvas and the CSSOM only: the page's CSP allows no inline style attributes.
 */
import type uPlot from 'uplot';
import type { ChartElement } from './time-chart.ts';

export interface DateSpan {
  /** ISO dates, inclusive. */
  start: string;
  end: string;
}

export interface XBandsOptions {
  /** CSS variable for the fill, e.g. '--alt-band'. */
  fill: string;
  /** CSS variable for the legend key's border, e.g. '--alt'. */
  stroke: string;
  /** The legend's words for the bands. */
  label: string;
}

/** The element carries what its last paint shaded, for tests to read back. */
export type BandedChartElement = ChartElement & { bandsDrawn?: number };

const DAY_SECONDS = 86_400;
const toSeconds = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;

/**
 * The pixel extent [x, x + width) of each span inside the plot [left, left + plotWidth), spans wholly
 * outside it left out. A span covers its start day up to the start of the day after its end, so a
 * one-day span has a width. `toPos` maps seconds to pixels (uPlot's valToPos on x).
 */
export function spanRects(spans: readonly DateSpan[], toPos: (seconds: number) => number, left: number, plotWidth: number): { x: number; width: number }[] {
  const right = left + plotWidth;
  const rects: { x: number; width: number }[] = [];
  for (const span of spans) {
    const a = toPos(toSeconds(span.start));
    const b = toPos(toSeconds(span.end) + DAY_SECONDS);
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const x0 = Math.max(left, Math.min(a, b));
    const x1 = Math.min(right, Math.max(a, b));
    if (x1 > x0) rects.push({ x: x0, width: x1 - x0 });
  }
  return rects;
}

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || name;

function legendKey(u: uPlot, options: XBandsOptions): void {
  const body = u.root.querySelector('.u-legend tbody') ?? u.root.querySelector('.u-legend');
  if (!body || body.querySelector('.x-band-key')) return;
  const row = document.createElement('tr');
  row.className = 'u-series x-band-key';
  const th = document.createElement('th');
  const marker = document.createElement('div');
  marker.className = 'u-marker';
  marker.style.background = cssVar(options.fill);
  marker.style.borderColor = cssVar(options.stroke);
  const label = document.createElement('div');
  label.className = 'u-label';
  label.textContent = options.label;
  th.append(marker, label);
  row.append(th, document.createElement('td'));
  body.append(row);
}

const attached = new WeakSet<uPlot>();

function attach(element: BandedChartElement, spans: readonly DateSpan[], options: XBandsOptions): void {
  const u = element.chartHandle?.uplot;
  if (!u || attached.has(u)) return;
  attached.add(u);
  const draw = (chart: uPlot) => {
    const { left, top, width, height } = chart.bbox;
    const rects = spanRects(spans, (s) => chart.valToPos(s, 'x', true), left, width);
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = cssVar(options.fill);
    for (const r of rects) ctx.fillRect(r.x, top, r.width, height);
    ctx.restore();
    element.bandsDrawn = rects.length;
  };
  // First in drawClear: under the chart's own decorations, the grid and the series.
  (u.hooks.drawClear ??= []).unshift(draw);
  legendKey(u, options);
  u.redraw(false, false);
}

const watchers = new WeakMap<HTMLElement, MutationObserver>();

/** Shades these date spans on the chart mounted in the element with this id, now and after every re-render. */
export function shadeDateSpans(id: string, spans: readonly DateSpan[], options: XBandsOptions): void {
  const element = document.getElementById(id) as BandedChartElement | null;
  if (!element) return;
  watchers.get(element)?.disconnect();
  const observer = new MutationObserver(() => attach(element, spans, options));
  observer.observe(element, { childList: true });
  watchers.set(element, observer);
  attach(element, spans, options);
}
