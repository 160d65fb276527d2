/**
 * The long crypto format of ../shared/data/crypto_prices_long.csv.gz: one row per coin, day and
 * source, keyed by (source, slug) where the source has slugs (docs/data.md).
 */
import { ColumnReader } from '../column-reader.ts';
import { emptyParsedFile, headerIs, type ImportFormat } from '../import-format.ts';

const COLUMNS = ['date', 'symbol', 'name', 'slug', 'price_usd', 'market_cap_usd', 'volume_usd', 'rank', 'source'];
const SOURCE_ID = /^[A-Za-z0-9_.:-]+$/;

export const cryptoLongFormat: ImportFormat = {
  id: 'crypto-long',
  description: 'crypto prices, one row per coin, day and source',
  columns: COLUMNS.join(','),
  matches: (header) => headerIs(header, COLUMNS),
  createParser({ file, header }) {
    const columns = new ColumnReader(file, header);
    const parsed = emptyParsedFile();
    const sources = new Set<string>();
    return {
      row(record) {
        columns.checkWidth(record);
        const source = columns.requiredText(record, 'source', SOURCE_ID, 'a source id (letters, digits, _ . : -)');
        const symbol = columns.requiredText(record, 'symbol');
        sources.add(source);
        parsed.cryptoRows.push({
          line: record.line,
          source,
          slug: columns.text(record, 'slug') || null,
          symbol,
          name: columns.text(record, 'name') || symbol,
          day: columns.day(record, 'date'),
          price: columns.requiredNumber(record, 'price_usd', 'positive'),
          marketCap: columns.optionalNumber(record, 'market_cap_usd', 'non-negative'),
          volume: columns.optionalNumber(record, 'volume_usd', 'non-negative'),
          rank: columns.optionalInteger(record, 'rank', 'positive'),
        });
      },
      finish() {
        parsed.sources = [...sources].sort();
        parsed.rows = parsed.cryptoRows.length;
        return parsed;
      },
    };
  },
};
