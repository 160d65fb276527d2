/** The x range of a time chart for a range preset or a dragged range (pure; seconds since 1970). */
export type RangePreset = '1y' | '3y' | 'all';
export type ViewRange = RangePreset | { min: number; max: number };

const PRESET_DAYS: Record<Exclude<RangePreset, 'all'>, number> = { '1y': 365, '3y': 3 * 365 };
const DAY = 86_400;

/**
 * A preset counts back from the chart's own last day (the Russell 2000 may end months after the
 * crypto data, and each panel should show its latest year); a dragged range is the same for all
 * charts. null: the whole history.
 */
export function xRangeFor(range: ViewRange, firstSeconds: number, lastSeconds: number): [number, number] | null {
  if (range === 'all') return null;
  if (typeof range === 'object') return [range.min, range.max];
  return [Math.max(firstSeconds, lastSeconds - PRESET_DAYS[range] * DAY), lastSeconds];
}
