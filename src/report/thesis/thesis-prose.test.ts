import { describe, expect, it } from 'vitest';
import type { ThesisReport } from '../../analytics/thesis/thesis-report.ts';
import { simulatedBanner, thesisDataSection } from './thesis-prose.ts';

const truth = { leadDays: 20, effect: 0.1, plantedLink: 'rut→median-excess', seed: 3, found: { peakLagDays: 21, r: 0.098, pValue: 0.00004, recovered: true } };

describe('simulatedBanner', () => {
  it('says nothing for real data', () => {
    expect(simulatedBanner({ simulated: false, groundTruth: null })).toBeNull();
  });

  it('states the planted link and whether it was recovered', () => {
    expect(simulatedBanner({ simulated: true, groundTruth: truth })).toBe(
      'SIMULATED DATA — not a real market (simulation seed 3; planted link: ^RUT returns lead alt-minus-BTC returns by 20 days with strength 0.1; found: peak at 21 days, r = +0.098, p = < 0.0001 → recovered).',
    );
  });

  it('warns that any finding is a false positive when nothing was planted', () => {
    expect(simulatedBanner({ simulated: true, groundTruth: { ...truth, plantedLink: null, found: null } })).toBe('SIMULATED DATA — not a real market (simulation seed 3; no planted link (any "finding" is a false positive)).');
    expect(simulatedBanner({ simulated: true, groundTruth: null })).toMatch(/seed —; ground truth not stored\)\.$/);
  });
});

describe('thesisDataSection', () => {
  const report: Pick<ThesisReport, 'data' | 'settings'> = {
    data: {
      period: { from: '2017-01-02', to: '2024-12-31', days: 2921 },
      commonSpan: {
        from: '2017-01-02',
        to: '2024-12-31',
        crypto: { from: '2013-04-28', to: '2024-12-31' },
        russell: { from: '2017-01-02', to: '2025-11-28' },
        limitedBy: { start: 'russell', end: 'crypto' },
      },
      breakoutsAfterPeriod: [{ date: '2025-09-18', close: 2450, drawdownPct: 25.1 }],
      survivorOnlyPeriods: [{ from: '2018-07-03', to: '2020-12-31', note: 'only survivors' }],
      sources: { crypto: ['coingecko', 'binance'], equity: { '^RUT': { yahoo: 2000, stooq: 10 } } },
      universe: { description: 'top 50 by cap', universeSize: { min: null, median: 48, max: 50 }, asiDays: 2320, dailyTargetDays: 2409, weeklyTargetWeeks: 344 },
      series: [{ id: 'rut', label: 'Russell 2000 log return', definition: 'ln(close / previous close)' }],
      caveats: [],
    },
    settings: {
      from: '2017-01-02', to: '2024-12-31', window: 90, top: 50, breakoutDrawdownPct: 10, altseasonThreshold: 75, seed: 5, replicates: 49, maxLagDays: 120, alpha: 0.05,
      grangerMaxLagDaily: 5, grangerMaxLagWeekly: 4, eventHorizons: [30], hitHorizons: [90], rollingWindows: [365],
    },
  };

  it('lists period, sources, universe and settings as plain text, one item each', () => {
    const section = thesisDataSection(report);
    expect(section.title).toBe('Data');
    expect(section.items).toEqual([
      'Period: 2017-01-02 … 2024-12-31 (2921 days); daily alt-minus-BTC returns on 2409 days, weekly on 344 Mondays, ASI on 2320 days.',
      'Common span of crypto and ^RUT data: 2017-01-02 … 2024-12-31 (crypto 2013-04-28 … 2024-12-31; ^RUT 2017-01-02 … 2025-11-28); Russell 2000 breakouts after the period, in no test: 2025-09-18.',
      'Survivors only 2018-07-03 … 2020-12-31: only survivors.',
      'Crypto sources (precedence order): coingecko, binance.',
      'Equity sources: ^RUT (yahoo: 2000 days, stooq: 10 days).',
      'Universe: top 50 by cap; size min —, median 48, max 50.',
      'Settings: ASI window 90 days; breakout = first record after a ≥ 10 % drawdown; altseason = ASI ≥ 75; lags ±120 days; α = 0.05; seed 5; 49 placebo sets.',
    ]);
    expect(section.series).toBe(report.data.series);
    expect(`${section.seriesHeading} ${section.seriesNote}`).toBe('Series tested (changes and log returns only, never levels):');
  });

  it('writes a dash when no crypto source is known', () => {
    const section = thesisDataSection({ ...report, data: { ...report.data, sources: { crypto: [], equity: {} } } });
    expect(section.items[3]).toBe('Crypto sources (precedence order): —.');
  });
});
