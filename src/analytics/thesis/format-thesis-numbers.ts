/** Number formatting shared by the verdict and the report renderers, so they say the same thing. */

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

export function formatSigned(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;
}

/** p-values: 3 significant digits, "< 0.0001" below that. */
export function formatP(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value < 0.0001) return '< 0.0001';
  return value < 0.01 ? value.toPrecision(2) : value.toFixed(3);
}

/** A log return as a percentage change: +0.05 → "+5.1 %". */
export function formatLogReturnPct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const pct = Math.expm1(value) * 100;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(digits)} %`;
}

export function formatInterval(interval: [number, number] | null | undefined, format: (value: number) => string = (v) => v.toFixed(3)): string {
  if (!interval) return '—';
  return `[${format(interval[0])}, ${format(interval[1])}]`;
}

export function formatShare(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

/** Rounds to `digits` significant digits, keeping null for non-finite values (JSON output, charts). */
export function roundSignificant(value: number, digits = 6): number | null {
  if (!Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}
