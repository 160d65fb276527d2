import { describe, expect, it } from 'vitest';
import { measureRotationRecovery } from './rotation-recovery.ts';

describe('measureRotationRecovery', () => {
  it('counts a strong planted rotation as recovered and a null market as clean (fixed seeds)', () => {
    const planted = measureRotationRecovery({ seeds: [1, 2], effect: 0.7, lagDays: 14, years: 8, assets: 100, test: { replicates: 49 } });
    expect([planted.seeds, planted.recovered, planted.held, planted.pairs]).toEqual([2, 2, 2, 6]);
    const none = measureRotationRecovery({ seeds: [1, 2], effect: 0, lagDays: 14, years: 8, assets: 100, test: { replicates: 49 } });
    expect([none.recovered, none.held, none.anyPairSupported]).toEqual([0, 0, 0]);
  });
});
