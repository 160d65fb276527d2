import { describe, expect, it } from 'vitest';
import { ASI_REGIME } from './builtin-strategies.ts';
import { ParameterGrid, parseParameter, parseSweepAxis } from './parameter-grid.ts';

describe('parameter grids', () => {
  it('parses ranges with a step and lists', () => {
    expect(parseSweepAxis('threshold=50..90:5').values).toEqual([50, 55, 60, 65, 70, 75, 80, 85, 90]);
    expect(parseSweepAxis('threshold=0.1..0.3:0.1').values).toEqual([0.1, 0.2, 0.3]);
    expect(parseSweepAxis('window=30,90').values).toEqual([30, 90]);
    expect(parseSweepAxis('exit=btc,cash').values).toEqual(['btc', 'cash']);
    expect(parseParameter('top=20')).toEqual(['top', 20]);
    expect(() => parseSweepAxis('threshold=90..50:5')).toThrow(/90 is below 50|50 is below 90|below/);
    expect(() => parseSweepAxis('threshold')).toThrow(/expected name=FROM..TO:STEP/);
    expect(() => parseSweepAxis('threshold=1..2:0')).toThrow(/step must be above 0/);
  });

  it('enumerates the Cartesian product, the first axis slowest, and checks every value', () => {
    const grid = new ParameterGrid(ASI_REGIME, { top: 10 }, [parseSweepAxis('threshold=50,60,70'), parseSweepAxis('window=30,90')]);
    expect(grid.count).toBe(6);
    expect(grid.parameters(0)).toEqual({ threshold: 50, window: 30, top: 10, exit: 'btc' });
    expect(grid.parameters(1)).toEqual({ threshold: 50, window: 90, top: 10, exit: 'btc' });
    expect(grid.parameters(5)).toEqual({ threshold: 70, window: 90, top: 10, exit: 'btc' });
    expect(grid.maxWarmupDays()).toBe(90);
    expect(() => new ParameterGrid(ASI_REGIME, {}, [parseSweepAxis('threshold=50..150:50')])).toThrow(/threshold: expected 0 … 100, got 150/);
    expect(() => new ParameterGrid(ASI_REGIME, { top: 5 }, [parseSweepAxis('top=5,6')])).toThrow(/also given with --param/);
  });
});
