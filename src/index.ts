/**
 * The typed library API: the use cases the CLI and the dashboard call, with the same results
 * (src/app/contracts/: the JSON of `--format json` and of the API), and the building blocks below.
 *
 *   import { openStore, readContext, seasonIndex, parseDay } from 'altseason';
 *   const store = openStore('altseason.db', { readOnly: true });
 *   const asi = await seasonIndex(readContext(store), { from: parseDay('2021-01-01'), to: parseDay('2021-12-31') });
 *   console.log(asi.points.at(-1));   // { date: '2021-12-31', index: …, season: …, universeSize: 50, … }
 *
 * Data flow one way: sources → sync → store → panel → analytics → use cases → cli/server/library.
 */
export * from './domain/dates.ts';
export * from './domain/errors.ts';
export type * from './domain/records.ts';
export * from './domain/series.ts';
export * from './domain/panel.ts';
export { SERIES, seriesName } from './domain/series-names.ts';

// Use cases (one per file in src/app/) and their result contracts (zod schemas and types)
export { readContext, type ReadContext } from './app/read-context.ts';
export { marketStatus } from './app/market-status.ts';
export { seasonIndex, type SeasonIndexQuery } from './app/season-index.ts';
export { explainIndex, type ExplainIndexQuery } from './app/explain-index.ts';
export { dominance, type DominanceQuery } from './app/dominance.ts';
export { russell2000, type Russell2000Query } from './app/russell-2000.ts';
export { runThesis } from './app/run-thesis.ts';
export { rotation, type RotationQuery } from './app/rotation.ts';
export { checkAlerts, type AlertsCheckQuery } from './app/alerts/alerts-check.ts';
export { backtestAlerts, type AlertsBacktestQuery } from './app/alerts/alerts-backtest.ts';
export { alertsLog, type AlertsLogQuery } from './app/alerts/alerts-log.ts';
export { ALERT_SERIES, type AlertSeriesDefinition } from './app/alerts/alert-series.ts';
export { loadRulesFile, parseRules, type RulesFile, type RuleConfig, type ChannelConfig } from './data/alerts/rules-file.ts';
export { evaluateRule, type AlertRuleDefinition, type AlertCondition, type AlertEvent, type RuleState } from './analytics/alerts/evaluate-rule.ts';
export { signWebhook, verifyWebhook } from './data/delivery/standard-webhooks.ts';
export { sectors, type SectorsQuery, type SectorsFile } from './app/sectors.ts';
export { importPortfolio } from './app/portfolio-import.ts';
export { portfolioShow, type PortfolioShowQuery } from './app/portfolio-show.ts';
export { savePlan, listPlans, removePlan, planCheck, type PlanCheckQuery } from './app/portfolio-plan.ts';
export { risk, DEFAULT_RISK_LIMITS, type RiskQuery, type RiskLimits } from './app/risk.ts';
export { size, type SizeQuery } from './app/size.ts';
export { planSimulate, type PlanSimulateQuery } from './app/portfolio-plan-simulate.ts';
export { planStatus, type PlanStatusQuery } from './app/portfolio-plan-status.ts';
export { planSweep, type PlanSweepQuery } from './app/portfolio-plan-sweep.ts';
export { listSources, setSourcePrecedence } from './app/list-sources.ts';
export { listAssets } from './app/list-assets.ts';
export { backtest, type BacktestQuery } from './app/backtest.ts';
export { signals, signalHistory, signalHistories, type SignalsQuery, type SignalHistoryQuery, type SignalHistoriesQuery } from './app/signals.ts';
export { SIGNALS, type SignalDefinition } from './analytics/signals/signal-catalogue.ts';
export { readiness, type ReadinessQuery } from './app/readiness.ts';
export { readinessEvaluation, type ReadinessEvaluationQuery } from './app/readiness-evaluation.ts';
export { COMPONENTS as READINESS_COMPONENTS, extractComponents, type ReadinessSources, type ComponentDefinition } from './analytics/readiness/readiness-components.ts';
export { readinessOn, compositeSeries, type ReadinessReading } from './analytics/readiness/readiness-composite.ts';
export { DEFAULT_WEIGHTS as DEFAULT_READINESS_WEIGHTS } from './analytics/readiness/default-weights.ts';
export { parseWeights as parseReadinessWeights, validateWeights as validateReadinessWeights, type WeightSet } from './analytics/readiness/readiness-weights.ts';
export { evaluateReadiness, type ReadinessEvaluation } from './analytics/readiness/evaluate-readiness.ts';
export { chainSkew, black76CallDelta, type ChainOption, type ChainSkew } from './analytics/signals/option-skew.ts';
export * from './app/contracts/index.ts';

