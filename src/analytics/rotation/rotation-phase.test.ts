import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import type { RotationGroup, RotationSeries } from './rotation-indices.ts';
import { resolveRotationOptions } from './rotation-options.ts';
import { leadersAndLaggards, phaseEpisodes, phaseReading, resolvePhaseOptions, rotationPhases, strengthBetween } from './rotation-phase.ts';

const D0 = parseDay('2021-01-01');

/** A series whose groups move by the given daily returns (day 0 = 100); cap and equal levels alike. */
function seriesOf(returns: Record<string, number[]>): RotationSeries {
  const days = Object.values(returns)[0]!.length + 1;
  const groups: RotationGroup[] = Object.entries(returns).map(([id, r]) => {
    const level = new Float64Array(days);
    level[0] = 100;
    r.forEach((x, i) => (level[i + 1] = level[i]! * (1 + x)));
    const sector = id.startsWith('sector:');
    return { id, kind: sector ? 'sector' : 'tier', name: sector ? id.slice(7) : id, label: id, capLevel: level, equalLevel: level, memberCount: new Int32Array(days).fill(1), breadth: [] };
  });
  return { from: D0, to: (D0 + days - 1) as typeof D0, options: resolveRotationOptions(), groups };
}

const W1 = resolvePhaseOptions({ window: 1, confirmDays: 2 });

describe('phaseReading (window 1)', () => {
  it('the strongest contender beating BTC by the margin sets the phase, with the runner-up as evidence', () => {
    const s = seriesOf({ btc: [0], eth: [0.05], large: [0.01], mid: [0], small: [-0.01] });
    const r = phaseReading(s, 1, W1);
    expect([r.candidate, r.leader, r.runnerUp]).toEqual(['eth-led', 'eth', 'large']);
    expect(r.leaderStrength).toBeCloseTo(0.05, 12);
    expect(r.runnerUpStrength).toBeCloseTo(0.01, 12);
  });

  it('a contender without members on a day of the window has no strength: its flat level does not "beat" a falling BTC', () => {
    // BTC −9.75 % over 2 days (not risk-off); the flat, half-empty small caps would read +10.8 % vs BTC.
    const s = seriesOf({ btc: [-0.05, -0.05], eth: [-0.06, -0.06], large: [-0.055, -0.055], mid: [-0.06, -0.06], small: [0, 0] });
    const small = s.groups.find((g) => g.id === 'small')!;
    small.memberCount[1] = 0;
    const r = phaseReading(s, 2, resolvePhaseOptions({ window: 2, confirmDays: 1 }));
    expect(Number.isNaN(r.contenders.find((c) => c.id === 'small')!.strength), 'small caps were empty on day 1').toBe(true);
    expect([r.leader, r.candidate], 'the large caps lead, behind BTC: bitcoin-led, not small caps').toEqual(['large', 'bitcoin-led']);
    const rows = leadersAndLaggards(s, 2, 'cap', 2, 2);
    expect(rows.at(-1)!.id, 'an undefined strength ranks last').toBe('small');
  });

  it('bitcoin-led when no contender beats BTC by 2 %', () => {
    const s = seriesOf({ btc: [0.1], eth: [0.11], large: [0.05], mid: [0], small: [0] });
    // ETH: 1.11 / 1.1 − 1 = 0.91 % < 2 %
    expect(phaseReading(s, 1, W1).candidate).toBe('bitcoin-led');
  });

  it('risk-off when BTC fell 15 % or more and no contender rose; a contender that rose still leads', () => {
    expect(phaseReading(seriesOf({ btc: [-0.2], eth: [-0.1], large: [-0.25], mid: [-0.3], small: [-0.3] }), 1, W1).candidate).toBe('risk-off');
    expect(phaseReading(seriesOf({ btc: [-0.2], eth: [0.01], large: [-0.25], mid: [-0.3], small: [-0.3] }), 1, W1).candidate).toBe('eth-led');
    // BTC −10 % is no risk-off: ETH −5 % is 5.6 % stronger
    expect(phaseReading(seriesOf({ btc: [-0.1], eth: [-0.05], large: [-0.2], mid: [-0.2], small: [-0.2] }), 1, W1).candidate).toBe('eth-led');
  });

  it('the meme sector counts for the small-caps-and-memes phase', () => {
    const r = phaseReading(seriesOf({ btc: [0], eth: [0.05], large: [0], mid: [0.1], small: [0], 'sector:meme': [0.3] }), 1, W1);
    expect([r.candidate, r.leader, r.runnerUp]).toEqual(['small-caps-and-memes', 'sector:meme', 'mid']);
  });

  it('no reading before the window is full', () => {
    expect(phaseReading(seriesOf({ btc: [0], eth: [0.05] }), 0, W1).candidate).toBeNull();
  });
});

