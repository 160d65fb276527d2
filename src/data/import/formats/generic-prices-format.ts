/**
 * The generic format for data a user makes in a spreadsheet (docs/data.md, "Generic format"):
 * `date,symbol,price_usd` plus optional `market_cap_usd,volume_usd,name,id`. Rows go in under the
 * source `user`; `id` (any stable coin id, e.g. a CoinGecko id) keys the coin when given, else the
 * ticker and name do, by the same rules as the weekly snapshots.
 */
import { ColumnReader } from '../column-reader.ts';
import { emptyParsedFile, headerIs, type ImportFormat } from '../import-format.ts';

const REQUIRED = ['date', 'symbol', 'price_usd'];
const OPTIONAL = ['market_cap_usd', 'volume_usd', 'name', 'id'];
export const GENERIC_SOURCE = 'user';

export const genericPricesFormat: ImportFormat = {
  id: 'generic-prices',
  description: 'your own prices (spreadsheet export), source "user"',
  columns: `${REQUIRED.join(',')}[,${OPTIONAL.join(',')}]`,
  matches: (header) => headerIs(header, REQUIRED, OPTIONAL),
  createParser({ file, header }) {
    const columns = new ColumnReader(file, header);
    const parsed = emptyParsedFile([GENERIC_SOURCE]);
    return {
      row(record) {
        columns.checkWidth(record);
        const symbol = columns.requiredText(record, 'symbol');
        parsed.cryptoRows.push({
          line: record.line,
          source: GENERIC_SOURCE,
          slug: columns.text(record, 'id').toLowerCase() || null,
          symbol,
          name: columns.text(record, 'name') || symbol,
          day: columns.day(record, 'date'),
          price: columns.requiredNumber(record, 'price_usd', 'positive'),
          marketCap: columns.optionalNumber(record, 'market_cap_usd', 'non-negative'),
          volume: columns.optionalNumber(record, 'volume_usd', 'non-negative'),
          rank: null,
        });
      },
      finish() {
        parsed.rows = parsed.cryptoRows.length;
        return parsed;
      },
    };
  },
};
