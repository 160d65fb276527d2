/**
 * The readiness evidence report (`altseason readiness --evaluate`) as Markdown, HTML or JSON, from
 * the contract (altseason.readiness-evaluation/v1): the verdict first, then the skill tests, every
 * predictor's figures per horizon, the calibration of the composite, the return targets, the
 * fitted weights and the trade with its deflated Sharpe ratio.
 */
import type { ReadinessEvaluationResult } from '../app/contracts/readiness.ts';
import { renderJson } from './render-json.ts';

type Cell = string | number | null;
interface Table {
  header: string[];
  rows: Cell[][];
}
interface Section {
  title: string;
  paragraphs: string[];
  tables: Table[];
}

const f = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const pct = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(digits)} %`);
const ci = (i: { lower: number; upper: number } | null) => (i === null ? '—' : `[${i.lower.toFixed(3)}, ${i.upper.toFixed(3)}]`);

function sections(r: ReadinessEvaluationResult): Section[] {
  const out: Section[] = [];
  out.push({
    title: 'Verdict',
    paragraphs: [`**${r.verdict.headline}**`, ...r.verdict.findings, ...r.verdict.caveats.map((c) => `Caveat: ${c}`)],
    tables: [],
  });
  out.push({
    title: 'Does the score beat the naive baselines?',
    paragraphs: [
      `AUC of the composite minus the best of 0.5, the ASI level alone and BTC.D alone, on the same days, by a paired stationary block bootstrap (${r.bootstrap.replicates} replicates, ${r.bootstrap.blockLength}-day blocks, seed ${r.bootstrap.seed}); Holm across every row; α = ${r.alpha}.`,
    ],
    tables: [{ header: ['predictor', 'season within', 'AUC difference', '95 % interval', 'p', 'Holm p'], rows: r.skillTests.map((s) => [s.predictor, `${s.horizonDays} d`, f(s.aucDifference), ci(s.interval), f(s.pValue, 4), f(s.adjustedPValue, 4)]) }],
  });
  for (const h of r.predictors[0]?.horizons.map((x) => x.horizonDays) ?? []) {
    out.push({
      title: `A season starting within ${h} days`,
      paragraphs: [`Scored days exclude days inside a season and the last ${h} days (their outcome is not known yet). Signal: score ≥ ${r.signalThreshold} (a component's score ≥ ${r.signalThreshold / 100}). Brier: of an out-of-sample probability (a logistic fit on the labels known before each day); the base rate is the share of positive days known before the day.`],
      tables: [
        {
          header: ['predictor', 'kind', 'n', 'pos.', 'AUC', '95 % interval', 'p vs 0.5', 'Brier', 'base rate Brier', 'hit rate', 'median lead', 'false alarms / yr', 'FPR'],
          rows: r.predictors.map((p) => {
            const x = p.horizons.find((y) => y.horizonDays === h)!;
            return [p.label, p.kind, x.n, x.positives, f(x.auc), ci(x.aucInterval), f(x.aucPValue, 4), f(x.brier), f(x.brierBaseRate), x.seasons ? `${x.hits}/${x.seasons}` : '—', x.medianLeadDays === null ? '—' : `${x.medianLeadDays} d`, f(x.falseAlarmsPerYear, 1), pct(x.falsePositiveRate)];
          }),
        },
      ],
    });
  }
  for (const p of r.predictors.filter((q) => q.kind === 'composite')) {
    out.push({
      title: `Calibration: ${p.label}`,
      paragraphs: ['Days grouped by their out-of-sample probability: a calibrated forecast has the observed rate close to the mean predicted one.'],
      tables: p.horizons.map((h) => ({ header: [`${h.horizonDays} d: probability`, 'days', 'mean predicted', 'observed'], rows: h.calibration.filter((b) => b.n > 0).map((b) => [`${b.from.toFixed(1)}–${b.to.toFixed(1)}`, b.n, f(b.meanPredicted), f(b.observedRate)]) })),
    });
  }
  const withReturns = r.predictors.filter((p) => p.returns.length > 0 && p.kind !== 'component');
  if (withReturns.length) {
    out.push({
      title: 'Alt basket vs BTC over the next 30 / 90 days',
      paragraphs: ['The alt basket is TOTAL2 (every stored coin but BTC, top 125 by cap): the next h days\' log return of TOTAL2 minus BTC\'s market cap. Windows overlap; the block bootstrap allows for it.'],
      tables: [{ header: ['predictor', 'horizon', 'n', 'correlation', '95 % interval', 'mean when on', 'mean when off'], rows: withReturns.flatMap((p) => p.returns.map((x) => [p.label, `${x.horizonDays} d`, x.n, f(x.correlation), ci(x.interval), f(x.meanWhenOn, 4), f(x.meanWhenOff, 4)])) }],
    });
  }
  if (r.fittedWeights) {
    const shown = r.fittedWeights.filter((w) => w.weights).slice(-6);
    out.push({
      title: 'Fitted weights (walk-forward)',
      paragraphs: [`Refitted every 60 days on the labels known on the refit day only; ${r.fittedWeights.filter((w) => w.weights).length} of ${r.fittedWeights.length} refits had enough history. The last ones:`],
      tables: shown.length ? [{ header: ['refit', 'trained through', 'days', 'positives', 'weights (positive coefficients)'], rows: shown.map((w) => [w.date, w.trainedThrough, w.trainDays, w.positives, Object.entries(w.weights!).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')]) }] : [],
    });
  }
  if (r.trade) {
    const t = r.trade;
    out.push({
      title: 'A trade on the score (backtest)',
      paragraphs: [
        `${t.description} ${t.from} … ${t.to}. BTC buy-and-hold: ${pct(t.btcTotalReturn, 1)}.`,
        `**${t.verdict}** Deflated Sharpe over ${t.trialsTried} trials: ${f(t.deflatedSharpe)} (effective trials ${f(t.effectiveTrials, 1)}: ${f(t.deflatedSharpeEffective)}); PSR of the best: ${f(t.probabilisticSharpe)}.`,
      ],
      tables: [{ header: ['weights', 'X', 'total return', 'annualised', 'Sharpe', 'max drawdown', 'vs BTC', 'days in alts', 'trades'], rows: t.trials.map((x) => [x.weightSet, x.threshold, pct(x.totalReturn, 1), pct(x.annualisedReturn, 1), f(x.sharpe, 2), pct(x.maxDrawdown, 1), pct(x.excessReturnVsBtc, 1), pct(x.altShare), x.trades]) }],
    });
  }
  out.push({ title: 'Data', paragraphs: [`Scored ${r.from} … ${r.to}; season starts: ${r.seasonStarts.join(', ') || 'none'}.`, ...r.notes], tables: [] });
  return out;
}

function markdownTable(t: Table): string {
  const esc = (c: Cell) => String(c ?? '—').replace(/\|/g, '\\|');
  return [`| ${t.header.join(' | ')} |`, `|${t.header.map(() => ' --- ').join('|')}|`, ...t.rows.map((row) => `| ${row.map(esc).join(' | ')} |`)].join('\n');
}

export function renderReadinessEvidenceMarkdown(r: ReadinessEvaluationResult): string {
  const parts = [`# Altseason readiness: the evidence${r.simulated ? ' (SIMULATED DATA)' : ''}`, ''];
  if (r.data.warning) parts.push(`> ${r.data.warning}`, '');
  for (const s of sections(r)) {
    parts.push(`## ${s.title}`, '');
    for (const p of s.paragraphs) parts.push(p, '');
    for (const t of s.tables) parts.push(markdownTable(t), '');
  }
  return parts.join('\n');
}

const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inline = (text: string) => html(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

export function renderReadinessEvidenceHtml(r: ReadinessEvaluationResult): string {
  const body: string[] = [`<h1>Altseason readiness: the evidence${r.simulated ? ' (SIMULATED DATA)' : ''}</h1>`];
  if (r.data.warning) body.push(`<p class="warning">${html(r.data.warning)}</p>`);
  for (const s of sections(r)) {
    body.push(`<h2>${html(s.title)}</h2>`);
    for (const p of s.paragraphs) body.push(`<p>${inline(p)}</p>`);
    for (const t of s.tables) body.push(`<table><thead><tr>${t.header.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>${t.rows.map((row) => `<tr>${row.map((c) => `<td>${html(String(c ?? '—'))}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
  }
  const style = 'body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}.warning{color:#a40}';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Altseason readiness: the evidence</title><style>${style}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}

export function renderReadinessEvidence(r: ReadinessEvaluationResult, format: 'markdown' | 'html' | 'json'): string {
  return format === 'json' ? renderJson(r) : format === 'html' ? renderReadinessEvidenceHtml(r) : renderReadinessEvidenceMarkdown(r);
}
