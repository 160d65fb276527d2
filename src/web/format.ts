/** Number and text formatting shared by the dashboard's panels and charts (pure: no DOM). */

/** Text for innerHTML: the API's strings (coin names, readings) are not trusted markup. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A fraction as a percentage: 0.242 → "24.2%"; undefined → "—". */
export const pct = (value: number | null | undefined, digits = 1): string => (value == null ? '—' : `${(value * 100).toFixed(digits)}%`);

/** 1234567 → 1.23M; 0.1234 → 0.123 (table cells and legend values: about three significant digits). */
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

const UNITS: [scale: number, suffix: string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
];
// Below 10,000 the digits read better than "2.5k" (the Russell 2000's 2,500 stays 2500).
const THOUSANDS: [number, string] = [1e3, 'k'];

function unitFor(abs: number): [number, string] {
  return UNITS.find(([scale]) => abs >= scale) ?? (abs >= 1e4 ? THOUSANDS : [1, '']);
}

/** The fewest decimals (up to 6) that write every value exactly, so 80 is "80", not "80.00". */
function decimalsFor(values: number[]): number {
  for (let decimals = 0; decimals < 6; decimals++) {
    if (values.every((v) => Math.abs(Number(v.toFixed(decimals)) - v) <= 1e-9 * Math.max(1, Math.abs(v)))) return decimals;
  }
  return 6;
}

/** A typographic minus: as wide as a plus, and not mistaken for a dash. */
const withMinus = (text: string) => (text.startsWith('-') ? `\u2212${text.slice(1)}` : text);

/**
 * Axis tick labels. On a linear axis all ticks share one unit and one number of decimals (the
 * fewest that write every tick exactly: 0, 20 … 100 → "0" … "100"; −0.05, 0, 0.05 → "−0.05", "0",
 * "0.05"); on a log axis each tick gets its own unit (1B, 10B, 100B, 1T).
 */
export function formatTicks(values: readonly (number | null | undefined)[], options: { log?: boolean } = {}): string[] {
  const finite = values.filter((v): v is number => v != null && Number.isFinite(v));
  if (finite.length === 0) return values.map(() => '');
  if (options.log) {
    return values.map((v) => {
      if (v == null || !Number.isFinite(v)) return '';
      const [scale, suffix] = unitFor(Math.abs(v));
      return withMinus(`${(v / scale).toFixed(decimalsFor([v / scale]))}${suffix}`);
    });
  }
  const [scale, suffix] = unitFor(Math.max(...finite.map(Math.abs)));
  const decimals = decimalsFor(finite.map((v) => v / scale));
  return values.map((v) => {
    if (v == null || !Number.isFinite(v)) return '';
    const text = (v / scale).toFixed(decimals);
    // Zero is plain "0" (toFixed would write a float-noise negative as "-0.00").
    return Number(text) === 0 ? '0' : withMinus(`${text}${suffix}`);
  });
}
