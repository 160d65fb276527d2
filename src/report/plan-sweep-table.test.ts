import { describe, expect, it } from 'vitest';
import { PlanSweepResultSchema } from '../app/contracts/plan-sweep.ts';
import { renderRecordsCsv } from './render-csv.ts';
import { PLAN_SWEEP_FIELDS, renderPlanSweepTable } from './plan-sweep-table.ts';

const RESULT = PlanSweepResultSchema.parse({
  schema: 'altseason.plan-sweep/v1',
  simulated: false,
  data: { lastDate: '2022-12-31', ageDays: 0, stale: false, warning: null },
  plan: 'ladder',
  from: '2021-01-10',
  to: '2022-12-31',
  costs: { feesBps: 10, slippageBps: 0 },
  days: 720,
  variants: [
    { gainScale: 1, sellScale: 1, sharpe: 0.16, totalReturn: -0.086, maxDrawdown: 0.551, firings: 22 },
    { gainScale: 2, sellScale: 2, sharpe: 0.33, totalReturn: 0.103, maxDrawdown: 0.47, firings: 20 },
  ],
  best: 1,
  hold: { sharpe: 0.09, totalReturn: -0.4217 },
  honesty: { trials: 2, effectiveTrials: 1, expectedMaxSharpe: 0.15, deflatedSharpe: 0.6, pbo: null, pboSplits: null, pboNote: 'PBO needs at least 2 configurations', verdict: 'The best ladder variant of ladder is indistinguishable from luck.' },
});

describe('plan sweep presenter', () => {
  it('leads with the verdict and the deflated Sharpe, says why PBO is missing, and marks the best variant', () => {
    const lines = renderPlanSweepTable(RESULT).split('\n');
    expect(lines[2]).toBe('The best ladder variant of ladder is indistinguishable from luck.');
    expect(lines[3]).toContain('deflated Sharpe 60.0% after 2 variants (effective 1; luck alone would give Sharpe 0.15); PBO — (PBO needs at least 2 configurations)');
    expect(lines.find((l) => l.includes('← best'))).toMatch(/2\s+2\s+0\.33\s+\+10\.3%\s+47\.0%\s+20\s+← best/);
    expect(renderRecordsCsv(RESULT.variants, PLAN_SWEEP_FIELDS).split('\n')[0]).toBe('gain_scale,sell_scale,sharpe,total_return,max_drawdown,firings');
  });
});
