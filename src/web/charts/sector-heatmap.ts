/**
 * The sector × week heatmap: each cell is a sector's relative strength vs BTC over the week ending
 * that Sunday (green = beat BTC, orange = lagged it; stronger colour = larger move, capped at ±30 %).
 * A table (not a canvas), so it scrolls sideways on a phone and every cell has a text title. The
 * page's Content-Security-Policy refuses inline style attributes, so styles are set through the
 * CSSOM (element.style) after the markup is in place.
 */
import { escapeHtml } from '../format.ts';

export interface HeatmapRow {
  weekEnding: string;
  sector: string;
  strength: number | null;
  members: number;
}

export interface HeatmapGrid {
  weeks: string[];
  /** Sectors, strongest over the last week first. */
  sectors: string[];
  /** cells[s][w]: the row, or null when the sector had no members that week. */
  cells: (HeatmapRow | null)[][];
}

const CAP = 0.3;

export function heatmapGrid(rows: readonly HeatmapRow[]): HeatmapGrid {
  const weeks = [...new Set(rows.map((r) => r.weekEnding))].sort();
  const byKey = new Map(rows.map((r) => [`${r.sector}\u0000${r.weekEnding}`, r]));
  const lastWeek = weeks.at(-1);
  const last = (s: string) => byKey.get(`${s}\u0000${lastWeek}`)?.strength ?? -Infinity;
  const sectors = [...new Set(rows.filter((r) => r.members > 0).map((r) => r.sector))].sort((a, b) => last(b) - last(a) || (a < b ? -1 : 1));
  const cells = sectors.map((s) =>
    weeks.map((w) => {
      const row = byKey.get(`${s}\u0000${w}`);
      return row && row.members > 0 ? row : null;
    }),
  );
  return { weeks, sectors, cells };
}

/** The cell's colour (the alt green or the btc orange variable) and its opacity by the size of the move (0.08 … 0.9). */
export function cellColor(strength: number | null): { color: string; opacity: number } | null {
  if (strength === null || !Number.isFinite(strength)) return null;
  const opacity = Math.round((0.08 + (Math.min(Math.abs(strength), CAP) / CAP) * 0.82) * 100) / 100;
  return { color: strength >= 0 ? 'var(--alt)' : 'var(--btc)', opacity };
}

export function renderSectorHeatmap(container: HTMLElement, rows: readonly HeatmapRow[], onPick: (sector: string, weekEnding: string) => void): void {
  const grid = heatmapGrid(rows);
  if (grid.weeks.length === 0) {
    container.innerHTML = '<p class="empty muted">No weeks in range.</p>';
    return;
  }
  // A month label every 8 weeks, over the column it starts (it may run across the next ones).
  const head = grid.weeks.map((w, i) => `<th scope="col" title="week ending ${escapeHtml(w)}">${i % 8 === 0 ? escapeHtml(w.slice(0, 7)) : ''}</th>`).join('');
  const body = grid.sectors
    .map((s, k) => {
      const cells = grid.cells[k]!.map((c, w) => {
        if (!c) return '<td></td>';
        const text = `${s}, week ending ${grid.weeks[w]}: ${c.strength === null ? '—' : `${(c.strength * 100).toFixed(1)}%`} vs BTC, ${c.members} members`;
        return `<td title="${escapeHtml(text)}" data-sector="${escapeHtml(s)}" data-week="${escapeHtml(grid.weeks[w]!)}" data-strength="${c.strength ?? ''}"><div></div></td>`;
      }).join('');
      return `<tr><th scope="row"><button type="button" data-sector="${escapeHtml(s)}" data-week="${escapeHtml(grid.weeks.at(-1)!)}">${escapeHtml(s)}</button></th>${cells}</tr>`;
    })
    .join('');
  container.innerHTML = `<div><table class="heatmap"><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  Object.assign(container.firstElementChild!.querySelector('table')!.style, { borderCollapse: 'collapse', fontSize: '11px' });
  const wrapper = container.firstElementChild as HTMLElement;
  wrapper.style.overflowX = 'auto';
  container.querySelectorAll<HTMLElement>('thead th').forEach((th) => Object.assign(th.style, { fontWeight: '400', padding: '0', textAlign: 'left', whiteSpace: 'nowrap', maxWidth: '9px', overflow: 'visible', color: 'var(--muted)' }));
  container.querySelectorAll<HTMLElement>('tbody th').forEach((th) => Object.assign(th.style, { textAlign: 'right', padding: '0 6px 0 0', whiteSpace: 'nowrap' }));
  container.querySelectorAll<HTMLElement>('button[data-sector]').forEach((b) => Object.assign(b.style, { font: 'inherit', padding: '0', border: '0', background: 'none', color: 'inherit', textDecoration: 'underline dotted', cursor: 'pointer' }));
  container.querySelectorAll<HTMLElement>('td[data-sector]').forEach((td) => {
    Object.assign(td.style, { padding: '1px', cursor: 'pointer' });
    const fill = cellColor(td.dataset.strength === '' ? null : Number(td.dataset.strength));
    Object.assign((td.firstElementChild as HTMLElement).style, { width: '9px', height: '16px', ...(fill ? { background: fill.color, opacity: String(fill.opacity) } : {}) });
  });
  container.querySelectorAll<HTMLElement>('[data-sector]').forEach((el) => el.addEventListener('click', () => onPick(el.dataset.sector!, el.dataset.week!)));
  // The latest weeks first in view (a phone shows a few months of the two years).
  wrapper.scrollLeft = wrapper.scrollWidth;
}
