/**
 * The tables of a store as `migrate-store` copies them, in an order that satisfies every foreign
 * key, with each column's PostgreSQL type (the SQLite schema has the same columns). Rows keep their
 * keys and load ids, so provenance survives the move. A migration that adds a table adds it here
 * too: a test compares this list with the tables and columns of a migrated PostgreSQL store.
 */
export interface StoreTable {
  name: string;
  columns: readonly string[];
  /** PostgreSQL type of each column (for the multi-row insert's arrays). */
  types: readonly ('int4' | 'int8' | 'float8' | 'text')[];
  /** Identity column whose sequence must continue after the copied keys. */
  identity?: string;
}

export const STORE_TABLES: readonly StoreTable[] = [
  { name: 'loads', columns: ['id', 'source', 'origin', 'content_hash', 'loaded_at', 'rows', 'repeat_of'], types: ['int4', 'text', 'text', 'text', 'int8', 'int4', 'int4'] },
  { name: 'assets', columns: ['key', 'id', 'symbol', 'name'], types: ['int4', 'text', 'text', 'text'], identity: 'key' },
  { name: 'sources', columns: ['key', 'name'], types: ['int4', 'text'], identity: 'key' },
  { name: 'asset_symbols', columns: ['asset_id', 'symbol', 'first_day', 'last_day'], types: ['text', 'text', 'int4', 'int4'] },
  { name: 'asset_aliases', columns: ['source', 'source_key', 'from_day', 'to_day', 'asset_id'], types: ['text', 'text', 'int4', 'int4', 'text'] },
  {
    name: 'observations',
    columns: ['asset_key', 'day', 'source_key', 'symbol', 'price', 'market_cap', 'volume', 'rank', 'load_id'],
    types: ['int4', 'int4', 'int4', 'text', 'float8', 'float8', 'float8', 'int4', 'int4'],
  },
  { name: 'equity_bars', columns: ['symbol', 'day', 'source', 'open', 'high', 'low', 'close', 'volume', 'load_id'], types: ['text', 'int4', 'text', 'float8', 'float8', 'float8', 'float8', 'float8', 'int4'] },
  { name: 'series_points', columns: ['series', 'at', 'source', 'value', 'load_id'], types: ['text', 'int8', 'text', 'float8', 'int4'] },
  { name: 'category_rules', columns: ['symbol', 'category', 'name', 'exclude_from_index', 'source', 'load_id'], types: ['text', 'text', 'text', 'int4', 'text', 'int4'] },
  { name: 'settings', columns: ['key', 'value'], types: ['text', 'text'] },
  // Schema 3: the alert outbox.
  { name: 'alert_rule_states', columns: ['rule_id', 'state', 'evaluated_day'], types: ['text', 'text', 'int4'] },
  { name: 'alerts', columns: ['key', 'rule_id', 'day', 'series', 'direction', 'value', 'severity', 'payload', 'created_at'], types: ['text', 'text', 'int4', 'text', 'text', 'float8', 'text', 'text', 'int8'] },
  {
    name: 'alert_deliveries',
    columns: ['key', 'channel', 'status', 'attempts', 'next_attempt_at', 'last_error', 'updated_at'],
    types: ['text', 'text', 'text', 'int4', 'int8', 'text', 'int8'],
  },
  {
    name: 'alert_attempts',
    columns: ['id', 'key', 'channel', 'attempt', 'started_at', 'finished_at', 'outcome', 'http_status', 'error'],
    types: ['int4', 'text', 'text', 'int4', 'int8', 'int8', 'text', 'int4', 'text'],
    identity: 'id',
  },
  // Schema 4: the portfolio.
  { name: 'portfolio_holdings', columns: ['asset_id', 'quantity', 'cost_usd', 'acquired_day'], types: ['text', 'text', 'text', 'int4'] },
  { name: 'portfolio_trades', columns: ['seq', 'day', 'asset_id', 'side', 'quantity', 'price_usd', 'fee_usd'], types: ['int4', 'int4', 'text', 'text', 'text', 'text', 'text'] },
  { name: 'portfolio_imports', columns: ['id', 'origin', 'format', 'imported_at', 'holdings', 'trades'], types: ['int4', 'text', 'text', 'int8', 'int4', 'int4'], identity: 'id' },
  { name: 'profit_plans', columns: ['name', 'plan', 'saved_at'], types: ['text', 'text', 'int8'] },
];

/** Where rows of a store's tables come from (SqliteStore implements it). */
export interface TableSource {
  /** Rows in the table. */
  countRows(table: StoreTable): Promise<number>;
  /** The table's rows, as arrays in `columns` order, a chunk at a time. */
  readRows(table: StoreTable, chunkRows: number): AsyncIterable<unknown[][]>;
}

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}
