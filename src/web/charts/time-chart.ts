/**
 * A thin wrapper over uPlot for the dashboard's daily time series: theme colours from CSS
 * variables, shaded horizontal bands (season zones), reference lines, marker-only series
 * (records, breakouts), click-to-select a date, and resizing with its container.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** CSS variable name for the colour, e.g. '--accent'. */
  color: string;
  width?: number;
  dash?: number[];
  /** Draw markers only (no line). */
  markers?: 'dot' | 'diamond';
  scale?: 'y' | 'y2';
  format?: (value: number) => string;
}

export interface ChartOptions {
  /** ISO dates, ascending (a time axis)… */
  dates: string[];
  /** …or plain numbers on the x axis (lags, days after an event), labelled with xLabel. */
  numericX?: { values: number[]; label: string };
  series: ChartSeries[];
  bands?: { from: number; to: number; color: string }[];
  lines?: { value: number; color: string }[];
  yRange?: [number, number];
  logScale?: boolean;
  y2?: boolean;
  height?: number;
  onSelectDate?: (date: string) => void;
}

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || name;
const toSeconds = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

export function renderTimeChart(container: HTMLElement, options: ChartOptions): () => void {
  container.replaceChildren();
  const count = options.numericX ? options.numericX.values.length : options.dates.length;
  if (count === 0 || options.series.every((s) => s.values.every((v) => v === null))) {
    const empty = document.createElement('div');
    empty.className = 'empty';
    empty.textContent = 'No data for this chart in the store yet.';
    container.append(empty);
    return () => undefined;
  }
  const xs = options.numericX ? options.numericX.values : options.dates.map(toSeconds);
  const text = css('--text');
  const grid = css('--grid');
  const axis = (scale: string, side?: number): uPlot.Axis => ({
    scale,
    side: side ?? 3,
    stroke: css('--muted'),
    grid: { stroke: grid, width: 1, show: side !== 1 },
    ticks: { stroke: grid },
    size: 56,
    values: (_u, values) => values.map((v) => (v == null ? '' : compact(v))),
  });
  const uSeries: uPlot.Series[] = [
    options.numericX
      ? { label: options.numericX.label, value: (_u, v) => (v == null ? '—' : String(v)) }
      : { value: (_u, v) => (v == null ? '—' : new Date(v * 1000).toISOString().slice(0, 10)) },
    ...options.series.map((s): uPlot.Series => ({
      label: s.label,
      stroke: css(s.color),
      width: s.markers ? 0 : (s.width ?? 1.5),
      dash: s.dash,
      scale: s.scale ?? 'y',
      spanGaps: false,
      points: s.markers
        ? { show: true, size: s.markers === 'diamond' ? 11 : 5, fill: css(s.color), stroke: s.markers === 'diamond' ? text : css(s.color), width: s.markers === 'diamond' ? 1.5 : 0 }
        : { show: false },
      paths: s.markers ? () => null : undefined,
      value: (_u, v) => (v == null ? '—' : s.format ? s.format(v) : compact(v)),
    })),
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
    for (const line of options.lines ?? []) {
      const y = u.valToPos(line.value, 'y', true);
      if (y < top || y > top + height) continue;
      ctx.strokeStyle = css(line.color);
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
    }
    ctx.restore();
  };
  const opts: uPlot.Options = {
    width: Math.max(280, container.clientWidth),
    height: options.height ?? (container.classList.contains('tall') ? 300 : 210),
    series: uSeries,
    scales: {
      x: { time: !options.numericX },
      y: options.yRange ? { range: options.yRange } : { distr: options.logScale ? 3 : 1 },
      ...(options.y2 ? { y2: {} } : {}),
    },
    axes: [{ stroke: css('--muted'), grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, ...(options.numericX ? { label: options.numericX.label, labelSize: 20 } : {}) }, axis('y'), ...(options.y2 ? [axis('y2', 1)] : [])],
    legend: { live: true },
    cursor: { drag: { x: true, y: false }, points: { size: 6 } },
    hooks: { drawClear: [drawDecorations] },
  };
  const data: uPlot.AlignedData = [xs, ...options.series.map((s) => s.values)];
  const chart = new uPlot(opts, data, container);
  if (options.onSelectDate) {
    chart.over.addEventListener('click', () => {
      const index = chart.cursor.idx;
      if (index != null && options.dates[index]) options.onSelectDate!(options.dates[index]!);
    });
    chart.over.style.cursor = 'pointer';
  }
  const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(280, container.clientWidth), height: chart.height }));
  observer.observe(container);
  return () => {
    observer.disconnect();
    chart.destroy();
  };
}

/** 1234567 → 1.23M; 0.1234 → 0.123 */
export function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e12) return `${(value / 1e12).toFixed(2)}T`;
  if (abs >= 1e11) return `${(value / 1e9).toFixed(0)}B`;
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
