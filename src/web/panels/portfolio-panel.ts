/**
 * Your portfolio (GET /api/portfolio, GET /api/risk): holdings valued at stored prices, exposure per
 * position and sector against the caps as bars (<meter>: the page's CSP allows no inline styles),
 * the holdings' correlation heatmap (cells shaded by class), VaR/CVaR, stress replays, the
 * findings, and the stored profit-taking plans' status (GET /api/plans: which rules fire today and
 * the orders they imply). Local only: the portfolio stays in the store this server reads (docs/risk.md).
 */
import type { PlanStatusResult } from '../../app/contracts/plan-status.ts';
import type { PortfolioResult } from '../../app/contracts/portfolio.ts';
import type { RiskResult } from '../../app/contracts/risk.ts';
import { getJson, getOptionalJson } from '../api.ts';
import { $, showPanelAge } from '../dom.ts';
import { escapeHtml } from '../format.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** A bar of an exposure against its cap: full scale is twice the cap. */
function capBar(value: number, cap: number): string {
  return `<meter class="cap-bar" min="0" max="${(2 * cap).toFixed(4)}" low="${(cap * 0.8).toFixed(4)}" high="${cap.toFixed(4)}" optimum="0" value="${Math.min(value, 2 * cap).toFixed(4)}" title="${pct(value)} of equity; cap ${pct(cap)}"></meter>`;
}

/** Correlation cell class: corr-n2 … corr-p5 by steps of 0.2 (styled in styles.css). */
function corrClass(r: number | null): string {
  if (r === null) return 'corr-na';
  const step = Math.max(-5, Math.min(5, Math.round(r * 5)));
  return step < 0 ? `corr-n${-step}` : `corr-p${step}`;
}

