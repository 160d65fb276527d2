import { describe, expect, it } from 'vitest';
import { isoDateOf, type DayNumber } from '../../domain/dates.ts';
import { makePanel } from '../../domain/make-panel.ts';
import { makeSeries } from '../../domain/series.ts';
import { simulateMarket } from '../../sim/simulate-market.ts';
import { computeThesisFromInputs, type ThesisInputs } from './compute-thesis-from-inputs.ts';

function inputsFromSimulation(seed: number, cryptoDays?: number): ThesisInputs {
  const market = simulateMarket({ seed, years: 3, assets: 12 });
  const spec = (asset: typeof market.bitcoin) => ({
    id: asset.id,
    symbol: asset.symbol,
    firstDay: market.days[0]! as DayNumber,
    price: Array.from(asset.prices.subarray(0, cryptoDays)),
    marketCap: Array.from(asset.marketCaps.subarray(0, cryptoDays)),
  });
  const equity = (symbol: string) => {
    const e = market.equities.find((q) => q.symbol === symbol)!;
    return makeSeries(symbol, e.days, e.closes);
  };
  return {
    panel: makePanel([spec(market.bitcoin), ...market.alts.map(spec)], ['simulated']),
    russell: equity('^RUT'),
    sp500: equity('^GSPC'),
    equitySources: {},
    groundTruth: null,
    simulated: true,
  };
}

describe('computeThesisFromInputs', () => {
  it('measures the main test’s variance inflation independently of the chosen α', () => {
    const inputs = inputsFromSimulation(4);
    const fast = { replicates: 9, grangerMaxLagDaily: 2, grangerMaxLagWeekly: 2, maxLagDays: 60 };
    const at05 = computeThesisFromInputs(inputs, { ...fast, alpha: 0.05 }).power.mainTest;
    const at01 = computeThesisFromInputs(inputs, { ...fast, alpha: 0.01 }).power.mainTest;
    expect(at01.varianceInflation, 'the inflation is a property of the data, not of the test level').toBeCloseTo(at05.varianceInflation, 6);
    expect(at01.detectableCorrelationScan!, 'a stricter α needs a larger correlation').toBeGreaterThan(at05.detectableCorrelationScan!);
  });

  it('states the common span when the equity data run past the crypto data', () => {
    // Crypto prices for the first 800 of 1096 days; ^RUT for all of them.
    const inputs = inputsFromSimulation(4, 800);
    const report = computeThesisFromInputs(inputs, { replicates: 9, grangerMaxLagDaily: 2, grangerMaxLagWeekly: 2, maxLagDays: 60 });
    const lastCrypto = isoDateOf(inputs.panel.lastDay!);
    const lastRussell = isoDateOf(inputs.russell.days.at(-1)! as DayNumber);
    expect(report.data.commonSpan.to, 'the last common day is the last crypto day').toBe(lastCrypto);
    expect(report.data.commonSpan).toMatchObject({ crypto: { to: lastCrypto }, russell: { to: lastRussell }, limitedBy: { end: 'crypto' } });
    expect(report.settings.to, 'the tests stop there').toBe(lastCrypto);
    expect(report.data.caveats.join('\n'), 'and the report says the equity data run on').toContain(`^RUT closes run to ${lastRussell}, past the last crypto day (${lastCrypto}): every test uses only the common span`);
  });
});
