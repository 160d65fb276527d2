import { describe, expect, it } from 'vitest';
import { cellColor, heatmapGrid } from './sector-heatmap.ts';

describe('sector heatmap grid', () => {
  it('orders weeks, puts the strongest sector of the last week first, and leaves empty weeks blank', () => {
    const grid = heatmapGrid([
      { weekEnding: '2021-01-10', sector: 'defi', strength: 0.1, members: 3 },
      { weekEnding: '2021-01-03', sector: 'defi', strength: -0.05, members: 3 },
      { weekEnding: '2021-01-10', sector: 'meme', strength: 0.4, members: 1 },
      { weekEnding: '2021-01-03', sector: 'meme', strength: null, members: 0 },
      { weekEnding: '2021-01-10', sector: 'ai', strength: null, members: 0 },
    ]);
    expect(grid.weeks).toEqual(['2021-01-03', '2021-01-10']);
    expect(grid.sectors, 'ai never had members').toEqual(['meme', 'defi']);
    expect(grid.cells[0]![0], 'no meme member in the first week').toBeNull();
    expect(grid.cells[1]!.map((c) => c?.strength)).toEqual([-0.05, 0.1]);
  });

  it('colours by sign and size, capped at ±30 %', () => {
    expect(cellColor(0.15)).toEqual({ color: 'var(--alt)', opacity: 0.49 }); // 0.08 + 0.5 × 0.82
    expect(cellColor(-0.9)).toEqual({ color: 'var(--btc)', opacity: 0.9 });
    expect(cellColor(0)).toEqual({ color: 'var(--alt)', opacity: 0.08 });
    expect(cellColor(null)).toBeNull();
  });
});
