import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/dates.ts';
import { parsePortfolioFile, type PortfolioAssetResolver } from './parse-portfolio-file.ts';

const known: Record<string, string> = { btc: 'bitcoin', bitcoin: 'bitcoin', eth: 'ethereum', ethereum: 'ethereum', sol: 'solana' };
const resolve: PortfolioAssetResolver = (key) => (known[key.toLowerCase()] ? { id: known[key.toLowerCase()]! } : { error: 'not stored' });
const file = (text: string, name = 'p.csv') => ({ name, text });

describe('parsePortfolioFile', () => {
  it('reads a holdings CSV with exact decimals, optional columns and ids or tickers', async () => {
    const parsed = await parsePortfolioFile(file('asset,quantity,cost_usd,acquired\nETH,2.5,5000.10,2021-01-02\nbitcoin,0.10000001,,\n'), resolve);
    expect(parsed.format).toBe('holdings-csv');
    expect(parsed.holdings).toEqual([
      { assetId: 'bitcoin', quantity: '0.10000001', costUsd: null, acquiredDay: null },
      { assetId: 'ethereum', quantity: '2.5', costUsd: '5000.1', acquiredDay: parseDay('2021-01-02') },
    ]);
  });

  it('reads the same as JSON', async () => {
    const parsed = await parsePortfolioFile(file('{"holdings":[{"asset":"ETH","quantity":"2.5","cost_usd":5000.1,"acquired":"2021-01-02"},{"asset":"bitcoin","quantity":0.10000001}]}', 'p.json'), resolve);
    expect(parsed.format).toBe('holdings-json');
    expect(parsed.holdings.map((h) => [h.assetId, h.quantity, h.costUsd])).toEqual([
      ['bitcoin', '0.10000001', null],
      ['ethereum', '2.5', '5000.1'],
    ]);
  });

  it('turns a trade list into average-cost holdings, exactly (no binary float drift)', async () => {
    const text = [
      'date,asset,side,quantity,price_usd,fee_usd',
      '2021-01-01,ETH,buy,0.1,1000,1',
      '2021-01-05,ETH,buy,0.2,1500,2',
      '2021-02-01,ETH,sell,0.15,2000,1.5',
      '2021-01-03,SOL,buy,3,1.5,0',
      '2021-03-01,SOL,sell,3,4,0',
    ].join('\n');
    const parsed = await parsePortfolioFile(file(text, 't.csv'), resolve);
    expect(parsed.format).toBe('trades-csv');
    expect(parsed.trades).toHaveLength(5);
    // Cost 0.1·1000 + 1 + 0.2·1500 + 2 = 403 for 0.3 ETH; selling half keeps 201.5 for 0.15 (0.1 + 0.2 − 0.15 exactly).
    expect(parsed.holdings).toEqual([{ assetId: 'ethereum', quantity: '0.15', costUsd: '201.5', acquiredDay: parseDay('2021-01-01') }]);
  });

  const failures: [string, string, RegExp][] = [
    ['unknown asset', 'asset,quantity\nBTC,1\nNOPE,2\n', /^p\.csv:3: unknown asset "NOPE": not stored/],
    ['duplicate row, under another name of the same asset', 'asset,quantity\nBTC,1\nbitcoin,2\n', /^p\.csv:3: duplicate row: asset "bitcoin" \(bitcoin\) is listed already at line 2 as "BTC"/],
    ['negative quantity', 'asset,quantity\nBTC,1\nETH,-2\n', /^p\.csv:3: quantity -2 is negative/],
    ['zero quantity', 'asset,quantity\nETH,0\n', /^p\.csv:2: quantity 0 must be above 0/],
    ['a number that is not one', 'asset,quantity\nETH,1e\n', /^p\.csv:2: quantity "1e" is not a number/],
    ['a negative cost', 'asset,quantity,cost_usd\nETH,1,-5\n', /^p\.csv:2: cost_usd -5 is negative/],
    ['a bad date', 'asset,quantity,acquired\nETH,1,2021-13-01\n', /^p\.csv:2: acquired: expected a date/],
    ['an unknown column', 'asset,quantity,colour\nETH,1,red\n', /unknown column "colour"/],
    ['a missing column', 'asset,cost_usd\nETH,1\n', /missing the column "quantity"/],
    ['a short row', 'asset,quantity\nETH\n', /^p\.csv:2: expected 2 fields/],
    ['a duplicate trade', 'date,asset,side,quantity,price_usd\n2021-01-01,ETH,buy,1,10\n2021-01-01,ETH,buy,1,10\n', /^p\.csv:3: duplicate row: the same trade as at line 2/],
    ['a sell of more than is held', 'date,asset,side,quantity,price_usd\n2021-01-01,ETH,buy,1,10\n2021-01-02,ETH,sell,1.5,10\n', /^p\.csv:3: sell of 1.5 ETH on 2021-01-02 is more than the 1 held then/],
    ['a bad side', 'date,asset,side,quantity,price_usd\n2021-01-01,ETH,short,1,10\n', /^p\.csv:2: side "short" must be buy or sell/],
  ];
  for (const [what, text, message] of failures) {
    it(`refuses ${what}, naming the file, line and value`, async () => {
      await expect(parsePortfolioFile(file(text), resolve)).rejects.toThrow(message);
    });
  }

  it('names the JSON entry of a bad value', async () => {
    await expect(parsePortfolioFile(file('[{"asset":"ETH","quantity":1},{"asset":"SOL","quantity":"-1"}]', 'p.json'), resolve)).rejects.toThrow(/^p\.json entry 2: quantity -1 is negative/);
  });
});
