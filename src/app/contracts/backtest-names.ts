/**
 * The backtest contract's name and constants, without zod (the use case imports them; loading zod
 * costs a command 40–80 ms). Kept beside schema-names.ts so this feature's files stay its own.
 */
export const BACKTEST_SCHEMA = 'altseason.backtest/v1';
/** Most sweep rows a result lists (the best Sharpe first when a grid is larger). */
export const MAX_SWEEP_ROWS = 5000;
