/**
 * A compact terminal chart of a 0–100 index over time: one column per bucket of days (the mean of
 * its defined values), eighth-block bars, and the season thresholds drawn as underscores so the
 * 25/75 lines read at a glance. Altcoin-season columns are green, bitcoin-season ones red.
 */
import pc from 'picocolors';

export interface IndexChartPoint {
  date: string;
  index: number | null;
}

export interface IndexChartOptions {
  /** Total width in characters, axis included. */
  width?: number;
  /** Rows of bars; each covers 100/height index points. */
  height?: number;
  altThreshold?: number;
  btcThreshold?: number;
  color?: boolean;
}

const EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function renderIndexChart(points: readonly IndexChartPoint[], options: IndexChartOptions = {}): string {
  const { width = 100, height = 8, altThreshold = 75, btcThreshold = 25, color = false } = options;
  if (points.length === 0) return '';
  const columns = Math.max(1, Math.min(points.length, width - 5));
  const values: (number | null)[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * points.length) / columns);
    const to = Math.floor(((c + 1) * points.length) / columns);
    let sum = 0;
    let n = 0;
    for (let i = from; i < to; i++) {
      const v = points[i]!.index;
      if (v !== null) {
        sum += v;
        n++;
      }
    }
    values.push(n ? sum / n : null);
  }
  const band = 100 / height;
  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    const top = 100 - row * band;
    const bottom = top - band;
    const thresholdRow = [altThreshold, btcThreshold].some((t) => t >= bottom && t < top) || (row === height - 1 && btcThreshold < 0);
    const label = row === 0 ? '100' : thresholdRow ? String(Math.round([altThreshold, btcThreshold].find((t) => t >= bottom && t < top)!)) : row === height - 1 ? '0' : '';
    let line = label.padStart(3) + ' ┤';
    for (const v of values) {
      let cell: string;
      if (v === null) cell = thresholdRow ? '_' : ' ';
      else if (v >= top) cell = '█';
      else if (v > bottom) cell = EIGHTHS[Math.round(((v - bottom) / band) * 8)]!;
      else cell = thresholdRow ? '_' : ' ';
      if (color && cell !== ' ' && cell !== '_' && v !== null) cell = v >= altThreshold ? pc.green(cell) : v <= btcThreshold ? pc.red(cell) : cell;
      if (cell === ' ' && v !== null && row === height - 1) cell = '▁';
      line += cell;
    }
    lines.push(line.trimEnd());
  }
  const first = points[0]!.date;
  const last = points.at(-1)!.date;
  const gap = Math.max(1, columns - first.length - last.length);
  lines.push('    └' + '─'.repeat(columns));
  lines.push('     ' + first + ' '.repeat(gap) + last);
  return lines.join('\n') + '\n';
}
