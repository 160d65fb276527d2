/**
 * A terminal chart of one signal's history: one column per bucket of days (the bucket's last
 * value, like the sparkline), eighth-block bars scaled from the minimum to the maximum shown, with
 * the scale and the first and last dates labelled. A series crossing zero draws its zero line.
 */
const EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export interface SignalChartPoint {
  date: string;
  value: number;
}

function label(value: number): string {
  const abs = Math.abs(value);
  const text = abs >= 1e9 ? `${(value / 1e9).toFixed(1)}B` : abs >= 1e6 ? `${(value / 1e6).toFixed(1)}M` : abs >= 1e3 ? `${(value / 1e3).toFixed(1)}k` : abs >= 10 ? value.toFixed(0) : value.toFixed(2);
  return text.replace(/^-/, '−');
}

export function renderSignalChart(points: readonly SignalChartPoint[], options: { width?: number; height?: number } = {}): string {
  const { width = 80, height = 8 } = options;
  if (points.length === 0) return '';
  const columns = Math.max(1, Math.min(points.length, width - 9));
  const picked: number[] = [];
  for (let c = 0; c < columns; c++) picked.push(points[Math.floor(((c + 1) * points.length) / columns) - 1]!.value);
  const min = Math.min(...picked, ...(picked.some((v) => v < 0) && picked.some((v) => v > 0) ? [0] : []));
  const max = Math.max(...picked);
  const span = max - min || Math.abs(max) || 1;
  const base = max === min ? min - span / 2 : min;
  const scale = max === min ? span : span;
  const zeroRow = min < 0 && max > 0 ? height - 1 - Math.floor(((0 - base) / scale) * height) : -1;
  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    const top = base + ((height - row) / height) * scale;
    const bottom = base + ((height - row - 1) / height) * scale;
    const tag = row === 0 ? label(max) : row === height - 1 ? label(min) : row === zeroRow ? '0' : '';
    let line = tag.padStart(7) + ' ┤';
    for (const v of picked) {
      let cell = v >= top ? '█' : v > bottom ? EIGHTHS[Math.max(1, Math.round(((v - bottom) / (top - bottom)) * 8))]! : ' ';
      if (cell === ' ' && row === zeroRow) cell = '·';
      line += cell;
    }
    lines.push(line.trimEnd());
  }
  const first = points[0]!.date;
  const last = points[points.length - 1]!.date;
  lines.push(' '.repeat(9) + first + ' '.repeat(Math.max(1, columns - first.length - last.length)) + last);
  return lines.join('\n') + '\n';
}
