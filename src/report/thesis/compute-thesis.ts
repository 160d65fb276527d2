/** Moved to the use case src/app/run-thesis.ts; kept only for src/server/create-dashboard-service.ts, which still imports this path. */
export { runThesis as computeThesis } from '../../app/run-thesis.ts';
