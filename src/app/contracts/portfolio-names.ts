/** The portfolio, plan, risk and sizing contracts' names, without zod (see schema-names.ts). */
export const PORTFOLIO_SCHEMA = 'altseason.portfolio/v1';
export const PORTFOLIO_IMPORT_SCHEMA = 'altseason.portfolio-import/v1';
export const PLAN_CHECK_SCHEMA = 'altseason.plan-check/v1';
export const RISK_SCHEMA = 'altseason.risk/v1';
export const SIZE_SCHEMA = 'altseason.size/v1';
export const PLAN_SIMULATE_SCHEMA = 'altseason.plan-simulate/v1';
export const PLAN_STATUS_SCHEMA = 'altseason.plan-status/v1';
export const PLAN_SWEEP_SCHEMA = 'altseason.plan-sweep/v1';
