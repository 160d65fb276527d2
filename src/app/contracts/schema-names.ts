/**
 * The result contracts' names and the constants the use cases need, without zod: the use cases
 * import these (loading zod costs a command 40–80 ms at start-up), the schemas import them too,
 * so a name is written once.
 */
export const ASSETS_SCHEMA = 'altseason.assets/v1';
export const DOMINANCE_SCHEMA = 'altseason.dominance/v1';
export const EXPLAIN_INDEX_SCHEMA = 'altseason.index-explain/v1';
export const IMPORT_SCHEMA = 'altseason.import/v1';
export const MARKET_STATUS_SCHEMA = 'altseason.status/v1';
export const RUSSELL_2000_SCHEMA = 'altseason.rut/v1';
export const SEASON_INDEX_SCHEMA = 'altseason.index/v1';
export const SOURCES_SCHEMA = 'altseason.sources/v1';
export { SIGNAL_HISTORY_SCHEMA, SIGNALS_SCHEMA } from './signals-schema-names.ts';
export { ALERTS_BACKTEST_SCHEMA, ALERTS_CHECK_SCHEMA, ALERTS_LOG_SCHEMA } from './alerts-names.ts';
/** Data older than this many days get a warning in every output. */
export const STALE_AFTER_DAYS = 3;
export const SYNC_PLAN_SCHEMA = 'altseason.sync-plan/v1';
export const SYNC_SCHEMA = 'altseason.sync/v1';
