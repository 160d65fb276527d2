import { describe, expect, it } from 'vitest';
import { normaliseAssetName, slugifyAssetName } from './normalise-asset-name.ts';

describe('normaliseAssetName', () => {
  it('drops bracketed text, case and punctuation, and applies known renames', () => {
    expect(normaliseAssetName('Terra (LUNA, now Terra Classic LUNC)')).toBe('terra');
    expect(normaliseAssetName('BitTorrent [New]')).toBe('bittorrent');
    expect(normaliseAssetName('Binance Coin'), "'Binance Coin' was renamed 'BNB'").toBe(normaliseAssetName('BNB'));
  });
});

describe('slugifyAssetName', () => {
  it('makes readable ids', () => {
    expect(slugifyAssetName('Bitcoin Gold')).toBe('bitcoin-gold');
    expect(slugifyAssetName('POL (ex-MATIC)')).toBe('pol');
    expect(slugifyAssetName('DOG•GO•TO•THE•MOON')).toBe('dog-go-to-the-moon');
  });
});