describe('rotationPhases and phaseEpisodes', () => {
  it('a new candidate takes over only after confirmDays days; episodes are the runs', () => {
    // candidates day 1…7: eth, eth, mid, eth, mid, mid, mid
    const up = 0.1;
    const s = seriesOf({
      btc: [0, 0, 0, 0, 0, 0, 0],
      eth: [up, up, 0, up, 0, 0, 0],
      mid: [0, 0, up, 0, up, up, up],
      large: [0, 0, 0, 0, 0, 0, 0],
      small: [0, 0, 0, 0, 0, 0, 0],
    });
    const points = rotationPhases(s, { window: 1, confirmDays: 2 });
    expect(points.map((p) => p.candidate)).toEqual([null, 'eth-led', 'eth-led', 'mid-caps', 'eth-led', 'mid-caps', 'mid-caps', 'mid-caps']);
    expect(points.map((p) => p.phase)).toEqual([null, 'eth-led', 'eth-led', 'eth-led', 'eth-led', 'eth-led', 'mid-caps', 'mid-caps']);
    expect(points.map((p) => p.since)).toEqual([-1, 1, 1, 1, 1, 1, 6, 6]);
    expect(phaseEpisodes(points)).toEqual([
      { phase: 'eth-led', start: 1, end: 5, ongoing: false },
      { phase: 'mid-caps', start: 6, end: 7, ongoing: true },
    ]);
  });

  it('the phase of day t does not depend on later days', () => {
    const base = { btc: [0, 0.01, -0.02, 0.03, 0], eth: [0.1, 0, 0.05, -0.02, 0.04], mid: [0, 0.05, 0.01, 0.02, 0.1], large: [0.02, 0, 0, 0, 0], small: [0, 0, 0, 0.08, 0] };
    const changed = { ...base, mid: [0, 0.05, 0.01, 0.9, -0.5], btc: [0, 0.01, -0.02, -0.4, 0.5] };
    const head = (r: typeof base) => rotationPhases(seriesOf(r), { window: 2, confirmDays: 2 }).slice(0, 4).map((p) => [p.phase, p.since, p.leader]);
    expect(head(changed)).toEqual(head(base));
    expect(rotationPhases(seriesOf(changed), { window: 2 }).at(-1)!.leader).not.toBe(rotationPhases(seriesOf(base), { window: 2 }).at(-1)!.leader);
  });
});

describe('leaders and laggards', () => {
  it('ranks groups by the short window, with momentum against the long window’s pace', () => {
    // window 1 vs 2: a rose 10 % then 0 %, b 0 % then 10 %
    const s = seriesOf({ btc: [0, 0], a: [0.1, 0], b: [0, 0.1], c: [-0.1, -0.1] });
    const rows = leadersAndLaggards(s, 2, 'cap', 1, 2);
    expect(rows.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    const b = rows[0]!;
    expect(b.short).toBeCloseTo(0.1, 12);
    expect(b.long).toBeCloseTo(0.1, 12);
    expect(b.momentum).toBeCloseTo(Math.log(1.1) - Math.log(1.1) / 2, 12);
    expect(rows[1]!.momentum).toBeCloseTo(0 - Math.log(1.1) / 2, 12);
    expect(strengthBetween(s, 0, 2, 'cap').map((r) => [r.id, Number(r.strength.toFixed(6))])).toEqual([['a', 0.1], ['b', 0.1], ['c', -0.19]]);
  });
});
