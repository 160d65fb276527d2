/**
 * Asset names as they are compared across sources. Sources decorate the same name differently
 * ("Terra (LUNA, now Terra Classic LUNC)", "BitTorrent [New]", "Tether USDt"), so comparisons drop
 * bracketed text and everything but letters and digits, then apply the known renames.
 */
import { KNOWN_NAME_EQUIVALENTS } from './known-asset-equivalents.ts';

const BRACKETED = /\([^)]*\)|\[[^\]]*\]/g;

/** `'Binance Coin'` → `'bnb'`, `'Terra (LUNA, now …)'` → `'terra'`. */
export function normaliseAssetName(name: string): string {
  const plain = name.replace(BRACKETED, ' ').toLowerCase().replace(/[^a-z0-9]+/g, '');
  const key = plain || name.toLowerCase().replace(/\s+/g, '');
  return KNOWN_NAME_EQUIVALENTS.get(key) ?? key;
}

/** A readable id made from a name: `'Bitcoin Gold'` → `'bitcoin-gold'`, `'POL (ex-MATIC)'` → `'pol'`. */
export function slugifyAssetName(name: string): string {
  const slug = name
    .replace(BRACKETED, ' ')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || name.trim().toLowerCase().replace(/\s+/g, '-');
}
