/** What the HTTP API needs: one method per endpoint, each answered by a use case in src/app/. */
import type { ThesisReport } from '../analytics/thesis/thesis-report.ts';
import type { BacktestResult } from '../app/contracts/backtest.ts';
import type { RotationResult } from '../app/contracts/rotation.ts';
import type { SectorsResult } from '../app/contracts/sectors.ts';
import type { PortfolioResult } from '../app/contracts/portfolio.ts';
import type { RiskResult } from '../app/contracts/risk.ts';
import type { PlanStatusResult } from '../app/contracts/plan-status.ts';
import type { SignalHistoryResult, SignalsResult } from '../app/contracts/signals.ts';
import type { ReadinessEvaluationResult, ReadinessResult } from '../app/contracts/readiness.ts';
import type { DominanceResponse, ExplainResponse, IndexResponse, MetaResponse, RutResponse, StatusResponse } from './api-types.ts';

export interface IndexQuery {
  window: number;
  top: number;
  from?: string;
  to?: string;
}

/** GET /api/backtest: a built-in strategy; params "k=v,k=v", sweep "name=50..90:5;name=30,90", walkForward "TRAIN:TEST". */
export interface BacktestApiQuery {
  strategy: string;
  params?: string;
  sweep?: string;
  from?: string;
  to?: string;
  feesBps: number;
  slippageBps: number;
  walkForward?: string;
  /** auto (default) or 1 … 64. */
  threads?: string;
}

export interface DashboardService {
  meta(): Promise<MetaResponse>;
  status(): Promise<StatusResponse>;
  index(query: IndexQuery): Promise<IndexResponse>;
  explain(query: { date: string; window: number; top: number }): Promise<ExplainResponse>;
  dominance(query: { from?: string; to?: string }): Promise<DominanceResponse>;
  rut(query: { from?: string; to?: string; breakoutDrawdownPct: number }): Promise<RutResponse>;
  /** A backtest of a built-in strategy (src/app/backtest.ts); absent in services without one. */
  backtest?(query: BacktestApiQuery): Promise<BacktestResult>;
  /** Sector rotation (src/app/rotation.ts) and one date's sector members (src/app/sectors.ts); absent in services without them. */
  rotation?(query: { from?: string; to?: string; window: number; weighting: 'cap' | 'equal'; leadMargin?: number; riskOffBtcReturn?: number; confirmDays?: number }): Promise<RotationResult>;
  sectors?(query: { date?: string; sector?: string }): Promise<SectorsResult>;
  /** The user's stored portfolio (src/app/portfolio-show.ts) and its risk (src/app/risk.ts): local only, never cached across imports; absent in services without them. */
  portfolio?(query: { date?: string }): Promise<PortfolioResult>;
  risk?(query: { date?: string }): Promise<RiskResult>;
  /** Every stored profit-taking plan checked on the day (src/app/portfolio-plan-status.ts): local only, not cached. */
  plans?(query: { date?: string }): Promise<PlanStatusResult>;
  /** The confirmation signals as of a day (src/app/signals.ts) and one signal's history; absent in services without them. */
  signals?(query: { at?: string }): Promise<SignalsResult>;
  signalHistory?(query: { name: string; from?: string; to?: string }): Promise<SignalHistoryResult>;
  /** The readiness score over a range (src/app/readiness.ts) and its evidence (src/app/readiness-evaluation.ts, about a minute on the shared data); absent in services without them. */
  readiness?(query: { from?: string; to?: string }): Promise<ReadinessResult>;
  readinessEvidence?(): Promise<ReadinessEvaluationResult>;
  /** The thesis report if it has been computed in this process, else null. */
  thesis(): Promise<ThesisReport | null>;
  /** Computes the thesis report (several seconds on the shared data) once and keeps it. */
  computeThesis(): Promise<ThesisReport>;
}
