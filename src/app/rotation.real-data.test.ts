/**
 * Sector rotation on the real data in ../shared/data: the obvious facts of 2021 (memes led in
 * April–May; DeFi rose against BTC in January–February) and point-in-time membership.
 */
import { beforeAll, expect, inject, it } from 'vitest';
import { loadPanel } from '../data/panel/load-panel.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { parseDay } from '../domain/dates.ts';
import type { Panel } from '../domain/panel.ts';
import { describeWithSharedData } from '../../test/shared-data.ts';
import { computeRotation, rotationMembersOn, type RotationSeries } from '../analytics/rotation/rotation-indices.ts';
import { rotationPhases, strengthBetween } from '../analytics/rotation/rotation-phase.ts';
import { assignSectors, type SectorLabel } from '../analytics/rotation/sector-labels.ts';

describeWithSharedData('sector rotation on ../shared/data', () => {
  let panel: Panel;
  let labels: SectorLabel[];
  let series: RotationSeries;
  const at = (date: string) => parseDay(date) - series.from;

  beforeAll(async () => {
    const path = inject('realDataDb');
    if (path === null) throw new Error('the global setup did not build the real-data store');
    const store = SqliteStore.open(path);
    panel = await loadPanel(store);
    labels = assignSectors(panel, await store.listCategoryRules());
    await store.close();
    series = computeRotation(panel, parseDay('2020-10-01'), parseDay('2021-12-31'), labels);
  });

  it('memes led in 2021-04/05: the meme sector is the strongest group against BTC from April 1 to May 31', () => {
    const ranked = strengthBetween(series, at('2021-04-01'), at('2021-05-31'), 'cap');
    expect(ranked[0]!.id).toBe('sector:meme');
    expect(ranked[0]!.strength, 'by several times BTC').toBeGreaterThan(2);
  });

  it('the rotation phase of April–May 2021 is small caps and memes, every day', () => {
    const phases = rotationPhases(series);
    const spring = phases.slice(at('2021-04-01'), at('2021-05-31') + 1);
    expect(spring.every((p) => p.phase === 'small-caps-and-memes')).toBe(true);
  });

  it('DeFi rose against BTC in 2021-01/02, cap- and equal-weighted', () => {
    for (const weighting of ['cap', 'equal'] as const) {
      const defi = strengthBetween(series, at('2021-01-01'), at('2021-02-28'), weighting).find((g) => g.id === 'sector:defi')!;
      expect(defi.strength, weighting).toBeGreaterThan(0.3);
    }
    const defi = series.groups.find((g) => g.id === 'sector:defi')!;
    expect(defi.memberCount[at('2021-02-15')], 'a dozen or more DeFi coins in the top 100').toBeGreaterThanOrEqual(10);
  });

  it('tiers hold their sizes once the weekly top 100 exists: ETH, 9 large caps, 40 mid caps', () => {
    const i = at('2021-06-15');
    const count = (id: string) => series.groups.find((g) => g.id === id)!.memberCount[i];
    expect([count('btc'), count('eth'), count('large'), count('mid')]).toEqual([1, 1, 9, 40]);
    expect(count('small')).toBeGreaterThan(30);
  });

  it('SHIB, priced since 2020 but outside the top 100 until May 2021, is in no earlier index', () => {
    const shib = panel.assets.findIndex((a) => a.id === 'shiba-inu');
    expect(panel.assets[shib]!.firstDay, 'SHIB has prices long before').toBeLessThan(parseDay('2021-01-01'));
    const memberOn = (date: string) => rotationMembersOn(panel, parseDay(date), labels).some((m) => m.assetIndex === shib);
    expect(memberOn('2021-03-01')).toBe(false);
    expect(memberOn('2021-05-10')).toBe(true);
    const meme = series.groups.find((g) => g.id === 'sector:meme')!;
    expect(meme.memberCount[at('2021-03-01')], 'only DOGE in the meme sector on 2021-03-01').toBe(1);
  });
});
