/**
 * CoinMarketCap's weekly top-10 snapshots (cmc_weekly_top10_2013_2024.csv): market caps and ranks
 * only, so the observations have no price. Used to check rank membership back to 2013.
 */
import { ColumnReader } from '../column-reader.ts';
import { emptyParsedFile, headerIs, type ImportFormat } from '../import-format.ts';

const COLUMNS = ['date', 'rank', 'symbol', 'name', 'market_cap_usd'];
export const CMC_WEEKLY_TOP10_SOURCE = 'cmc_weekly_top10';

export const cmcWeeklyTop10Format: ImportFormat = {
  id: 'cmc-weekly-top10',
  description: 'CMC weekly top-10 snapshots: caps and ranks, no prices',
  columns: COLUMNS.join(','),
  matches: (header) => headerIs(header, COLUMNS),
  createParser({ file, header }) {
    const columns = new ColumnReader(file, header);
    const parsed = emptyParsedFile([CMC_WEEKLY_TOP10_SOURCE]);
    return {
      row(record) {
        columns.checkWidth(record);
        const symbol = columns.requiredText(record, 'symbol');
        const rank = columns.optionalInteger(record, 'rank', 'positive');
        if (rank === null) columns.fail(record.line, 'rank', '', 'a whole positive number');
        parsed.cryptoRows.push({
          line: record.line,
          source: CMC_WEEKLY_TOP10_SOURCE,
          slug: null,
          symbol,
          name: columns.text(record, 'name') || symbol,
          day: columns.day(record, 'date'),
          price: null,
          marketCap: columns.requiredNumber(record, 'market_cap_usd', 'positive'),
          volume: null,
          rank,
        });
      },
      finish() {
        parsed.rows = parsed.cryptoRows.length;
        return parsed;
      },
    };
  },
};