function holdingsHtml(p: PortfolioResult): string {
  const rows = p.holdings
    .map(
      (h) =>
        `<tr><td>${escapeHtml(h.symbol ?? h.id)}</td><td class="num">${escapeHtml(h.quantity)}</td><td class="num">${h.valueUsd === null ? '—' : `$${escapeHtml(h.valueUsd)}`}</td><td class="num">${pct(h.weight)}</td><td class="num">${h.unrealisedPnlUsd === null ? '—' : `$${escapeHtml(h.unrealisedPnlUsd)}`}</td><td>${escapeHtml(h.sector ?? '—')}</td><td>${escapeHtml(h.tier ?? '—')}</td><td class="${h.priceStale ? 'stale' : 'muted'}">${escapeHtml(h.priceDate ?? 'no price')}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>asset</th><th>quantity</th><th>value</th><th>weight</th><th>unrealised P&amp;L</th><th>sector</th><th>tier</th><th>price as of</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function exposuresHtml(r: RiskResult): string {
  const positions = r.positions.map((p) => `<tr><td>${escapeHtml(p.symbol ?? p.id)}</td><td>${capBar(Math.abs(p.weight), r.limits.positionCap)}</td><td class="num${p.overCap ? ' stale' : ''}">${pct(p.weight)}</td></tr>`).join('');
  const sectors = r.sectors.map((s) => `<tr><td>${escapeHtml(s.sector)}</td><td>${capBar(s.exposure, r.limits.sectorCap)}</td><td class="num${s.overCap ? ' stale' : ''}">${pct(s.exposure)}</td></tr>`).join('');
  return `<table><thead><tr><th>position</th><th>vs ${pct(r.limits.positionCap)} cap</th><th></th></tr></thead><tbody>${positions}</tbody></table>
    <table><thead><tr><th>sector</th><th>vs ${pct(r.limits.sectorCap)} cap</th><th></th></tr></thead><tbody>${sectors}</tbody></table>`;
}

function heatmapHtml(r: RiskResult): string {
  const ids = r.correlation.ids;
  const symbol = (id: string) => r.positions.find((p) => p.id === id)?.symbol ?? id;
  const head = ids.map((id) => `<th>${escapeHtml(symbol(id))}</th>`).join('');
  const body = r.correlation.matrix
    .map((row, i) => `<tr><th>${escapeHtml(symbol(ids[i]!))}</th>${row.map((v) => `<td class="corr ${corrClass(v)}" title="${v === null ? 'undefined' : v.toFixed(2)}">${v === null ? '' : v.toFixed(2)}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="corr-heatmap"><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function riskHtml(r: RiskResult): string {
  const v = r.valueAtRisk.map((x) => `<tr><td>${x.method}</td><td class="num">${(x.confidence * 100).toFixed(0)}%</td><td class="num">${x.horizonDays}</td><td class="num">${pct(x.valueAtRisk)}</td><td class="num">${pct(x.conditionalValueAtRisk)}</td><td class="muted">${x.scaledFromDays === null ? `${x.horizonDays}-day returns` : `scaled from ${x.scaledFromDays} d`}</td></tr>`).join('');
  const s = r.stress
    .map((x) => `<tr><td>${escapeHtml(x.name)}</td><td class="num">${pct(x.portfolioReturn)}</td><td class="num">${pct(x.coverage)}</td><td class="muted">${escapeHtml(x.notCovered.join(', '))}</td></tr>`)
    .join('');
  const c = r.concentration;
  return `<p class="explain">HHI ${c.hhi?.toFixed(3) ?? '—'} (effective N ${c.effectiveN?.toFixed(2) ?? '—'}), effective bets ${c.effectiveBets?.toFixed(2) ?? '—'} of ${r.positions.length}, volatility ${pct(c.annualVolatility)} a year.</p>
    <p class="explain" id="pf-var-coverage">VaR from ${r.returnCoverage.periods} ${r.returnCoverage.periodDays === 1 ? 'daily' : 'weekly'} returns, ${escapeHtml(r.returnCoverage.from ?? '—')} … ${escapeHtml(r.returnCoverage.to ?? '—')} (${pct(r.returnCoverage.share)} of the ${r.returnCoverage.windowDays}-day window).</p>
    <table class="var-table"><thead><tr><th>VaR method</th><th>conf.</th><th>days</th><th>VaR</th><th>CVaR</th><th>basis</th></tr></thead><tbody>${v}</tbody></table>
    <table><thead><tr><th>stress episode</th><th>return</th><th>coverage</th><th>not covered</th></tr></thead><tbody>${s}</tbody></table>
    <ul class="findings">${r.findings.map((f) => `<li class="${f.severity === 'breach' ? 'stale' : 'muted'}">${escapeHtml(f.message)} (value ${f.value}, limit ${f.limit})</li>`).join('') || '<li class="muted">No breach.</li>'}</ul>`;
}

function plansHtml(s: PlanStatusResult): string {
  if (s.plans.length === 0) return '<p class="muted">No profit-taking plan stored: save one with `altseason plan save FILE`.</p>';
  const rows = s.plans
    .map((p) => {
      if (p.check === null) return `<tr data-plan="${escapeHtml(p.plan)}"><td>${escapeHtml(p.plan)}</td><td class="num">${p.rules}</td><td colspan="2" class="stale">${escapeHtml(p.error ?? 'not checked')}</td></tr>`;
      const today = p.check.firings.filter((f) => f.firesToday);
      const orders = today.map((f) => `sell ${escapeHtml(f.quantity)} ${escapeHtml(f.symbol ?? f.id)} (${escapeHtml(f.ruleId)}, ≈ $${escapeHtml(f.proceedsUsd)})`).join('; ');
      const status = today.length > 0 ? `<td class="stale">${today.length} firing today: ${orders}</td>` : `<td class="muted">nothing fires today</td>`;
      return `<tr data-plan="${escapeHtml(p.plan)}"><td>${escapeHtml(p.plan)}</td><td class="num">${p.rules}</td><td class="num">${p.check.firings.length - today.length}</td>${status}</tr>`;
    })
    .join('');
  return `<table class="plan-status"><caption>Profit-taking plans on ${escapeHtml(s.asOf ?? '—')}</caption><thead><tr><th>plan</th><th>rules</th><th>fired before</th><th>today</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export async function loadPortfolio(): Promise<void> {
  const portfolio = await getOptionalJson<PortfolioResult>('/api/portfolio');
  if (portfolio === null) {
    $('pf-summary').textContent = 'No portfolio stored: import one with `altseason portfolio import FILE` (it stays on this machine).';
    return;
  }
  showPanelAge('pf-age', portfolio.data.lastDate);
  $('pf-summary').innerHTML = `As of <strong>${escapeHtml(portfolio.asOf)}</strong>: $${escapeHtml(portfolio.totalValueUsd)}${portfolio.unrealisedPnlUsd === null ? '' : `, unrealised P&amp;L $${escapeHtml(portfolio.unrealisedPnlUsd)}`}.`;
  $('pf-holdings').innerHTML = holdingsHtml(portfolio);
  const r = await getJson<RiskResult>('/api/risk');
  $('pf-exposures').innerHTML = exposuresHtml(r);
  $('pf-heatmap').innerHTML = heatmapHtml(r);
  $('pf-risk').innerHTML = riskHtml(r);
  $('pf-plans').innerHTML = plansHtml(await getJson<PlanStatusResult>('/api/plans'));
}
