/**
 * Power and false-positive rate of the thesis's main test (cross-correlation scan of RUT daily
 * log returns against the median alt-minus-BTC daily log return, lags 1…120, Šidák-corrected,
 * α = 0.05), on simulated markets like the demo `npm start` opens (DEMO_SIMULATION in
 * src/cli/commands/serve-command.ts: 8 years from 2017-06-01, 40 alts, lead 20 days). The series
 * and the test are the report's own (sim/lead-lag-recovery.ts), and "recovered" is the verdict's
 * rule for the main test (p < α with r > 0) plus a peak within ±3 days of the planted lead, which
 * is also what the simulated banner says. Figures are quoted in docs/statistics.md.
 * Run: npm run bench -- thesis-power
 */
import { wilsonInterval } from '../src/analytics/stats/hit-rate.ts';
import { minimumDetectableCorrelation } from '../src/analytics/stats/power.ts';
import { measureLeadLagRecovery } from '../src/sim/lead-lag-recovery.ts';

// The demo market's settings (kept equal to DEMO_SIMULATION; the bench does not import the CLI).
const YEARS = 8;
const ASSETS = 40;
const LEAD_DAYS = 20;
const START = '2017-06-01';
const MAX_LAG = 120;

function rate(count: number, total: number): string {
  const [low, high] = wilsonInterval(count, total)!;
  return `${count}/${total} = ${((100 * count) / total).toFixed(1)} % (95 % CI ${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)} %)`;
}

export default async function thesisPower(): Promise<string[]> {
  const market = { years: YEARS, assets: ASSETS, startDate: START, maxLag: MAX_LAG };
  const lines: string[] = [`simulated markets: ${YEARS} years from ${START}, ${ASSETS} alts, lead ${LEAD_DAYS} days, lags 1…${MAX_LAG}, α = 0.05, recovered = p < α, r > 0 and peak within ±3 days`];
  const nullSeeds = Array.from({ length: 200 }, (_, i) => 1 + i);
  const nullResult = measureLeadLagRecovery({ ...market, seeds: nullSeeds, effect: 0 });
  lines.push(`no planted link: false-positive rate ${rate(nullResult.rejections, nullResult.seeds)} (nominal 5 %)`);
  const bartlett = measureLeadLagRecovery({ ...market, seeds: nullSeeds.slice(0, 100), effect: 0, standardErrors: 'bartlett' });
  lines.push(`  first 100 of those seeds with Bartlett-only bands (no volatility correction): ${rate(bartlett.rejections, bartlett.seeds)}`);
  const mde = minimumDetectableCorrelation(nullResult.days, 1, { tests: MAX_LAG });
  lines.push(`predicted minimum detectable correlation (80 % power, ${MAX_LAG} lags scanned, n = ${nullResult.days}): ${mde!.toFixed(3)}`);
  const seeds = Array.from({ length: 100 }, (_, i) => 10_001 + i);
  for (const effect of [0.05, 0.07, 0.1, 0.15]) {
    const result = measureLeadLagRecovery({ ...market, seeds, effect, leadDays: LEAD_DAYS });
    lines.push(`planted effect E = ${effect.toFixed(2)}: recovered ${rate(result.recovered, result.seeds)}; rejected ${result.rejections}`);
  }
  const demo = measureLeadLagRecovery({ ...market, seeds: [1], effect: 0.1, leadDays: LEAD_DAYS });
  lines.push(`the demo market itself (seed 1, E = 0.10): peak ${demo.peakLags[0]} days, r = ${demo.peakCorrelations[0]!.toFixed(3)}, p = ${demo.pValues[0]!.toFixed(4)} → ${demo.recovered ? 'recovered' : 'not recovered'}`);
  return lines;
}
