/**
 * `altseason thesis --format json` / `GET /api/thesis` / `runThesis()`: the thesis report. Its
 * shape is defined beside the pure assembly that builds it (src/analytics/thesis/thesis-report.ts);
 * interfaces and the front end take it from here, with the other result contracts.
 */
export type { ThesisReport } from '../../analytics/thesis/thesis-report.ts';

export { THESIS_REPORT_SCHEMA as THESIS_SCHEMA } from '../../analytics/thesis/thesis-report.ts';
