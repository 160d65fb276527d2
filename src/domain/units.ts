/**
 * One way to write units everywhere (CLI tables, status lines, the dashboard): a percentage is
 * "61.7%", a difference of percentages is in percentage points, "+20.7 pp", never "%".
 */

/** A value already in percent: 61.74 → "61.7%"; signed adds "+" to positive values. */
export function formatPercent(valuePct: number | null, digits = 1, signed = false): string {
  if (valuePct === null || !Number.isFinite(valuePct)) return '—';
  const text = `${valuePct.toFixed(digits)}%`;
  return signed && valuePct > 0 ? `+${text}` : text.replace(/^-/, '−');
}

/** A fraction as a percentage: 0.1234 → "+12.3%" (returns are always signed). */
export function formatReturn(fraction: number | null, digits = 1): string {
  return fraction === null || !Number.isFinite(fraction) ? '—' : formatPercent(fraction * 100, digits, true);
}

/** A difference of two percentages, in percentage points: 20.74 → "+20.7 pp". */
export function formatPoints(points: number | null, digits = 1): string {
  if (points === null || !Number.isFinite(points)) return '—';
  const text = `${Math.abs(points).toFixed(digits)} pp`;
  return points > 0 ? `+${text}` : points < 0 ? `−${text}` : text;
}

/** US dollars, scaled: 1.09e12 → "$1.09T", 2.41e11 → "$241.0B", 2.47e6 → "$2.5M", 1234 → "$1,234". */
export function formatUsd(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const sign = value < 0 ? '−' : '';
  if (abs >= 1e12) return `${sign}$${(abs / 1e12).toFixed(2)}T`;
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(1)}M`;
  return `${sign}$${abs.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}
