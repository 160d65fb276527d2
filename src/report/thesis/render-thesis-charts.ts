/**
 * Inline SVG charts for the HTML thesis report: self-contained (no scripts, fonts or external
 * requests), styled by CSS classes so one stylesheet serves light and dark mode.
 */
import type { EventStudySummary, LeadLagResult, ThesisReport } from '../../analytics/thesis/thesis-report.ts';

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { left: 52, right: 52, top: 16, bottom: 34 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function scale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min || 1;
  const step0 = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => span / s <= count) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(10)));
  return ticks;
}

function path(points: [number, number][]): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

function frame(title: string, body: string, yTicks: { y: number; label: string }[], xTicks: { x: number; label: string }[], extra = ''): string {
  const grid = yTicks.map((t) => `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${t.y.toFixed(1)}" y2="${t.y.toFixed(1)}"/><text class="tick" x="${MARGIN.left - 6}" y="${(t.y + 4).toFixed(1)}" text-anchor="end">${escapeXml(t.label)}</text>`).join('');
  const xs = xTicks.map((t) => `<text class="tick" x="${t.x.toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${escapeXml(t.label)}</text>`).join('');
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeXml(title)}</title>${grid}${xs}${body}${extra}</svg>`;
}

/** Bars of r(k) with the ±band envelope; positive lags = the driver leads. */
export function correlogramSvg(result: LeadLagResult, title: string): string {
  const points = result.correlogram.filter((p) => p.r !== null);
  const extent = Math.max(0.05, ...points.map((p) => Math.abs(p.r!)), ...points.map((p) => p.band ?? 0)) * 1.1;
  const lags = result.correlogram.map((p) => p.lag);
  const x = scale([Math.min(...lags) - 0.5, Math.max(...lags) + 0.5], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = scale([-extent, extent], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const barWidth = Math.max(1, ((WIDTH - MARGIN.left - MARGIN.right) / lags.length) * 0.7);
  const bars = points
    .map((p) => {
      const top = Math.min(y(p.r!), y(0));
      const cls = p.band !== null && Math.abs(p.r!) > p.band ? 'bar outside' : 'bar';
      return `<rect class="${cls}" x="${(x(p.lag) - barWidth / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.abs(y(p.r!) - y(0)).toFixed(1)}"><title>lag ${p.lag}: r = ${p.r!.toFixed(3)}, band ±${(p.band ?? 0).toFixed(3)}, n = ${p.n}</title></rect>`;
    })
    .join('');
  const upper = path(result.correlogram.map((p) => [x(p.lag), p.band === null ? NaN : y(p.band)]));
  const lower = path(result.correlogram.map((p) => [x(p.lag), p.band === null ? NaN : y(-p.band)]));
  const peak = result.lead.peakLag;
  const marker = peak === null ? '' : `<line class="marker" x1="${x(peak).toFixed(1)}" x2="${x(peak).toFixed(1)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}"/><text class="label" x="${(x(peak) + 4).toFixed(1)}" y="${MARGIN.top + 12}">peak lead ${result.lead.peakLagDays} d</text>`;
  const unit = result.unitDays === 1 ? 'days' : 'weeks';
  const yTicks = niceTicks(-extent, extent).map((v) => ({ y: y(v), label: v.toFixed(2) }));
  const xTicks = niceTicks(Math.min(...lags), Math.max(...lags), 8).map((v) => ({ x: x(v), label: String(v) }));
  const zero = `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}"/>`;
  const legend = `<text class="label" x="${WIDTH - MARGIN.right}" y="${HEIGHT - 4}" text-anchor="end">lag (${unit}); &gt; 0: ${escapeXml(result.driver === 'rut' ? 'RUT' : 'RUT/SPX')} leads · dashed: 95 % band</text>`;
  return frame(title, `${zero}${bars}<path class="band" d="${upper}"/><path class="band" d="${lower}"/>${marker}`, yTicks, xTicks, legend);
}

