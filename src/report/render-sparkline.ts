/**
 * A one-line terminal chart (▁▂▃▄▅▆▇█). Longer series are bucketed to `width` cells; each cell
 * shows its bucket's last value (a close, not an average, so a record shows as the top cell).
 * Missing values (NaN) print as a space.
 */
const BLOCKS = '▁▂▃▄▅▆▇█';

export function renderSparkline(values: ArrayLike<number>, width = 60): string {
  const n = values.length;
  if (n === 0 || width < 1) return '';
  const cells = Math.min(width, n);
  const picked: number[] = [];
  for (let c = 0; c < cells; c++) {
    const end = Math.floor(((c + 1) * n) / cells) - 1;
    picked.push(values[end]!);
  }
  const finite = picked.filter(Number.isFinite);
  if (finite.length === 0) return ' '.repeat(cells);
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min;
  return picked
    .map((value) => {
      if (!Number.isFinite(value)) return ' ';
      const level = span === 0 ? 3 : Math.round(((value - min) / span) * (BLOCKS.length - 1));
      return BLOCKS[level]!;
    })
    .join('');
}
