import { describe, expect, it } from 'vitest';
import { seededRandom } from '../stats/seeded-random.ts';
import { dailyValuesOf, type DailyValues } from './daily-values.ts';
import { evaluateSignal, signalHistory } from './evaluate-signals.ts';
import type { Vintage } from './point-in-time.ts';
import { SIGNALS } from './signal-catalogue.ts';
import { ALTS, INPUT, TOTAL, type SignalInputs } from './signal-inputs.ts';

const FIRST = 18_000;
const DAYS = 800;
const AT = FIRST + 600;

function world(seed: number, perturbAfter: number | null): SignalInputs {
  const rng = seededRandom(seed);
  const random = () => rng.uniform();
  const lateRng = seededRandom(seed + 1000);
  const later = () => lateRng.uniform();
  const walk = (start: number, step: number, positive = true): DailyValues => {
    let x = start;
    const points = [];
    for (let day = FIRST; day < FIRST + DAYS; day++) {
      x = positive ? x * Math.exp(step * (random() - 0.5)) : x + step * (random() - 0.5);
      // A perturbed world changes every value after the cut-off, nothing before.
      const value = perturbAfter !== null && day > perturbAfter ? (positive ? x * (0.5 + later()) : x + 10 * (later() - 0.5)) : x;
      points.push({ day, value });
    }
    return dailyValuesOf(points);
  };
  const daily: Record<string, { values: DailyValues; source: string }> = {};
  const put = (name: string, values: DailyValues) => (daily[name] = { values, source: `test ${name}` });
  for (const asset of ['BTC', 'ETH']) {
    put(INPUT.price(asset), walk(1000, 0.08));
    put(INPUT.volume(asset), walk(1e9, 0.3));
    put(INPUT.funding(asset), walk(0.0001, 0.00005, false));
    put(INPUT.openInterestUsd(asset), walk(5e9, 0.1));
    put(INPUT.longShort(asset), walk(1.3, 0.05));
    put(INPUT.activeAddresses(asset), walk(8e5, 0.1));
    put(INPUT.txCount(asset), walk(3e5, 0.1));
    put(INPUT.riskReversal(asset), walk(0, 1, false));
    put(INPUT.butterfly(asset), walk(2, 0.5, false));
    put(INPUT.atmIv(asset), walk(55, 0.05));
    put(INPUT.dvol(asset), walk(60, 0.05));
  }
  put(INPUT.volume(ALTS), walk(2e9, 0.3));
  put(INPUT.volume(TOTAL), walk(5e9, 0.2));
  put(INPUT.fearGreed, walk(50, 0.05));
  put(INPUT.defiTvl, walk(5e10, 0.05));
  put(INPUT.dexVolume, walk(2e9, 0.3));
  // Flows: each day's fetch publishes the days up to yesterday; every 10th fetch revises the last 20 days.
  const vintaged: Record<string, { vintages: Vintage[]; source: string }> = {};
  for (const asset of ['BTC', 'ETH']) {
    for (const name of [INPUT.exchangeInflow(asset), INPUT.exchangeOutflow(asset)]) {
      const truth = walk(1000, 0.4);
      const vintages: Vintage[] = [];
      for (let seen = FIRST + 1; seen < FIRST + DAYS; seen++) {
        const points = [];
        for (let day = seen - 30; day < seen; day++) {
          const base = truth.values[day - FIRST];
          if (base === undefined || !Number.isFinite(base)) continue;
          const revision = seen % 10 === 0 ? 1 + ((day * 7919) % 13) / 100 : 1;
          // A perturbed world also re-publishes old days with other values, seen only after the cut-off.
          const late = perturbAfter !== null && seen > perturbAfter ? 1.5 + later() : 1;
          points.push({ day, value: base * revision * late });
        }
        vintages.push({ seenDay: seen, values: dailyValuesOf(points) });
      }
      vintaged[name] = { vintages, source: `test ${name}` };
    }
  }
  return { daily, vintaged };
}

describe('signals as of a day', () => {
  const inputs = world(7, null);

  it('every signal has a value, percentile and reading from complete inputs', () => {
    for (const definition of SIGNALS) {
      const e = evaluateSignal(definition, inputs, AT);
      expect(e.value, definition.name).not.toBeNull();
      expect(e.percentile, `${definition.name} percentile`).not.toBeNull();
      expect(['supports', 'neutral', 'against'], definition.name).toContain(e.reading);
      expect(e.ageDays, definition.name).toBeLessThanOrEqual(1);
    }
  });

  it('no value, percentile or reading at t changes when data after t change, revisions included', () => {
    const perturbed = world(7, AT);
    for (const definition of SIGNALS) {
      const a = evaluateSignal(definition, inputs, AT);
      const b = evaluateSignal(definition, perturbed, AT);
      expect({ ...b, definition: b.definition.name }, definition.name).toEqual({ ...a, definition: a.definition.name });
      expect(signalHistory(definition, perturbed, FIRST, AT), `${definition.name} history`).toEqual(signalHistory(definition, inputs, FIRST, AT));
      // The perturbation reaches the signal after t (so the test can fail).
      const after = AT + 60;
      expect(evaluateSignal(definition, perturbed, after).value, `${definition.name} after t`).not.toBe(evaluateSignal(definition, inputs, after).value);
    }
  });

  it('reads by the stated rule and says how old the value is', () => {
    const funding = SIGNALS.find((s) => s.name === 'funding_annualised_btc')!;
    const only = (values: Record<number, number>): SignalInputs => ({ daily: { [INPUT.funding('BTC')]: { values: dailyValuesOf(Object.entries(values).map(([d, v]) => ({ day: Number(d), value: v }))), source: 'x' } }, vintaged: {} });
    // 0.0001 per 8 h = 10.95 % a year: between 0 and 30 → supports.
    const e = evaluateSignal(funding, only({ 100: 0.0001 }), 103);
    expect(e.value).toBeCloseTo(10.95, 10);
    expect(e.reading).toBe('supports');
    expect(e.ageDays).toBe(3);
    expect(evaluateSignal(funding, only({ 100: 0.0006 }), 100).reading).toBe('against');
    expect(evaluateSignal(funding, only({ 100: -0.0001 }), 100).reading).toBe('against');
    // Older than the 7-day limit: no value.
    expect(evaluateSignal(funding, only({ 100: 0.0001 }), 108).value).toBeNull();
  });
});
