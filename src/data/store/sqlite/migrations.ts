/**
 * Versioned schema. Each migration runs once, in a transaction, and is recorded in
 * schema_migrations; never edit a migration that has shipped: add a new one.
 * Days are integers (days since 1970-01-01 UTC); the *_readable views show them as dates.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'assets, observations, equity bars, series, categories, provenance',
    sql: `
      CREATE TABLE loads (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        origin TEXT NOT NULL,
        content_hash TEXT,
        loaded_at INTEGER NOT NULL,
        rows INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX loads_by_hash ON loads(content_hash);

      -- Integer keys keep the big observations table compact and fast to scan; the stable
      -- asset id (text) is what every interface uses.
      CREATE TABLE assets (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        symbol TEXT NOT NULL,
        name TEXT NOT NULL
      );

      CREATE TABLE sources (
        key INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );

      CREATE TABLE asset_symbols (
        asset_id TEXT NOT NULL REFERENCES assets(id),
        symbol TEXT NOT NULL,
        first_day INTEGER NOT NULL,
        last_day INTEGER NOT NULL,
        PRIMARY KEY (asset_id, symbol)
      ) WITHOUT ROWID;
      CREATE INDEX asset_symbols_by_symbol ON asset_symbols(symbol);

      CREATE TABLE asset_aliases (
        source TEXT NOT NULL,
        source_key TEXT NOT NULL,
        from_day INTEGER NOT NULL DEFAULT -1000000,
        to_day INTEGER NOT NULL DEFAULT 1000000,
        asset_id TEXT NOT NULL REFERENCES assets(id),
        PRIMARY KEY (source, source_key, from_day)
      ) WITHOUT ROWID;

      CREATE TABLE observations (
        asset_key INTEGER NOT NULL REFERENCES assets(key),
        day INTEGER NOT NULL,
        source_key INTEGER NOT NULL REFERENCES sources(key),
        symbol TEXT NOT NULL,
        price REAL,
        market_cap REAL,
        volume REAL,
        rank INTEGER,
        load_id INTEGER NOT NULL REFERENCES loads(id),
        PRIMARY KEY (asset_key, day, source_key)
      ) WITHOUT ROWID;
      CREATE INDEX observations_by_day ON observations(day);

      CREATE TABLE equity_bars (
        symbol TEXT NOT NULL,
        day INTEGER NOT NULL,
        source TEXT NOT NULL,
        open REAL, high REAL, low REAL,
        close REAL NOT NULL,
        volume REAL,
        load_id INTEGER NOT NULL REFERENCES loads(id),
        PRIMARY KEY (symbol, day, source)
      ) WITHOUT ROWID;

      CREATE TABLE series_points (
        series TEXT NOT NULL,
        at INTEGER NOT NULL,
        source TEXT NOT NULL,
        value REAL NOT NULL,
        load_id INTEGER NOT NULL REFERENCES loads(id),
        PRIMARY KEY (series, at, source)
      ) WITHOUT ROWID;

      CREATE TABLE category_rules (
        symbol TEXT NOT NULL,
        category TEXT NOT NULL,
        name TEXT,
        exclude_from_index INTEGER NOT NULL,
        source TEXT NOT NULL,
        load_id INTEGER NOT NULL REFERENCES loads(id),
        PRIMARY KEY (symbol, category, source)
      ) WITHOUT ROWID;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE VIEW observations_readable AS
        SELECT a.id AS asset_id, date(o.day * 86400, 'unixepoch') AS date, s.name AS source, o.symbol, o.price, o.market_cap, o.volume, o.rank, o.load_id
        FROM observations o JOIN assets a ON a.key = o.asset_key JOIN sources s ON s.key = o.source_key;
      CREATE VIEW equity_bars_readable AS
        SELECT symbol, date(day * 86400, 'unixepoch') AS date, source, open, high, low, close, volume, load_id
        FROM equity_bars;
    `,
  },
  {
    version: 2,
    description: 'one first load per content hash (repeats, from --force, point to it)',
    sql: `
      ALTER TABLE loads ADD COLUMN repeat_of INTEGER REFERENCES loads(id);
      -- Two concurrent imports could both record a file before this check moved into the write
      -- transaction: keep the first, mark the others as repeats of it.
      UPDATE loads SET repeat_of = (SELECT MIN(first.id) FROM loads first WHERE first.content_hash = loads.content_hash)
        WHERE content_hash IS NOT NULL AND id > (SELECT MIN(first.id) FROM loads first WHERE first.content_hash = loads.content_hash);
      CREATE UNIQUE INDEX loads_first_per_content ON loads(content_hash) WHERE content_hash IS NOT NULL AND repeat_of IS NULL;
    `,
  },
  {
    version: 3,
    description: 'alerts: rule states, the alert outbox, deliveries and attempts',
    sql: `
      CREATE TABLE alert_rule_states (
        rule_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        evaluated_day INTEGER NOT NULL
      );
      CREATE TABLE alerts (
        key TEXT PRIMARY KEY,
        rule_id TEXT NOT NULL,
        day INTEGER NOT NULL,
        series TEXT NOT NULL,
        direction TEXT NOT NULL,
        value REAL,
        severity TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX alerts_by_day ON alerts(day, rule_id);
      CREATE TABLE alert_deliveries (
        key TEXT NOT NULL REFERENCES alerts(key),
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (key, channel)
      );
      CREATE INDEX alert_deliveries_by_status ON alert_deliveries(status);
      CREATE TABLE alert_attempts (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        channel TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        outcome TEXT,
        http_status INTEGER,
        error TEXT,
        FOREIGN KEY (key, channel) REFERENCES alert_deliveries(key, channel)
      );
    `,
  },
  {
    version: 4,
    description: 'portfolio: holdings, trades, the last import, profit-taking plans',
    sql: `
      CREATE TABLE portfolio_holdings (
        asset_id TEXT PRIMARY KEY,
        quantity TEXT NOT NULL,
        cost_usd TEXT,
        acquired_day INTEGER
      );
      CREATE TABLE portfolio_trades (
        seq INTEGER PRIMARY KEY,
        day INTEGER NOT NULL,
        asset_id TEXT NOT NULL,
        side TEXT NOT NULL,
        quantity TEXT NOT NULL,
        price_usd TEXT NOT NULL,
        fee_usd TEXT NOT NULL
      );
      CREATE TABLE portfolio_imports (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        format TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        holdings INTEGER NOT NULL,
        trades INTEGER NOT NULL
      );
      CREATE TABLE profit_plans (
        name TEXT PRIMARY KEY,
        plan TEXT NOT NULL,
        saved_at INTEGER NOT NULL
      );
    `,
  },
];
