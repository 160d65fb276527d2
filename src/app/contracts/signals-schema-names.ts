/** The signals contracts' names, without zod (re-exported by schema-names.ts, as the others are). */
export const SIGNALS_SCHEMA = 'altseason.signals/v1';
export const SIGNAL_HISTORY_SCHEMA = 'altseason.signal-history/v1';
