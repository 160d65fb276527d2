/** Results carry figures at the precision of their inputs, not float noise (94.27573669924452). */
export function roundOrNull(value: number | null | undefined, digits: number): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
}
