/**
 * A thin wrapper over uPlot for the dashboard's series: theme colours from CSS variables, shaded
 * horizontal bands (season zones), reference lines, marker series drawn as the shape their legend
 * shows (records as dots, breakouts as diamonds), click-to-select a date, drag-to-pick a range,
 * a crosshair shared by every time chart, and resizing with its container.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { compact, formatTicks } from '../format.ts';
import { logTicks } from './log-ticks.ts';

export type MarkerShape = 'dot' | 'diamond';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** CSS variable name for the colour, e.g. '--accent'. */
  color: string;
  width?: number;
  dash?: number[];
  /** Draw markers only (no line), in this shape: on the plot and in the legend alike. */
  markers?: MarkerShape;
  format?: (value: number) => string;
}

export interface ChartOptions {
  /** ISO dates, ascending (a time axis)… */
  dates: string[];
  /** …or plain numbers on the x axis (lags, days after an event), labelled. */
  numericX?: { values: number[]; label: string };
  series: ChartSeries[];
  bands?: { from: number; to: number; color: string }[];
  lines?: { value: number; color: string }[];
  yRange?: [number, number];
  logScale?: boolean;
  height?: number;
  /** The visible x range in seconds (time charts); all data when absent. */
  xRange?: [number, number] | null;
  /** Time charts with the same key share one crosshair. */
  syncKey?: string;
  onSelectDate?: (date: string) => void;
  /** Called with the dragged x range in seconds (time charts). */
  onRangeSelect?: (min: number, max: number) => void;
}

export interface ChartHandle {
  uplot: uPlot;
  /** Draws a vertical line at this date (the date whose constituents are listed), or none. */
  markDate(date: string | null): void;
  /** Markers drawn in the last paint, per series label: what a test compares with the legend. */
  markersDrawn: Map<string, { shape: MarkerShape; count: number }>;
  destroy(): void;
}

/** The element a chart was rendered into carries its handle, for the browser tests to read back. */
export type ChartElement = HTMLElement & { chartHandle?: ChartHandle };

// uPlot's axis font, set explicitly so the axis width can be measured with the same font.
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const TICK_SIZE = 8;
const TICK_GAP = 5;
const DIAMOND_HALF = 6;
const DOT_RADIUS = 2.5;

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || name;
export const toSeconds = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;
const isoOfSeconds = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

let measureContext: CanvasRenderingContext2D | null = null;
/** Width in CSS pixels of an axis label, as uPlot will draw it. */
export function axisTextWidth(text: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7.5;
  measureContext.font = AXIS_FONT;
  return measureContext.measureText(text).width;
}

/** Room for the widest label, so "−0.050" is not clipped at the left edge (a fixed width was). */
function yAxisSize(_u: uPlot, values: string[] | null): number {
  const widest = values && values.length ? Math.max(...values.map((v) => axisTextWidth(String(v)))) : axisTextWidth('0000');
  return Math.ceil(widest + TICK_SIZE + TICK_GAP + 6);
}

function markerPath(shape: MarkerShape, x: number, y: number, scale: number): Path2D {
  const path = new Path2D();
  if (shape === 'diamond') {
    const h = DIAMOND_HALF * scale;
    path.moveTo(x, y - h);
    path.lineTo(x + h, y);
    path.lineTo(x, y + h);
    path.lineTo(x - h, y);
    path.closePath();
  } else {
    path.arc(x, y, DOT_RADIUS * scale, 0, Math.PI * 2);
  }
  return path;
}

