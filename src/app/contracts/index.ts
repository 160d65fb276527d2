/**
 * Every result contract: one zod schema and type per use case, named `altseason.<name>/v<N>` in
 * the result's `schema` field. CLI `--format json`, the HTTP API and the library return these
 * objects as they are (camelCase keys, ISO dates, fractions for returns, `…Pct` in percent,
 * `…Pts` in percentage points, null for undefined); CSV headers are the same names in snake_case.
 * A change that removes or renames a field bumps the version.
 */
export * from './data-notice.ts';
export * from './market-status.ts';
export * from './season-index.ts';
export * from './explain-index.ts';
export * from './dominance.ts';
export * from './rotation.ts';
export * from './alerts.ts';
export * from './sectors.ts';
export * from './russell-2000.ts';
export * from './catalogue.ts';
export * from './thesis.ts';
export * from './sync.ts';
export * from './import.ts';
export * from './backtest.ts';
export * from './signals.ts';
export * from './readiness.ts';
export * from './portfolio.ts';
export * from './risk.ts';
export * from './size.ts';
export * from './plan-simulate.ts';
export * from './plan-status.ts';
export * from './plan-sweep.ts';
