import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DayNumber } from '../domain/dates.ts';
import { SqliteStore } from '../data/store/sqlite/sqlite-store.ts';
import { main } from '../cli/main.ts';
import { simulateMarket } from './simulate-market.ts';
import { isSimulatedStore, readGroundTruth, sameSimulation, writeSimulatedMarket } from './write-simulated-market.ts';

const dir = mkdtempSync(join(tmpdir(), 'altseason-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeSimulatedMarket', () => {
  it('writes assets, observations and equity bars, and marks the store as simulated', async () => {
    const store = SqliteStore.open(join(dir, 'sim.db'));
    const market = simulateMarket({ seed: 2, years: 1, assets: 5, effect: 0.2 });
    await writeSimulatedMarket(store, market);
    expect(await isSimulatedStore(store), 'every reader can tell the data are simulated').toBe(true);
    expect((await readGroundTruth(store))!.plantedLink!.effect).toBe(0.2);
    const assets = await store.listAssets();
    expect(assets.map((a) => a.id)).toContain('bitcoin');
    expect(assets.map((a) => a.id)).toContain('sim-alt-001');
    const bitcoin = await store.readObservations({ assetIds: ['bitcoin'] });
    expect(bitcoin).toHaveLength(market.days.length);
    expect(bitcoin[0]!.source).toBe('simulated');
    expect(bitcoin[10]!.marketCap! / bitcoin[10]!.price!, 'cap = supply × price').toBeGreaterThan(16e6);
    const rut = await store.readEquityBars('^RUT');
    expect(rut.length).toBe(market.equities[0]!.days.length);
    expect(rut[0]).toMatchObject({ source: 'simulated', day: market.equities[0]!.days[0] });
    const again = await writeSimulatedMarket(store, market);
    expect(again.changed, 'writing the same simulation again changes no rows').toBe(0);
    await expect(writeSimulatedMarket(store, simulateMarket({ seed: 3, years: 1, assets: 5 })), 'a different simulation must not mix in').rejects.toThrow(/different simulated market \(seed 2/);
    await store.close();
  });

  it('tells simulations apart by every option that changes the market, the planted rotation included', async () => {
    const base = simulateMarket({ seed: 4, years: 1, assets: 60 }).groundTruth;
    const rotated = simulateMarket({ seed: 4, years: 1, assets: 60, rotation: { lagDays: 10, effect: 0.3 } }).groundTruth;
    const otherLag = simulateMarket({ seed: 4, years: 1, assets: 60, rotation: { lagDays: 20, effect: 0.3 } }).groundTruth;
    // The comparison itself, not the generator text that names the rotation, must tell them apart.
    const sameText = (t: typeof base) => ({ ...t, generator: base.generator });
    expect(sameSimulation(sameText(base), sameText(rotated))).toBe(false);
    expect(sameSimulation(sameText(rotated), sameText(otherLag))).toBe(false);
    expect(sameSimulation(rotated, simulateMarket({ seed: 4, years: 1, assets: 60, rotation: { lagDays: 10, effect: 0.3 } }).groundTruth)).toBe(true);
    const older = { ...base } as Partial<typeof base>;
    delete older.plantedRotation;
    expect(sameSimulation(older as typeof base, base), 'an older ground truth without the field planted no rotation').toBe(true);
    const store = SqliteStore.open(join(dir, 'rotation.db'));
    await writeSimulatedMarket(store, simulateMarket({ seed: 4, years: 1, assets: 60, rotation: { lagDays: 10, effect: 0.3 } }));
    await expect(writeSimulatedMarket(store, simulateMarket({ seed: 4, years: 1, assets: 60, rotation: { lagDays: 20, effect: 0.3 } }))).rejects.toThrow(/different simulated market \(seed 4, 1 years, 60 alts, lead 20 days, effect 0, rotation lag 10 days effect 0.3\)/);
    await store.close();
  });

  it('refuses a store that holds real data and leaves it untouched', async () => {
    const store = SqliteStore.open(join(dir, 'real.db'));
    await store.write({
      load: { source: 'coingecko', origin: 'test' },
      assets: [{ id: 'bitcoin', symbol: 'BTC', name: 'Bitcoin' }],
      observations: [{ assetId: 'bitcoin', day: 17000 as DayNumber, source: 'coingecko', symbol: 'BTC', price: 1, marketCap: 1, volume: null, rank: 1 }],
    });
    await expect(writeSimulatedMarket(store, simulateMarket({ seed: 1, years: 1, assets: 2 }))).rejects.toThrow(/holds real data \(sources: coingecko\)/);
    expect((await store.summary()).observations, 'nothing was written').toBe(1);
    expect(await isSimulatedStore(store)).toBe(false);
    await store.close();
  });
});

describe('altseason simulate', () => {
  it('writes a store and says the data are simulated', async () => {
    const path = join(dir, 'cli.db');
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main(['node', 'altseason', 'simulate', '--db', path, '--seed', '4', '--years', '1', '--assets', '3', '--effect', '0.1', '--lead-days', '10']);
    } finally {
      process.stdout.write = write;
    }
    expect(code, lines.join('')).toBe(0);
    expect(lines.join(''), 'the output must say the data are simulated').toMatch(/^SIMULATED DATA \(not a real market\): seed 4.*lead alt-minus-BTC returns by 10 days with strength 0\.1/);
    const store = SqliteStore.open(path);
    expect((await readGroundTruth(store))!.seed).toBe(4);
    await store.close();
  });
});
