/**
 * Recovery rate and null false-positive rate of the rotation-order test (`altseason rotation
 * --test`) on simulated markets with a planted rotation (`altseason simulate --assets 100
 * --rotation-lag 14 --rotation-effect E`): 8 years, 100 alts (ETH, 9 large, 40 mid, 50 small caps),
 * each tier's factor leading the next by 14 days. Weekly steps (the report's default), lags 1…8
 * weeks, α = 0.05, Holm over the family. Recovered = every pair supported (scan and Granger) with
 * its peak at 2 weeks; a false positive = any pair supported in a market with E = 0. Timing is
 * reported against simulating the same markets (measured in the same run). Quoted in docs/rotation.md.
 * Run: npm run bench -- rotation-recovery
 */
import { wilsonInterval } from '../src/analytics/stats/hit-rate.ts';
import { measureRotationRecovery } from '../src/sim/rotation-recovery.ts';

const YEARS = 8;
const ASSETS = 100;
const LAG_DAYS = 14;
const SEEDS = 30;

function rate(count: number, total: number): string {
  const [low, high] = wilsonInterval(count, total)!;
  return `${count}/${total} = ${((100 * count) / total).toFixed(1)} % (95 % CI ${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)} %)`;
}

export default async function rotationRecovery(): Promise<string[]> {
  const market = { years: YEARS, assets: ASSETS, lagDays: LAG_DAYS };
  const lines = [`simulated markets: ${YEARS} years, ${ASSETS} alts, planted lag ${LAG_DAYS} days per tier, weekly steps, lags 1…8 weeks, α = 0.05 (Holm), ${SEEDS} seeds per row`];
  const nullResult = measureRotationRecovery({ ...market, effect: 0, seeds: Array.from({ length: SEEDS }, (_, i) => 1 + i) });
  lines.push(`no planted rotation (E = 0): any pair supported ${rate(nullResult.anyPairSupported, nullResult.seeds)}; order "held" ${rate(nullResult.held, nullResult.seeds)}; pairs supported ${nullResult.pairsSupported}/${nullResult.pairs}`);
  let simulateMs = nullResult.simulateMs;
  let analyseMs = nullResult.analyseMs;
  let markets = nullResult.seeds;
  for (const effect of [0.3, 0.5, 0.7]) {
    const r = measureRotationRecovery({ ...market, effect, seeds: Array.from({ length: SEEDS }, (_, i) => 1001 + i) });
    lines.push(`planted E = ${effect.toFixed(1)}: recovered ${rate(r.recovered, r.seeds)}; order held at any lag ${r.held}/${r.seeds}; pairs supported ${r.pairsSupported}/${r.pairs}`);
    simulateMs += r.simulateMs;
    analyseMs += r.analyseMs;
    markets += r.seeds;
  }
  // Daily steps (a simulated market prices every coin daily, unlike the real store after 2021).
  const daily = { stepDays: 1, maxLagSteps: 28 };
  const dailyNull = measureRotationRecovery({ ...market, effect: 0, seeds: Array.from({ length: SEEDS }, (_, i) => 1 + i), test: daily });
  lines.push(`daily steps, lags 1…28 days, no planted rotation: any pair supported ${rate(dailyNull.anyPairSupported, dailyNull.seeds)}`);
  const daily3 = measureRotationRecovery({ ...market, effect: 0.3, seeds: Array.from({ length: SEEDS }, (_, i) => 1001 + i), test: daily });
  lines.push(`daily steps, planted E = 0.3: recovered ${rate(daily3.recovered, daily3.seeds)}; pairs supported ${daily3.pairsSupported}/${daily3.pairs}`);
  lines.push(`time per market: indices + phases + test ${(analyseMs / markets).toFixed(0)} ms, ${(analyseMs / simulateMs).toFixed(2)}× simulating it (${(simulateMs / markets).toFixed(0)} ms)`);
  return lines;
}