export function renderTimeChart(container: ChartElement, options: ChartOptions): ChartHandle | null {
  container.replaceChildren();
  delete container.chartHandle;
  const count = options.numericX ? options.numericX.values.length : options.dates.length;
  if (count === 0 || options.series.every((s) => s.values.every((v) => v === null))) {
    const empty = document.createElement('div');
    empty.className = 'empty';
    empty.textContent = 'No data for this chart in the store yet.';
    container.append(empty);
    return null;
  }
  const xs = options.numericX ? options.numericX.values : options.dates.map(toSeconds);
  const grid = css('--grid');
  const muted = css('--muted');
  const log = options.logScale === true && !options.yRange;
  let marked: number | null = null;
  const markersDrawn = new Map<string, { shape: MarkerShape; count: number }>();

  const yAxis: uPlot.Axis = {
    scale: 'y',
    side: 3,
    font: AXIS_FONT,
    stroke: muted,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, size: TICK_SIZE },
    gap: TICK_GAP,
    size: yAxisSize,
    values: (_u, splits) => formatTicks(splits, { log }),
    ...(log ? { splits: (u: uPlot) => logTicks(u.scales.y!.min ?? 0, u.scales.y!.max ?? 0) } : {}),
  };
  const xAxis: uPlot.Axis = {
    font: AXIS_FONT,
    stroke: muted,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid },
    ...(options.numericX ? { label: options.numericX.label, labelSize: 20, labelFont: AXIS_FONT, values: (_u: uPlot, splits: number[]) => formatTicks(splits) } : {}),
  };
  const uSeries: uPlot.Series[] = [
    options.numericX
      ? { label: options.numericX.label, value: (_u, v) => (v == null ? '—' : String(v)) }
      : { label: 'Date', value: (_u, v) => (v == null ? '—' : isoOfSeconds(v)) },
    ...options.series.map(
      (s): uPlot.Series => ({
        label: s.label,
        stroke: css(s.color),
        width: s.markers ? 0 : (s.width ?? 1.5),
        dash: s.dash,
        spanGaps: false,
        // Marker series are painted by drawMarkers in their own shape; uPlot only draws circles.
        points: { show: false },
        ...(s.markers ? { paths: () => null, fill: css(s.color) } : {}),
        value: (_u, v) => (v == null ? '—' : s.format ? s.format(v) : compact(v)),
      }),
    ),
  ];

  const drawDecorations = (u: uPlot) => {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    for (const band of options.bands ?? []) {
      const y1 = u.valToPos(band.to, 'y', true);
      const y2 = u.valToPos(band.from, 'y', true);
      ctx.fillStyle = css(band.color);
      ctx.fillRect(left, Math.max(top, y1), width, Math.min(top + height, y2) - Math.max(top, y1));
    }
    ctx.lineWidth = uPlot.pxRatio;
    for (const line of options.lines ?? []) {
      const y = u.valToPos(line.value, 'y', true);
      if (y < top || y > top + height) continue;
      ctx.strokeStyle = css(line.color);
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
    }
    if (marked !== null) {
      const x = u.valToPos(marked, 'x', true);
      if (x >= left && x <= left + width) {
        ctx.strokeStyle = css('--text');
        ctx.setLineDash([2, 3]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
      }
    }
    ctx.restore();
  };

  const drawMarkers = (u: uPlot) => {
    markersDrawn.clear();
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const xMin = u.scales.x!.min ?? -Infinity;
    const xMax = u.scales.x!.max ?? Infinity;
    ctx.save();
    options.series.forEach((s, i) => {
      if (!s.markers || u.series[i + 1]?.show === false) return;
      const fill = css(s.color);
      let drawn = 0;
      for (let j = 0; j < xs.length; j++) {
        const v = s.values[j];
        const xv = xs[j]!;
        if (v == null || xv < xMin || xv > xMax) continue;
        const x = u.valToPos(xv, 'x', true);
        const y = u.valToPos(v, 'y', true);
        if (x < left || x > left + width || y < top || y > top + height) continue;
        const path = markerPath(s.markers, x, y, uPlot.pxRatio);
        ctx.fillStyle = fill;
        ctx.fill(path);
        if (s.markers === 'diamond') {
          ctx.strokeStyle = css('--text');
          ctx.lineWidth = uPlot.pxRatio;
          ctx.stroke(path);
        }
        drawn++;
      }
      markersDrawn.set(s.label, { shape: s.markers, count: drawn });
    });
    ctx.restore();
  };

  const opts: uPlot.Options = {
    width: Math.max(280, container.clientWidth),
    height: options.height ?? (container.classList.contains('tall') ? 300 : 210),
    series: uSeries,
    scales: {
      x: { time: !options.numericX },
      // uPlot snaps a log range to whole powers of ten (1T–10T for a year of 1–3T); pad the data instead.
      y: options.yRange ? { range: options.yRange } : log ? { distr: 3, range: (_u, min, max) => (min > 0 && max > 0 ? [min / 1.05, max * 1.05] : [1, 10]) } : { distr: 1 },
    },
    axes: [xAxis, yAxis],
    legend: { live: true },
    cursor: {
      // A drag picks a range for every time chart (onRangeSelect); the chart itself does not zoom.
      drag: { x: !!options.onRangeSelect, y: false, setScale: false },
      points: { size: 6 },
      // uPlot's double-click resets only its own chart's zoom; the range buttons reset all of them.
      bind: { dblclick: () => () => null },
      ...(options.syncKey ? { sync: { key: options.syncKey, scales: ['x', null] as [string, null] } } : {}),
    },
    hooks: {
      drawClear: [drawDecorations],
      draw: [drawMarkers],
      setSelect: [
        (u) => {
          if (!options.onRangeSelect || u.select.width < 5) return;
          const min = u.posToVal(u.select.left, 'x');
          const max = u.posToVal(u.select.left + u.select.width, 'x');
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          // After this event: the callback re-renders the charts, this one included.
          setTimeout(() => options.onRangeSelect!(min, max), 0);
        },
      ],
    },
  };
  const data: uPlot.AlignedData = [xs, ...options.series.map((s) => s.values)];
  const chart = new uPlot(opts, data, container);
  if (options.xRange) chart.setScale('x', { min: options.xRange[0], max: options.xRange[1] });

  // The legend shows each marker series in the shape the plot draws (styles.css: .u-marker[data-shape]).
  const legendRows = chart.root.querySelectorAll<HTMLElement>('.u-legend .u-series');
  options.series.forEach((s, i) => {
    const marker = legendRows[i + 1]?.querySelector<HTMLElement>('.u-marker');
    if (!marker || !s.markers) return;
    marker.dataset.shape = s.markers;
    marker.style.background = css(s.color);
    marker.style.borderColor = s.markers === 'diamond' ? css('--text') : css(s.color);
  });

  if (options.onSelectDate) {
    let downAt: number | null = null;
    chart.over.addEventListener('mousedown', (event) => (downAt = event.clientX));
    chart.over.addEventListener('click', (event) => {
      // The end of a drag is not a click on a date.
      if (downAt !== null && Math.abs(event.clientX - downAt) > 4) return;
      const index = chart.cursor.idx;
      if (index != null && options.dates[index]) options.onSelectDate!(options.dates[index]!);
    });
    chart.over.style.cursor = 'pointer';
  }
  const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(280, container.clientWidth), height: chart.height }));
  observer.observe(container);
  const handle: ChartHandle = {
    uplot: chart,
    markersDrawn,
    markDate(date) {
      marked = date ? toSeconds(date) : null;
      chart.redraw(false, false);
    },
    destroy() {
      observer.disconnect();
      chart.destroy();
      if (container.chartHandle === handle) delete container.chartHandle;
    },
  };
  container.chartHandle = handle;
  return handle;
}
