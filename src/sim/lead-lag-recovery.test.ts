import { describe, expect, it } from 'vitest';
import { measureLeadLagRecovery } from './lead-lag-recovery.ts';

// The fast version of bench/thesis-power.bench.ts (100+ seeds; figures in docs/statistics.md).
const seeds = Array.from({ length: 30 }, (_, i) => 1000 + i);

describe('lead-lag recovery on simulated markets', () => {
  it('recovers a planted 20-day lead of moderate strength (E = 0.1) in most seeds', () => {
    const result = measureLeadLagRecovery({ seeds, effect: 0.1, leadDays: 20, years: 8, assets: 30 });
    expect(result.recoveryRate, `peak lags ${result.peakLags.join(', ')}; p ${result.pValues.map((p) => p.toFixed(3)).join(', ')}`).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps the false-positive rate near 5 % without a planted link', () => {
    const result = measureLeadLagRecovery({ seeds, effect: 0, years: 8, assets: 30 });
    // Binomial(30, 0.05): mean 1.5, P(≥ 6) ≈ 0.008.
    expect(result.rejections, `p-values ${result.pValues.map((p) => p.toFixed(3)).join(', ')}`).toBeLessThanOrEqual(5);
  });
});
