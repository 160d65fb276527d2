import { describe, expect, it } from 'vitest';
import { addDays, parseDay, type DayNumber } from '../../domain/dates.ts';
import { makePanel, type PanelAssetSpec } from '../../domain/make-panel.ts';
import { computeDailyRankings } from '../season/daily-rankings.ts';
import { seededRandom } from '../stats/seeded-random.ts';
import { computeRotation, relativeStrength, rotationMembersOn, type RotationGroup } from './rotation-indices.ts';
import { rotationPhases } from './rotation-phase.ts';
import { assignSectors } from './sector-labels.ts';

const D0 = parseDay('2021-01-01');
const TIERS = { largeTo: 2, midTo: 3, smallTo: 5, stalenessDays: 0, breadthWindows: [1] };

// Hand-made market (caps chosen directly; prices and caps per day 0…3):
// BTC 10, 11, 11, 12.1 · ETH 5, 5, 6, 6 (cap 500) · A (defi) 1, 2, 2, 1, caps 100, 200, 200, 100
// B (defi) 1, 1, 1.5, 1.5, caps 50, 50, 300, 300 — passes A on day 2 · C (meme) 2, 2, 2, then no
// price (stops trading) · D (ai) listed on day 2 at 1, 1.2, cap 5 · USDT (stablecoin) cap 200.
const specs: PanelAssetSpec[] = [
  { id: 'bitcoin', symbol: 'BTC', firstDay: D0, price: [10, 11, 11, 12.1], marketCap: [1000, 1100, 1100, 1210] },
  { id: 'ethereum', symbol: 'ETH', firstDay: D0, price: [5, 5, 6, 6], marketCap: [500, 500, 500, 500] },
  { id: 'a', symbol: 'A', firstDay: D0, price: [1, 2, 2, 1], marketCap: [100, 200, 200, 100] },
  { id: 'b', symbol: 'B', firstDay: D0, price: [1, 1, 1.5, 1.5], marketCap: [50, 50, 300, 300] },
  { id: 'c', symbol: 'C', firstDay: D0, price: [2, 2, 2], marketCap: [10, 10, 10] },
  { id: 'd', symbol: 'D', firstDay: addDays(D0, 2), price: [1, 1.2], marketCap: [5, 5] },
  { id: 'tether', symbol: 'USDT', firstDay: D0, price: [1, 1, 1, 1], marketCap: [200, 200, 200, 200], excludedFromIndex: true, categories: ['stablecoin'] },
];
const rules = [
  { symbol: 'ETH', category: 'layer1', source: 'coin_categories' },
  { symbol: 'A', category: 'defi', source: 'coin_categories' },
  { symbol: 'B', category: 'defi', source: 'coin_categories' },
  { symbol: 'C', category: 'meme', source: 'coin_categories' },
  { symbol: 'D', category: 'ai', source: 'coin_categories' },
  { symbol: 'USDT', category: 'stablecoin', source: 'coin_categories' },
];

function setUp() {
  const panel = makePanel(specs);
  const labels = assignSectors(panel, rules);
  const series = computeRotation(panel, D0, addDays(D0, 3), labels, TIERS);
  const group = (id: string) => series.groups.find((g) => g.id === id)!;
  return { panel, labels, series, group };
}

const values = (a: Float64Array | Int32Array) => [...a].map((v) => (Number.isNaN(v) ? null : Math.round(v * 1e6) / 1e6));