// Store, import, sync
export type { Store, WriteBatch, WriteResult, StoreSummary } from './data/store/store.ts';
export { SqliteStore } from './data/store/sqlite/sqlite-store.ts';
export { openStore, defaultStorePath } from './data/store/open-store.ts';
export { PostgresStore, type PostgresStoreOptions } from './data/store/postgres/postgres-store.ts';
export { migrateStore, type MigrateStoreQuery, type MigrateStoreResult } from './app/migrate-store.ts';
export { DEFAULT_SOURCE_PRECEDENCE, rankSources } from './data/store/default-source-precedence.ts';
export { importFiles, type ImportFileResult, type ImportOptions } from './data/import/import-files.ts';
export { AssetResolver } from './data/identity/asset-resolver.ts';
export { createSources, SOURCE_NAMES, type SourceName } from './data/sources/create-sources.ts';
export { runSync, type SyncOptions, type SyncSummary } from './data/sync/run-sync.ts';

// Panels and series from a store
export { loadPanel, type LoadPanelOptions } from './data/panel/load-panel.ts';
export { loadEquitySeries, loadEquitySeriesIfStored } from './data/panel/load-equity-series.ts';
export { loadMarketStructure } from './app/load-market-structure.ts';

// Altcoin Season Index
export { altcoinSeasonIndex } from './analytics/season/altcoin-season-index.ts';
export { altcoinSeasonIndexSeries, type SeasonIndexPoint, type SeasonIndexSeries } from './analytics/season/altcoin-season-index-series.ts';
export { explainSeasonIndex, type SeasonIndexExplanation } from './analytics/season/explain-season-index.ts';
export { seasonEpisodes, type SeasonEpisode } from './analytics/season/season-episodes.ts';
export { DEFAULT_SEASON_INDEX_OPTIONS, resolveSeasonIndexOptions, type SeasonIndexOptions } from './analytics/season/season-index-options.ts';
export { computeRotation, rotationMembersOn, relativeStrength, groupStrength, type RotationSeries, type RotationGroup, type RotationMember } from './analytics/rotation/rotation-indices.ts';
export { rotationPhases, phaseEpisodes, leadersAndLaggards, type RotationPhase, type PhasePoint } from './analytics/rotation/rotation-phase.ts';
export { assignSectors, sectorLabelTimeline, type SectorLabel, type DatedSectorLabel, type SectorLabelTimeline } from './analytics/rotation/sector-labels.ts';
export { rotationTest, type RotationTestQuery } from './app/rotation-test.ts';
export { COINGECKO_SECTOR_CATEGORIES } from './data/sources/coingecko/coingecko-sectors.ts';
export { DEFAULT_ROTATION_OPTIONS, type RotationOptions } from './analytics/rotation/rotation-options.ts';

// Market structure and the Russell 2000
export { alignToCryptoCalendar, cryptoCalendar } from './analytics/market/align-to-crypto-calendar.ts';
export { computeRecordState } from './analytics/market/record-state.ts';
export { findBreakouts } from './analytics/market/find-breakouts.ts';
export { summarizeEquityRecords } from './analytics/market/summarize-equity-records.ts';
export { computeMarketAggregates } from './analytics/market/compute-market-aggregates.ts';
export { summarizeMarketStructure } from './analytics/market/summarize-market-structure.ts';

// Statistics
export { logReturns } from './analytics/stats/log-returns.ts';
export { crossCorrelation } from './analytics/stats/cross-correlation.ts';
export { leadLagTest } from './analytics/stats/lead-lag-test.ts';
export { grangerCausality, grangerBothWays } from './analytics/stats/granger-causality.ts';
export { eventStudy } from './analytics/stats/event-study.ts';
export { holmAdjust, benjaminiHochbergAdjust } from './analytics/stats/multiple-testing.ts';
export { seededRandom } from './analytics/stats/seeded-random.ts';

// Backtests: the engine, the point-in-time view strategies see, the built-in strategies
export { BacktestData, type BacktestInputs } from './analytics/backtest/backtest-data.ts';
export { runBacktest, type BacktestRun, type BacktestOptions, type ScheduledParameters } from './analytics/backtest/run-backtest.ts';
export { BUILTIN_STRATEGIES, findBuiltinStrategy } from './analytics/backtest/builtin-strategies.ts';
export { PointInTimeView, LookAheadError, type Weights } from './analytics/backtest/point-in-time-view.ts';
export type { StrategyDefinition, StrategyFunction, StrategyParameters, ParameterSpec } from './analytics/backtest/strategy.ts';
export { computeMetrics, type BacktestMetrics } from './analytics/backtest/backtest-metrics.ts';

// Simulated market, status, dashboard
export { simulateMarket } from './sim/simulate-market.ts';
export { writeSimulatedMarket, isSimulatedStore, readGroundTruth } from './sim/write-simulated-market.ts';
export { startServer } from './server/start-server.ts';
