import { describe, expect, it } from 'vitest';
import {
  concentrationFindings,
  effectiveNumberOfBets,
  herfindahlIndex,
  riskContributions,
  sectorExposures,
  sectorHerfindahlIndex,
} from './concentration.ts';

// Σ = ρ ∘ σσᵀ for four assets; w signed. Expected values: numpy 1.24 (/usr/bin/python3),
// ENB via numpy.linalg.eigh: v = Eᵀw, p = v²λ/(wᵀΣw), exp(−Σ p ln p).
const RHO = [
  [1, 0.6, 0.2, 0.1],
  [0.6, 1, 0.3, 0],
  [0.2, 0.3, 1, -0.2],
  [0.1, 0, -0.2, 1],
];
const VOL = [0.02, 0.03, 0.05, 0.04];
const COV = RHO.map((row, i) => row.map((r, j) => r * VOL[i]! * VOL[j]!));
const W = [0.4, 0.3, -0.1, 0.2];

describe('Herfindahl index', () => {
  it('uses absolute weights normalised to 1, also by sector', () => {
    // ŵ = (0.4, 0.3, 0.1, 0.2): HHI = 0.16 + 0.09 + 0.01 + 0.04 = 0.30, effective N = 10/3.
    expect(herfindahlIndex(W)!.hhi).toBeCloseTo(0.3, 15);
    expect(herfindahlIndex(W)!.effectiveN).toBeCloseTo(10 / 3, 14);
    expect(herfindahlIndex([0.25, 0.25, 0.25, 0.25])!.effectiveN).toBeCloseTo(4, 14);
    // Sectors A = {0, 1} → 0.7, B = {2, 3} → 0.3: 0.49 + 0.09 = 0.58.
    expect(sectorHerfindahlIndex(W, ['A', 'A', 'B', 'B'])!.hhi).toBeCloseTo(0.58, 15);
    expect(herfindahlIndex([0, 0])).toBeNull();
  });
});

describe('risk contributions and effective number of bets', () => {
  it('matches numpy', () => {
    const rc = riskContributions(W, COV)!;
    expect(rc.portfolioVolatility).toBeCloseTo(0.01749857137025763, 15);
    const expected = [0.006034778369363834, 0.0063262307337933355, 0.0006571965080273118, 0.004480365759073149];
    rc.contributions.forEach((c, i) => expect(c).toBeCloseTo(expected[i]!, 15));
    expect(rc.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(effectiveNumberOfBets(W, COV)!.effectiveBets).toBeCloseTo(2.3751799826293194, 11);
  });

  it('is n for equal risk in uncorrelated assets and 1 for a single bet', () => {
    const diagonal = [
      [0.04, 0, 0],
      [0, 0.01, 0],
      [0, 0, 0.0025],
    ];
    // Weights ∝ 1/σ put equal variance in each uncorrelated asset: ENB = 3.
    expect(effectiveNumberOfBets([1 / 0.2, 1 / 0.1, 1 / 0.05], diagonal)!.effectiveBets).toBeCloseTo(3, 12);
    expect(effectiveNumberOfBets([1, 0, 0], diagonal)!.effectiveBets).toBeCloseTo(1, 12);
    expect(effectiveNumberOfBets([0, 0, 0], diagonal)).toBeNull();
  });
});

describe('concentration findings', () => {
  const positions = [
    { id: 'SOL', weight: 0.12, sector: 'layer-1' },
    { id: 'AVAX', weight: 0.05, sector: 'layer-1' },
    { id: 'ADA', weight: 0.04, sector: 'layer-1' },
    { id: 'DOT', weight: 0.04, sector: 'layer-1' },
    { id: 'NEAR', weight: 0.05, sector: 'layer-1' },
    { id: 'ATOM', weight: 0.05, sector: 'layer-1' },
    { id: 'APT', weight: 0.05, sector: 'layer-1' },
    { id: 'SUI', weight: 0.05, sector: 'layer-1' },
    { id: 'UNI', weight: 0.05, sector: 'defi' },
    { id: 'DOGE', weight: 0.03 },
  ];

  it('flags a 12 % position and a 45 % sector with the default 5 %/30 % caps, with number and limit', () => {
    const findings = concentrationFindings(positions);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ kind: 'position-cap', severity: 'breach', subject: 'SOL', value: 0.12, limit: 0.05 });
    expect(findings[0]!.message).toBe('SOL is 12.0 % of equity, above the 5.0 % position cap');
    expect(findings[1]).toMatchObject({ kind: 'sector-cap', subject: 'layer-1', limit: 0.3 });
    expect(findings[1]!.value).toBeCloseTo(0.45, 15);
    expect(findings[1]!.message).toBe('sector layer-1 is 45.0 % of equity, above the 30.0 % sector cap');
  });

  it('does not flag weights at the cap, and takes configurable caps and short positions', () => {
    expect(concentrationFindings([{ id: 'A', weight: 0.05, sector: 's' }])).toEqual([]);
    const custom = concentrationFindings([{ id: 'A', weight: -0.04, sector: 's' }], { positionCap: 0.03, sectorCap: 0.5 });
    expect(custom.map((f) => [f.kind, f.value, f.limit])).toEqual([['position-cap', 0.04, 0.03]]);
    expect(sectorExposures([0.1, -0.2], ['x', 'x']).get('x')).toBeCloseTo(0.3, 15);
  });

  it('warns when the effective number of bets is far below the number of positions', () => {
    const findings = concentrationFindings(positions, { effectiveBets: 2.1 });
    expect(findings.at(-1)).toMatchObject({ kind: 'few-bets', severity: 'warning', value: 2.1, limit: 5 });
    expect(concentrationFindings(positions, { effectiveBets: 5 }).some((f) => f.kind === 'few-bets')).toBe(false);
  });
});
