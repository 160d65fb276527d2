import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { simulateMarket } from '../../sim/simulate-market.ts';
import { writeSimulatedMarket } from '../../sim/write-simulated-market.ts';
import { isModulePath, queryFromFlags, runBacktestCommand, type BacktestFlags } from './backtest-command.ts';

const flags = (over: Partial<BacktestFlags> = {}): BacktestFlags => ({ param: [], sweep: [], feesBps: '10', slippageBps: '0', maxGross: '1', delisting: 'last-price', seed: '1', format: 'table', ...over });

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('altseason backtest', () => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await writeSimulatedMarket(store, simulateMarket({ seed: 2, years: 2, assets: 15 }));
    dir = mkdtempSync(join(tmpdir(), 'altseason-backtest-'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses --param, --sweep, costs and --walk-forward into a query, naming bad values', async () => {
    const q = await queryFromFlags('asi-regime', flags({ param: ['top=10'], sweep: ['threshold=50..60:5', 'window=30,90'], feesBps: '25', slippageBps: '5', walkForward: '365:90' }));
    expect(q.parameters).toEqual({ top: 10 });
    expect(q.sweep!.map((a) => a.values)).toEqual([[50, 55, 60], [30, 90]]);
    expect(q).toMatchObject({ feesBps: 25, slippageBps: 5, walkForward: { train: 365, test: 90 } });
    await expect(queryFromFlags('asi-regime', flags({ feesBps: 'ten' }))).rejects.toThrow(/--fees-bps: expected basis points from 0 to 10000, got "ten"/);
    await expect(queryFromFlags('asi-regime', flags({ maxGross: '0' }))).rejects.toThrow(/--max-gross: expected a gross weight above 0/);
    await expect(queryFromFlags('asi-regime', flags({ delisting: 'never' }))).rejects.toThrow(/--delisting: expected last-price or zero/);
    await expect(queryFromFlags('./nope.ts', flags())).rejects.toThrow(/strategy module \.\/nope\.ts: no such file/);
    expect(isModulePath('asi-regime')).toBe(false);
    expect(isModulePath('my-rule.ts')).toBe(true);
  });

  it('prints the verdict and metrics, csv rows per configuration, and writes the HTML report', async () => {
    const out = sink();
    const err = sink();
    const report = join(dir, 'report.html');
    await runBacktestCommand(store, await queryFromFlags('asi-regime', flags({ sweep: ['threshold=40,60'], param: ['window=30', 'top=5'] })), 'table', report, out.stream, err.stream);
    expect(out.text()).toMatch(/^SIMULATED market/);
    expect(out.text()).toMatch(/Backtest: asi-regime \(built-in\) threshold=\d+ window=30 top=5 exit=btc — best of the sweep \(in-sample\)/);
    expect(out.text()).toMatch(/DSR .* after 2 configurations/);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/<svg class="chart"[^>]*aria-label="Equity \(log scale\)"/);
    expect(html).toMatch(/PBO: how often the configuration that is best/);
    const csv = sink();
    await runBacktestCommand(store, await queryFromFlags('asi-regime', flags({ sweep: ['threshold=40,60'] })), 'csv', undefined, csv.stream, err.stream);
    const lines = csv.text().trim().split('\n');
    expect(lines[0]).toMatch(/^# SIMULATED/);
    expect(lines[1]).toBe('index,threshold,window,top,exit,sharpe,total_return,max_drawdown');
    expect(lines).toHaveLength(4);
  });

  it('runs a user strategy module exporting the strategy function', async () => {
    const file = join(dir, 'half-btc.ts');
    writeFileSync(file, "export default (view: { price(a: string): number | null }, p: Record<string, number>) => (view.price('BTC') === null ? {} : { bitcoin: p.share ?? 0.5 });\n");
    const out = sink();
    const result = await runBacktestCommand(store, await queryFromFlags(file, flags({ param: ['share=0.25'] })), 'json', undefined, out.stream, sink().stream);
    expect(result.strategy).toMatchObject({ id: 'half-btc', source: `module ${file}` });
    expect(result.parameters).toEqual({ share: 0.25 });
    expect(result.metrics.meanGross.value).toBeCloseTo(0.25, 6);
    expect(JSON.parse(out.text()).schema).toBe('altseason.backtest/v1');
    const peeking = join(dir, 'peek.js');
    writeFileSync(peeking, "export const strategy = (view) => ({ bitcoin: view.price('BTC', -1) > 0 ? 1 : 0 });\n");
    await expect(runBacktestCommand(store, await queryFromFlags(peeking, flags()), 'json', undefined, sink().stream, sink().stream)).rejects.toThrow(/asked for 1 day\(s\) after .*, the day it decides on/);
  });
});
