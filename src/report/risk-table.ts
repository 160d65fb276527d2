/** `altseason risk` for a terminal, and its CSV fields (one row per position). */
import type { RiskPositionRow, RiskResult, RiskSectorRow, RiskStressRow, RiskVarRow } from '../app/contracts/risk.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));

export const RISK_POSITION_FIELDS: readonly (keyof RiskPositionRow)[] = [
  'id', 'symbol', 'sector', 'tier', 'weight', 'positionCap', 'overCap', 'annualVolatility', 'correlationToBtc', 'betaToBtc', 'riskShare', 'hrpWeight', 'cluster',
];

const POSITION_COLUMNS: Column<RiskPositionRow>[] = [
  { key: 'symbol', value: (p) => p.symbol ?? p.id },
  { key: 'sector', value: (p) => p.sector },
  { key: 'tier', value: (p) => p.tier },
  { key: 'weight', align: 'right', value: (p) => p.weight, display: (p) => `${pct(p.weight)}${p.overCap ? ` > ${pct(p.positionCap)} cap` : ''}` },
  { key: 'annualVolatility', header: 'vol/yr', align: 'right', value: (p) => p.annualVolatility, display: (p) => pct(p.annualVolatility) },
  { key: 'correlationToBtc', header: 'ρ BTC', align: 'right', value: (p) => p.correlationToBtc, display: (p) => num(p.correlationToBtc) },
  { key: 'betaToBtc', header: 'β BTC', align: 'right', value: (p) => p.betaToBtc, display: (p) => num(p.betaToBtc) },
  { key: 'riskShare', header: 'risk share', align: 'right', value: (p) => p.riskShare, display: (p) => pct(p.riskShare) },
  { key: 'hrpWeight', header: 'HRP ref.', align: 'right', value: (p) => p.hrpWeight, display: (p) => pct(p.hrpWeight) },
  { key: 'cluster', align: 'right', value: (p) => p.cluster },
];

const SECTOR_COLUMNS: Column<RiskSectorRow>[] = [
  { key: 'sector', value: (s) => s.sector },
  { key: 'positions', header: 'n', align: 'right', value: (s) => s.positions },
  { key: 'exposure', align: 'right', value: (s) => s.exposure, display: (s) => pct(s.exposure) },
  { key: 'bar', value: (s) => s.exposure, display: (s) => `${'█'.repeat(Math.min(40, Math.round(s.exposure * 40)))}${s.overCap ? `  > ${pct(s.cap)} cap` : ''}` },
];

const VAR_COLUMNS: Column<RiskVarRow>[] = [
  { key: 'method', value: (v) => v.method },
  { key: 'confidence', header: 'conf.', align: 'right', value: (v) => v.confidence, display: (v) => `${(v.confidence * 100).toFixed(0)}%` },
  { key: 'horizonDays', header: 'days', align: 'right', value: (v) => v.horizonDays },
  { key: 'valueAtRisk', header: 'VaR', align: 'right', value: (v) => v.valueAtRisk, display: (v) => pct(v.valueAtRisk) },
  { key: 'valueAtRiskUsd', header: 'VaR $', align: 'right', value: (v) => v.valueAtRiskUsd, display: (v) => v.valueAtRiskUsd.toFixed(2) },
  { key: 'conditionalValueAtRisk', header: 'CVaR', align: 'right', value: (v) => v.conditionalValueAtRisk, display: (v) => pct(v.conditionalValueAtRisk) },
  { key: 'observations', header: 'obs', align: 'right', value: (v) => v.observations },
  { key: 'scaledFromDays', header: 'basis', value: (v) => v.scaledFromDays, display: (v) => (v.scaledFromDays === null ? `${v.horizonDays}-day returns` : `scaled from ${v.scaledFromDays} d`) },
];

const STRESS_COLUMNS: Column<RiskStressRow>[] = [
  { key: 'name', header: 'episode', value: (s) => s.name },
  { key: 'from', value: (s) => `${s.from} → ${s.to}` },
  { key: 'portfolioReturn', header: 'return', align: 'right', value: (s) => s.portfolioReturn, display: (s) => pct(s.portfolioReturn) },
  { key: 'lossUsd', header: 'loss $', align: 'right', value: (s) => s.lossUsd, display: (s) => num(s.lossUsd) },
  { key: 'coverage', align: 'right', value: (s) => s.coverage, display: (s) => `${pct(s.coverage)} of weight${s.truncated ? ' (data end early)' : ''}` },
  { key: 'notCovered', header: 'not covered', value: (s) => s.notCovered.join(', ') },
];

export function renderRiskTable(r: RiskResult): string {
  const c = r.concentration;
  const lines = [
    `Risk of the stored portfolio as of ${r.asOf}: equity $${r.equityUsd}; caps ${pct(r.limits.positionCap)} a position, ${pct(r.limits.sectorCap)} a sector`,
    '',
    renderTable(r.positions, POSITION_COLUMNS).trimEnd(),
    '',
    'Sectors:',
    renderTable(r.sectors, SECTOR_COLUMNS).trimEnd(),
    '',
    `Concentration: HHI ${num(c.hhi, 3)} (effective N ${num(c.effectiveN)}), sector HHI ${num(c.sectorHhi, 3)}, effective bets ${num(c.effectiveBets)} of ${r.positions.length}, volatility ${pct(c.annualVolatility)} a year`,
    `Clusters (ρ > ${r.limits.correlationThreshold}): ${r.correlation.clusters.map((m) => `[${m.join(', ')}]`).join(' ')}`,
    '',
    `Value at risk (losses as fractions of equity), from ${r.returnCoverage.periods} ${r.returnCoverage.periodDays === 1 ? 'daily' : 'weekly'} returns, ${r.returnCoverage.from ?? '—'} … ${r.returnCoverage.to ?? '—'} (${pct(r.returnCoverage.share)} of the ${r.returnCoverage.windowDays}-day window):`,
    renderTable(r.valueAtRisk, VAR_COLUMNS).trimEnd(),
    '',
    'Stress replays (today\'s weights over named episodes):',
    renderTable(r.stress, STRESS_COLUMNS).trimEnd(),
    '',
    r.findings.length === 0 ? 'Findings: none' : 'Findings:',
    ...r.findings.map((f) => `  ${f.severity === 'breach' ? 'BREACH' : 'warning'} ${f.kind}: ${f.message} (value ${f.value}, limit ${f.limit})`),
    '',
    ...r.notes.map((n) => `note: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
