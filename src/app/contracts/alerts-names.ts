/** The alert contracts' names, without zod (see schema-names.ts). */
export const ALERTS_CHECK_SCHEMA = 'altseason.alerts-check/v1';
export const ALERTS_BACKTEST_SCHEMA = 'altseason.alerts-backtest/v1';
export const ALERTS_LOG_SCHEMA = 'altseason.alerts-log/v1';
