/** The thesis chart: the Russell 2000 and the ASI on one time axis, thinned to about 1,000 points. */
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import type { ThesisSeries } from './build-thesis-series.ts';
import type { ThesisReport } from './thesis-report.ts';

export function thesisChartPoints(series: ThesisSeries): ThesisReport['chart'] {
  const step = Math.max(1, Math.ceil(series.days.length / 1000));
  const chartPoints: ThesisReport['chart']['points'] = [];
  for (let i = 0; i < series.days.length; i += step) {
    const rut = series.russellClose[i]!;
    const asi = series.asi[i]!;
    chartPoints.push({ date: isoDateOf(series.days[i]! as DayNumber), rut: Number.isFinite(rut) ? rut : null, asi: Number.isFinite(asi) ? Number(asi.toFixed(2)) : null });
  }
  return { step, points: chartPoints };
}
