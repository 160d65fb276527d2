/** What the HTTP API needs: one method per endpoint, each answered by a use case in src/app/. */
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import type { DominanceResponse, ExplainResponse, IndexResponse, MetaResponse, RutResponse, StatusResponse } from './api-types.ts';

export interface IndexQuery {
  window: number;
  top: number;
  from?: string;
  to?: string;
}

export interface DashboardService {
  meta(): Promise<MetaResponse>;
  status(): Promise<StatusResponse>;
  index(query: IndexQuery): Promise<IndexResponse>;
  explain(query: { date: string; window: number; top: number }): Promise<ExplainResponse>;
  dominance(query: { from?: string; to?: string }): Promise<DominanceResponse>;
  rut(query: { from?: string; to?: string; breakoutDrawdownPct: number }): Promise<RutResponse>;
  /** The thesis report if it has been computed in this process, else null. */
  thesis(): Promise<ThesisReport | null>;
  /** Computes the thesis report (several seconds on the shared data) once and keeps it. */
  computeThesis(): Promise<ThesisReport>;
}
