/** The readiness score for a terminal: the score, every component's value, score, weight and contribution, the missing ones, and a range's history. */
import type { ReadinessComponentRow, ReadinessDay, ReadinessResult } from '../app/contracts/readiness.ts';
import type { Column } from './columns.ts';
import { renderSparkline } from './render-sparkline.ts';
import { renderTable } from './render-table.ts';

const num = (v: number | null, digits: number) => (v === null ? '—' : v.toFixed(digits));

const COMPONENT_COLUMNS: Column<ReadinessComponentRow>[] = [
  { key: 'label', header: 'component', value: (c) => c.label },
  { key: 'value', align: 'right', value: (c) => c.value, display: (c) => (c.value === null ? '—' : `${Math.abs(c.value) >= 100 ? c.value.toFixed(0) : c.value.toPrecision(3)} ${c.unit}`) },
  { key: 'score', align: 'right', value: (c) => c.score, display: (c) => num(c.score, 2) },
  { key: 'weight', align: 'right', value: (c) => c.weight },
  { key: 'effectiveWeight', header: 'share', align: 'right', value: (c) => c.effectiveWeight, display: (c) => `${(100 * c.effectiveWeight).toFixed(1)} %` },
  { key: 'contribution', header: 'adds', align: 'right', value: (c) => c.contribution, display: (c) => num(c.contribution, 1) },
];

/** CSV fields: the components of the day (`--at`) or one row per day (a range). */
export const READINESS_COMPONENT_FIELDS: readonly (keyof ReadinessComponentRow)[] = ['id', 'label', 'value', 'unit', 'score', 'weight', 'effectiveWeight', 'contribution'];
export const READINESS_DAY_FIELDS: readonly (keyof ReadinessDay)[] = ['date', 'score', 'coverage', 'missingCount'];

export function renderReadinessTable(result: ReadinessResult): string {
  const r = result.latest;
  const lines: string[] = [];
  lines.push(`Altseason readiness ${r.date}: ${r.score === null ? '— (too little of the weight has data)' : `${r.score.toFixed(1)} / 100`}   weights: ${result.weightsSource}, ${Math.round(100 * r.coverage)} % of the weight present`);
  lines.push('');
  lines.push(renderTable(r.components.filter((c) => c.score !== null), COMPONENT_COLUMNS));
  if (r.missing.length) {
    lines.push('');
    lines.push('Missing (not in the score that day):');
    for (const m of r.missing) lines.push(`  ${m.label}: ${m.reason}`);
  }
  if (result.days.length > 1) {
    const values = result.days.map((d) => d.score ?? Number.NaN);
    lines.push('');
    lines.push(`${result.from} … ${result.to}  ${renderSparkline(values, 60)}`);
    const defined = result.days.filter((d) => d.score !== null);
    if (defined.length) {
      const max = defined.reduce((a, b) => (b.score! > a.score! ? b : a));
      const min = defined.reduce((a, b) => (b.score! < a.score! ? b : a));
      lines.push(`high ${max.score!.toFixed(1)} on ${max.date}, low ${min.score!.toFixed(1)} on ${min.date}`);
    }
  }
  lines.push('');
  lines.push('Each score is the component’s percentile over the trailing 2 years (or a stated fixed rule), oriented so 1 = readier; the score is their weighted mean × 100. How well it has predicted seasons: altseason readiness --evaluate.');
  return lines.join('\n') + '\n';
}
