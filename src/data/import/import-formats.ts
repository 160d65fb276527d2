/**
 * Every import format, in the order they are tried on a file's header. Specific formats come
 * before the generic ones that would also accept a subset of their columns.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { btcDominanceFormat } from './formats/btc-dominance-format.ts';
import { cmcWeeklyTop10Format } from './formats/cmc-weekly-top10-format.ts';
import { coinCategoriesFormat } from './formats/coin-categories-format.ts';
import { cryptoLongFormat } from './formats/crypto-long-format.ts';
import { derivativesAggregateFormat } from './formats/derivatives-aggregate-format.ts';
import { equityOhlcvFormat } from './formats/equity-ohlcv-format.ts';
import { fearGreedFormat } from './formats/fear-greed-format.ts';
import { funding8hFormat } from './formats/funding-8h-format.ts';
import { genericPricesFormat } from './formats/generic-prices-format.ts';
import { totalMarketCapWeeklyFormat } from './formats/total-market-cap-weekly-format.ts';
import type { ImportFormat } from './import-format.ts';

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  cryptoLongFormat,
  cmcWeeklyTop10Format,
  coinCategoriesFormat,
  equityOhlcvFormat,
  btcDominanceFormat,
  totalMarketCapWeeklyFormat,
  funding8hFormat,
  derivativesAggregateFormat,
  fearGreedFormat,
  genericPricesFormat,
];

/** Header cells as compared: trimmed, lower-case. */
export function normaliseHeader(fields: readonly string[]): string[] {
  return fields.map((field) => field.trim().toLowerCase());
}

/** The format whose header this is; throws with the known formats listed when none fits. */
export function detectImportFormat(file: string, header: readonly string[], fileName: string): ImportFormat {
  const format = IMPORT_FORMATS.find((candidate) => candidate.matches(header, fileName));
  if (format) return format;
  const known = IMPORT_FORMATS.map((f) => `  ${f.id}: ${f.columns}`).join('\n');
  throw new InvalidInputError(
    `${file}:1: unknown header ${JSON.stringify(header.join(','))}: expected one of these formats (docs/data.md):\n${known}`,
  );
}
