/** a / b on the days both have a finite, non-zero value: relative strength (RUT/SPX). */
import { assertSeries, makeSeries, type DailySeries } from '../../domain/series.ts';

export function ratioSeries(numerator: DailySeries, denominator: DailySeries, name = `${numerator.name}/${denominator.name}`): DailySeries {
  assertSeries(numerator);
  assertSeries(denominator);
  const days: number[] = [];
  const values: number[] = [];
  let j = 0;
  for (let i = 0; i < numerator.days.length; i++) {
    const day = numerator.days[i]!;
    while (j < denominator.days.length && denominator.days[j]! < day) j++;
    if (j >= denominator.days.length) break;
    if (denominator.days[j] !== day) continue;
    const a = numerator.values[i]!;
    const b = denominator.values[j]!;
    if (Number.isFinite(a) && Number.isFinite(b) && b !== 0) {
      days.push(day);
      values.push(a / b);
    }
  }
  return makeSeries(name, days, values);
}
