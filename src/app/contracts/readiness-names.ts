/** The readiness contracts' names without zod (use cases import these; see schema-names.ts). */
export const READINESS_SCHEMA = 'altseason.readiness/v1';
export const READINESS_EVALUATION_SCHEMA = 'altseason.readiness-evaluation/v1';