describe('computeRotation on a hand-made market', () => {
  it('the BTC and ETH tiers follow their own prices from 100', () => {
    const { group } = setUp();
    expect(values(group('btc').capLevel)).toEqual([100, 110, 110, 121]);
    expect(values(group('eth').capLevel)).toEqual([100, 100, 120, 120]);
  });

  it('tiers rebalance on the point-in-time ranking: B replaces A in the large caps once it passes it on day 2', () => {
    const { group } = setUp();
    // large: A day 0–1 (+100 % into day 1), A's 0 % into day 2, then B's 0 % into day 3
    expect(values(group('large').capLevel)).toEqual([100, 200, 200, 200]);
    // mid: B (0 %, +50 %), then A from day 2 (−50 % into day 3)
    expect(values(group('mid').capLevel)).toEqual([100, 100, 150, 75]);
  });

  it('cap weights are the previous day’s as-of caps; equal weights are 1/n', () => {
    const { group } = setUp();
    // into day 1: (100·1 + 50·0)/150; day 2: (200·0 + 50·0.5)/250 = 0.1; day 3: (200·(−0.5) + 300·0)/500 = −0.2
    expect(values(group('sector:defi').capLevel)).toEqual([100, 166.666667, 183.333333, 146.666667]);
    // equal: +50 %, +25 %, −25 %
    expect(values(group('sector:defi').equalLevel)).toEqual([100, 150, 187.5, 140.625]);
  });

  it('a coin that stops trading leaves at its last price; a coin listed later is in no earlier index', () => {
    const { group } = setUp();
    // small: C alone (0 %, 0 %), then C and D from day 2; into day 3 C has no price (0 %), D +20 %
    expect(values(group('small').capLevel)).toEqual([100, 100, 100, 106.666667]);
    expect(values(group('small').equalLevel)).toEqual([100, 100, 100, 110]);
    expect([...group('small').memberCount]).toEqual([1, 1, 2, 1]);
    expect([...group('sector:meme').memberCount], 'C is no member once it has no price').toEqual([1, 1, 1, 0]);
    expect(values(group('sector:ai').capLevel), 'D’s sector starts the day D is listed').toEqual([null, null, 100, 120]);
  });

  it('breadth: the share of members beating BTC over the window', () => {
    const { group } = setUp();
    // day 1: BTC ×1.1; ETH ×1, A ×2, B ×1, C ×1 · day 2: BTC ×1; ETH ×1.2, B (now large) ×1.5, A ×1
    // · day 3: BTC ×1.1; ETH ×1, B ×1, A ×0.5, D ×1.2
    expect(values(group('large').breadth[0]!)).toEqual([null, 1, 1, 0]);
    expect(values(group('small').breadth[0]!), 'D beats BTC on day 3; on day 2 it has no price a day earlier').toEqual([null, 0, 0, 1]);
    expect(values(group('sector:defi').breadth[0]!)).toEqual([null, 0.5, 0.5, 0]);
    expect(values(group('eth').breadth[0]!)).toEqual([null, 0, 1, 0]);
  });

  it('stablecoins and BTC are in no sector; no unused sector is listed', () => {
    const { series } = setUp();
    expect(series.groups.map((g) => g.id)).toEqual(['btc', 'eth', 'large', 'mid', 'small', 'sector:ai', 'sector:defi', 'sector:layer1', 'sector:meme']);
  });

  it('members on a day, with ranks, tiers and sectors', () => {
    const { panel, labels } = setUp();
    const members = rotationMembersOn(panel, addDays(D0, 2), labels, TIERS).map((m) => [panel.assets[m.assetIndex]!.id, m.altRank, m.marketRank, m.tier, m.sector, m.marketCap]);
    expect(members).toEqual([
      ['ethereum', 1, 2, 'eth', 'layer1', 500],
      ['b', 2, 3, 'large', 'defi', 300],
      ['a', 3, 4, 'mid', 'defi', 200],
      ['c', 4, 6, 'small', 'meme', 10],
      ['d', 5, 7, 'small', 'ai', 5],
    ]);
  });

  it('relative strength is the ratio of the two changes minus 1', () => {
    expect(relativeStrength([100, 120], [100, 110], 1, 1)).toBeCloseTo(120 / 110 - 1, 12);
    expect(relativeStrength([100, 120], [100, 110], 0, 1)).toBeNaN();
  });
});

