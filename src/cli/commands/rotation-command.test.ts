import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parseDay, type DayNumber } from '../../domain/dates.ts';
import { SqliteStore } from '../../data/store/sqlite/sqlite-store.ts';
import type { Store } from '../../data/store/store.ts';
import { RotationResultSchema } from '../../app/contracts/rotation.ts';
import { parsePhaseFlags, runRotation, runRotationTest, type RotationOptions } from './rotation-command.ts';
import { ROTATION_MARKET_START, writeRotationMarket } from '../../../test/fixtures/rotation-market.ts';

const START = ROTATION_MARKET_START;

/** What a command writes to its output stream, as text. */
async function output(write: (out: PassThrough) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  return Buffer.concat(chunks).toString('utf8');
}

const run = (store: Store, options: Partial<RotationOptions>) =>
  output((out) => runRotation(store, { window: 30, weighting: 'cap', sectorsFile: null, format: 'json', ...options }, out, new PassThrough()));

describe('altseason rotation on hand-made data', () => {
  let store: Store;
  beforeAll(async () => {
    store = SqliteStore.open(':memory:');
    await writeRotationMarket(store);
  });
  afterAll(() => store.close());

  it('the large caps lead: A’s +50 % on day 90 is a third of the tier (caps 100 of 150 the day before)', async () => {
    const result = RotationResultSchema.parse(JSON.parse(await run(store, {})));
    expect(result.to).toBe('2024-04-29');
    expect([result.current.phase, result.current.leader]).toEqual(['large-caps', 'large']);
    expect(result.current.since, 'the large caps lead from day 90, confirmed after 5 days').toBe('2024-04-04');
    const large = result.groups.find((g) => g.id === 'large')!;
    expect(large.strength30).toBeCloseTo(1 / 3, 6);
    expect(large.breadth30, 'A beats BTC, B does not').toBe(0.5);
    const defi = result.groups.find((g) => g.id === 'sector:defi')!;
    expect([defi.members, defi.strength30, defi.level]).toEqual([1, 0.5, 150]);
    expect(result.groups[0]!.id, 'strongest first').toBe('sector:defi');
    expect(result.groups.some((g) => g.name === 'stablecoin'), 'no stablecoin sector').toBe(false);
  });

  it('equal weighting: the tier rises by the mean return, +25 %', async () => {
    const result = RotationResultSchema.parse(JSON.parse(await run(store, { weighting: 'equal' })));
    expect(result.groups.find((g) => g.id === 'large')!.strength30).toBeCloseTo(0.25, 6);
  });

  it('a range lists every day and the episodes; csv uses snake_case fields', async () => {
    const result = RotationResultSchema.parse(JSON.parse(await run(store, { from: addDays(START, 60), to: addDays(START, 100) })));
    expect(result.days).toHaveLength(41);
    expect(result.episodes.map((e) => [e.phase, e.start])).toEqual([
      ['bitcoin-led', '2024-01-31'],
      ['large-caps', '2024-04-04'],
    ]);
    const csv = await run(store, { from: addDays(START, 60), to: addDays(START, 61), format: 'csv' });
    expect(csv.split('\n')[0]).toBe('date,phase,leader,leader_strength,btc_return,btc_level,eth_ratio,large_ratio,mid_ratio,small_ratio,large_members,mid_members,small_members');
    expect(csv.trim().split('\n')).toHaveLength(3);
  });

  it('--test reports in markdown, html and json; four months of data are too few steps to test', async () => {
    const capture = (format: 'markdown' | 'html' | 'json') => output((out) => runRotationTest(store, { format, weighting: 'cap', window: 30, stepDays: 7, seed: 1, sectorsFile: null }, out));
    const markdown = await capture('markdown');
    expect(markdown).toContain('# Does capital rotate BTC → ETH → large → mid → small caps?');
    expect(markdown).toContain('**Not testable: too few steps with every tier defined.**');
    const html = await capture('html');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<td>ETH → large caps (alt ranks 2–10)</td>');
    expect(JSON.parse(await capture('json')).schema).toBe('altseason.rotation-test/v1');
  });

  it('the phase rule’s flags change the phase: one day to confirm, a margin the leader misses', async () => {
    const quick = RotationResultSchema.parse(JSON.parse(await run(store, { phase: { confirmDays: 1 } })));
    expect([quick.current.phase, quick.current.since, quick.settings.confirmDays], 'confirmed on the day of the jump (day 90), not 5 days later').toEqual(['large-caps', '2024-03-31', 1]);
    const strict = RotationResultSchema.parse(JSON.parse(await run(store, { phase: { leadMargin: 0.5 } })));
    expect([strict.current.phase, strict.settings.leadMargin], 'the large caps’ +33 % vs BTC is under a 50-point margin').toEqual(['bitcoin-led', 0.5]);
  });

  it('rejects phase flags outside their ranges, naming the flag and the value', () => {
    const flags = (over: Record<string, string>) => parsePhaseFlags({ leadMargin: '0.02', riskOff: '-0.15', confirmDays: '5', ...over });
    expect(flags({}), 'the defaults parse').toEqual({ leadMargin: 0.02, riskOffBtcReturn: -0.15, confirmDays: 5 });
    expect(() => flags({ leadMargin: '2%' })).toThrow('--lead-margin: expected a fraction from 0 up to 1 (0.02 = 2 percentage points over BTC), got "2%"');
    expect(() => flags({ leadMargin: '1' })).toThrow('--lead-margin');
    expect(() => flags({ riskOff: '0.15' })).toThrow('--risk-off: expected a fraction between -1 and 0 (-0.15 = BTC down 15 % over the window), got "0.15"');
    expect(() => flags({ riskOff: '-1' })).toThrow('--risk-off');
    expect(() => flags({ confirmDays: '0' })).toThrow('--confirm-days: expected a whole number ≥ 1, got "0"');
  });

  it('a date outside the data is an error naming the flag and the span', async () => {
    await expect(run(store, { at: parseDay('2023-01-01') as DayNumber })).rejects.toThrow('--at 2023-01-01 is before the first day with data: the stored crypto data cover 2024-01-01 … 2024-04-29');
  });
});
