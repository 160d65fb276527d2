/**
 * Category rules (coin_categories.csv): every asset trading under `symbol` gets `category`;
 * exclude_from_asi = 1 keeps stablecoins, wrapped, staked and asset-backed tokens out of the index.
 */
import { ColumnReader } from '../column-reader.ts';
import { DuplicateKeys } from '../duplicate-keys.ts';
import { emptyParsedFile, headerIs, type ImportFormat } from '../import-format.ts';

const COLUMNS = ['symbol', 'name', 'category', 'exclude_from_asi'];
export const COIN_CATEGORIES_SOURCE = 'coin_categories';
const CATEGORY = /^[a-z0-9][a-z0-9_-]*$/;
const FLAGS = new Map([
  ['1', true],
  ['0', false],
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
]);

export const coinCategoriesFormat: ImportFormat = {
  id: 'coin-categories',
  description: 'category per ticker, and whether the ASI excludes it',
  columns: COLUMNS.join(','),
  matches: (header) => headerIs(header, COLUMNS),
  createParser({ file, header }) {
    const columns = new ColumnReader(file, header);
    const rules = new DuplicateKeys(file);
    const parsed = emptyParsedFile([COIN_CATEGORIES_SOURCE]);
    return {
      row(record) {
        columns.checkWidth(record);
        const flagText = columns.text(record, 'exclude_from_asi').toLowerCase();
        const exclude = FLAGS.get(flagText);
        if (exclude === undefined) return columns.fail(record.line, 'exclude_from_asi', flagText, '0 or 1');
        const symbol = columns.requiredText(record, 'symbol');
        const category = columns.requiredText(record, 'category', CATEGORY, 'a category id (lower-case letters, digits, - or _)');
        rules.check(`${symbol}\u0000${category}`, record, () => `${JSON.stringify(symbol)} in category ${JSON.stringify(category)}`);
        parsed.categoryRules.push({
          symbol,
          name: columns.text(record, 'name') || null,
          category,
          excludeFromIndex: exclude,
          source: COIN_CATEGORIES_SOURCE,
        });
      },
      finish() {
        parsed.rows = parsed.categoryRules.length;
        return parsed;
      },
    };
  },
};