describe('no look-ahead', () => {
  function randomMarket(seed: number, days: number): PanelAssetSpec[] {
    const rng = seededRandom(seed);
    const out: PanelAssetSpec[] = [];
    for (let k = 0; k < 40; k++) {
      const start = k < 2 ? 0 : Math.floor(rng.uniform() * days * 0.6);
      const length = k < 2 ? days : Math.max(5, Math.floor(rng.uniform() * (days - start)));
      let p = 1 + rng.uniform() * 10;
      const supply = 1e6 * (1 + rng.uniform() * 100) * (k === 0 ? 100 : 1);
      const price: (number | null)[] = [];
      const cap: (number | null)[] = [];
      for (let i = 0; i < length; i++) {
        p *= Math.exp(0.05 * (rng.uniform() - 0.5));
        const gap = rng.uniform() < 0.05;
        price.push(gap ? null : p);
        cap.push(gap ? null : p * supply);
      }
      const id = k === 0 ? 'bitcoin' : k === 1 ? 'ethereum' : `coin${k}`;
      out.push({ id, symbol: id.toUpperCase(), firstDay: addDays(D0, start), price, marketCap: cap });
    }
    return out;
  }

  it('changing prices and caps after day t changes no level, member count, breadth or phase at or before t', () => {
    const days = 200;
    const base = randomMarket(7, days);
    const t = 120;
    const perturbed = base.map((s) => {
      const offset = (s.firstDay as DayNumber) - D0;
      const cut = Math.max(0, t - offset + 1);
      return {
        ...s,
        price: s.price!.map((v, i) => (i < cut || v === null ? v : v * (i % 2 ? 3 : 0.2))),
        marketCap: s.marketCap!.map((v, i) => (i < cut || v === null ? v : v * (i % 3 ? 50 : 0.01))),
      };
    });
    const rules = base.map((s, k) => ({ symbol: s.symbol, category: ['defi', 'meme', 'ai'][k % 3]!, source: 'test' }));
    const run = (s: PanelAssetSpec[]) => {
      const panel = makePanel(s);
      return computeRotation(panel, D0, addDays(D0, days - 1), assignSectors(panel, rules), { largeTo: 5, midTo: 12, smallTo: 30, breadthWindows: [30, 90] });
    };
    const a = run(base);
    const b = run(perturbed);
    const head = (g: RotationGroup) => [values(g.capLevel.subarray(0, t + 1)), values(g.equalLevel.subarray(0, t + 1)), [...g.memberCount.subarray(0, t + 1)], g.breadth.map((x) => values(x.subarray(0, t + 1)))];
    const byId = (s: typeof a) => new Map(s.groups.map((g) => [g.id, head(g)]));
    const after = [...b.groups].some((g, k) => values(g.capLevel.subarray(t + 1)).join() !== values(a.groups[k]!.capLevel.subarray(t + 1)).join());
    expect(after, 'the perturbation does change later values (the test can fail)').toBe(true);
    expect(byId(b)).toEqual(byId(a));
    const phases = (s: typeof a) => rotationPhases(s, { window: 10, confirmDays: 3 }).slice(0, t + 1).map((p) => [p.phase, p.since, p.leader, p.candidate]);
    expect(phases(b), 'the phase, its start and its leader at or before t').toEqual(phases(a));
  });
});

describe('with the kept daily rankings', () => {
  it('gives the same levels, members and breadth as ranking live', () => {
    const rng = seededRandom(11);
    const specs: PanelAssetSpec[] = Array.from({ length: 60 }, (_, k) => {
      const start = k < 2 ? 0 : Math.floor(rng.uniform() * 100);
      const length = k < 2 ? 160 : Math.max(5, Math.floor(rng.uniform() * (160 - start)));
      const weekly = k % 5 === 0;
      const price = Array.from({ length }, (_, i) => (weekly && i % 7 !== 0 ? null : 1 + rng.uniform()));
      const marketCap = price.map((p) => (p === null ? null : p * (k === 0 ? 1e9 : 1e6 * (1 + rng.uniform() * 50))));
      const id = k === 0 ? 'bitcoin' : k === 1 ? 'ethereum' : `coin${k}`;
      return { id, symbol: id.toUpperCase(), firstDay: addDays(D0, start), price, marketCap };
    });
    const panel = makePanel(specs);
    const labels = assignSectors(panel, specs.map((s, k) => ({ symbol: s.symbol, category: ['defi', 'meme', 'ai'][k % 3]!, source: 'test' })));
    const options = { largeTo: 5, midTo: 12, smallTo: 30, breadthWindows: [7, 30] };
    const plain = (s: ReturnType<typeof computeRotation>) => s.groups.map((g) => [g.id, values(g.capLevel), values(g.equalLevel), [...g.memberCount], g.breadth.map(values)]);
    const live = computeRotation(panel, addDays(D0, 20), addDays(D0, 159), labels, options);
    const kept = computeRotation(panel, addDays(D0, 20), addDays(D0, 159), labels, options, computeDailyRankings(panel, 7));
    expect(plain(kept)).toEqual(plain(live));
  });
});
