import { describe, expect, it } from 'vitest';
import { SOURCE_NAMES } from './create-sources.ts';
import { licenceOfSource, SOURCE_LICENCES } from './source-licences.ts';

describe('source licences', () => {
  it('marks Coin Metrics community data, prices and flows, as non-commercial CC BY-NC 4.0', () => {
    for (const source of ['coinmetrics', 'coinmetrics-flows']) expect(licenceOfSource(source), source).toMatch(/^CC BY-NC 4\.0: non-commercial use only, with attribution/);
  });

  it('names the exchanges’ terms and alternative.me’s attribution, and nothing for a source without a restriction on record', () => {
    for (const source of ['binance', 'bybit', 'okx', 'deribit']) expect(licenceOfSource(source), source).toContain("exchange's API terms");
    expect(licenceOfSource('alternative-me')).toContain('attribution');
    expect([licenceOfSource('my_export'), licenceOfSource('toString'), licenceOfSource('constructor')], 'an unknown name, and names on Object.prototype').toEqual([null, null, null]);
  });

  it('keys every licence by a built-in source name, so a renamed source cannot lose its licence silently', () => {
    expect(Object.keys(SOURCE_LICENCES).filter((name) => !(SOURCE_NAMES as readonly string[]).includes(name))).toEqual([]);
  });
});
