import { describe, expect, it } from 'vitest';
import { PlanSimulateResultSchema, type PlanSimulateResult } from '../app/contracts/plan-simulate.ts';
import { renderRecordsCsv } from './render-csv.ts';
import { planSimulateMetricRows, renderPlanSimulateTable } from './plan-simulate-table.ts';

const figure = (value: number | null) => ({ value, sampleSize: 4 });
function metrics(totalReturn: number, sharpe: number | null) {
  const f = figure(0);
  return {
    days: 5, totalReturn: figure(totalReturn), annualisedReturn: figure(null), volatility: figure(0.5), sharpe: figure(sharpe), sortino: f,
    maxDrawdown: { ...figure(-0.0769), peakDate: '2024-03-04', troughDate: '2024-03-05', recoveryDate: null },
    calmar: f, turnover: figure(1.5), annualTurnover: f, exposure: f, meanGross: f, trades: figure(2), hitRate: f, excessReturnVsBtc: figure(totalReturn + 0.001), annualisedExcessVsBtc: f, costsPaid: figure(0.0015),
  };
}

const RESULT: PlanSimulateResult = PlanSimulateResultSchema.parse({
  schema: 'altseason.plan-simulate/v1',
  simulated: false,
  data: { lastDate: '2024-03-06', ageDays: 0, stale: false, warning: null },
  plan: 'ladder',
  from: '2024-03-02',
  to: '2024-03-06',
  costs: { feesBps: 10, slippageBps: 0 },
  entryValueUsd: '1000.00',
  planValueUsd: '1248.13',
  holdValueUsd: '1298.80',
  differenceUsd: '-50.67',
  metrics: { plan: metrics(0.248126, 2.5), hold: metrics(0.2988, null), btc: metrics(-0.001, null) },
  firings: [{ date: '2024-03-04', ruleId: 'g25', id: 'aaa', symbol: 'AAA', trigger: 'gain', value: 0.3, limit: 0.25, priceUsd: 130, quantity: '5', proceedsUsd: '650.00', firesToday: false }],
  skipped: [],
  series: [],
});

describe('plan simulate presenter', () => {
  it('shows plan, hold and BTC side by side, a negative difference with a minus sign, and the firings', () => {
    const text = renderPlanSimulateTable(RESULT);
    expect(text, 'the headline values').toContain('entry $1000.00 → plan $1248.13, hold $1298.80 (plan − hold −$50.67)');
    const total = text.split('\n').find((l) => l.startsWith('total return'))!;
    expect(total.split(/\s{2,}/), 'percentages, 3 decimals below 1 %').toEqual(['total return', '24.81 %', '29.88 %', '-0.100 %']);
    expect(text.split('\n').find((l) => l.startsWith('Sharpe'))!.split(/\s{2,}/), 'undefined is a dash').toEqual(['Sharpe', '2.50', '—', '—']);
    expect(text).toMatch(/2024-03-04\s+g25\s+AAA\s+130\s+5\s+650\.00/);
  });

  it('CSV: one row per metric with the raw fractions', () => {
    const rows = planSimulateMetricRows(RESULT);
    expect(rows.map((r) => r.metric)).toEqual(['total return', 'annualised return', 'volatility', 'Sharpe', 'Sortino', 'max drawdown', 'Calmar', 'turnover', 'costs paid', 'excess vs BTC']);
    expect(rows[0]).toEqual({ metric: 'total return', plan: 0.248126, hold: 0.2988, btc: -0.001 });
    expect(renderRecordsCsv(rows).split('\n')[0]).toBe('metric,plan,hold,btc');
  });
});