/** Mean cumulative excess after events, with the placebo 95 % band shaded. */
export function eventPathSvg(study: EventStudySummary, title: string): string {
  const path0 = study.path;
  const values = path0.flatMap((p) => [p.excess, p.placeboLower, p.placeboUpper]).filter((v): v is number => v !== null && Number.isFinite(v));
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const pad = (max - min) * 0.08 || 0.01;
  const x = scale([0, study.horizonDays], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = scale([min - pad, max + pad], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const band = path0.filter((p) => p.placeboLower !== null && p.placeboUpper !== null);
  const area = band.length
    ? `<path class="area" d="M${band.map((p) => `${x(p.day).toFixed(1)},${y(p.placeboUpper!).toFixed(1)}`).join('L')}L${[...band]
        .reverse()
        .map((p) => `${x(p.day).toFixed(1)},${y(p.placeboLower!).toFixed(1)}`)
        .join('L')}Z"/>`
    : '';
  const line = `<path class="line primary" d="${path([[x(0), y(0)], ...path0.map((p): [number, number] => [x(p.day), p.excess === null ? NaN : y(p.excess)])])}"/>`;
  const zero = `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}"/>`;
  const yTicks = niceTicks(min - pad, max + pad).map((v) => ({ y: y(v), label: v.toFixed(2) }));
  const xTicks = niceTicks(0, study.horizonDays, 6).map((v) => ({ x: x(v), label: String(v) }));
  const legend = `<text class="label" x="${WIDTH - MARGIN.right}" y="${HEIGHT - 4}" text-anchor="end">days after the breakout · line: mean excess log return (${study.events} events) · shaded: placebo 95 %</text>`;
  return frame(title, `${area}${zero}${line}`, yTicks, xTicks, legend);
}

/** Russell 2000 (log scale, left axis) and the ASI (0–100, right axis) with breakouts marked. */
export function rutAndAsiSvg(report: ThesisReport, title: string): string {
  const points = report.chart.points;
  if (!points.length) return '';
  const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const t0 = time(points[0]!.date);
  const t1 = time(points.at(-1)!.date);
  const x = scale([t0, t1], [MARGIN.left, WIDTH - MARGIN.right]);
  const ruts = points.map((p) => p.rut).filter((v): v is number => v !== null && v > 0);
  const logMin = Math.log(Math.min(...ruts));
  const logMax = Math.log(Math.max(...ruts));
  const yRut = scale([logMin, logMax], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const yAsi = scale([0, 100], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const rutLine = `<path class="line primary" d="${path(points.map((p) => [x(time(p.date)), p.rut !== null && p.rut > 0 ? yRut(Math.log(p.rut)) : NaN]))}"/>`;
  const asiLine = `<path class="line secondary" d="${path(points.map((p) => [x(time(p.date)), p.asi === null ? NaN : yAsi(p.asi)]))}"/>`;
  const threshold = `<line class="threshold" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${yAsi(report.settings.altseasonThreshold).toFixed(1)}" y2="${yAsi(report.settings.altseasonThreshold).toFixed(1)}"/>`;
  const marks = report.breakouts
    .map((b) => `<line class="marker" x1="${x(time(b.date)).toFixed(1)}" x2="${x(time(b.date)).toFixed(1)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}"><title>breakout ${b.date} after a ${b.drawdownPct.toFixed(1)} % drawdown</title></line>`)
    .join('');
  const rutTicks = niceTicks(Math.exp(logMin), Math.exp(logMax), 4).filter((v) => v > 0).map((v) => ({ y: yRut(Math.log(v)), label: String(Math.round(v)) }));
  const asiTicks = [0, 25, 50, 75, 100].map((v) => `<text class="tick" x="${WIDTH - MARGIN.right + 6}" y="${(yAsi(v) + 4).toFixed(1)}">${v}</text>`).join('');
  const years: { x: number; label: string }[] = [];
  for (let year = new Date(t0).getUTCFullYear() + 1; year <= new Date(t1).getUTCFullYear(); year++) years.push({ x: x(Date.UTC(year, 0, 1)), label: String(year) });
  const every = Math.ceil(years.length / 10);
  const legend = `<text class="label" x="${MARGIN.left}" y="${HEIGHT - 4}">solid: ^RUT (log scale, left) · dotted: ASI (right, line at ${report.settings.altseasonThreshold}) · vertical: breakouts</text>`;
  return frame(title, `${threshold}${marks}${rutLine}${asiLine}${asiTicks}`, rutTicks, years.filter((_, i) => i % every === 0), legend);
}
