/** The rotation-order test report: Markdown and a self-contained HTML page (JSON is the result itself). */
import { formatReturn } from '../domain/units.ts';
import type { OrderPair, OrderTest, RotationEpisode, RotationTestResult } from '../app/contracts/rotation.ts';

const p = (v: number | null) => (v === null ? '—' : v < 0.0001 ? v.toExponential(1) : v.toFixed(4));
const r2 = (v: number | null) => (v === null ? '—' : v.toFixed(2));

interface Table {
  header: string[];
  rows: string[][];
}

function pairTable(test: OrderTest, stepDays: number): Table {
  return {
    header: ['pair', 'steps', `peak lead (${stepDays === 7 ? 'weeks' : 'days'})`, 'r', 'band', 'scan p (Holm)', 'Granger p (Holm)', 'Σb', 'phase-start events', 'event effect', 'event p (Holm)', 'detectable |r|', 'supported'],
    rows: test.pairs.map((x: OrderPair) => [
      `${x.driverLabel} → ${x.targetLabel}`,
      String(x.steps),
      x.scan.peakLagSteps === null ? '—' : String(x.scan.peakLagSteps),
      r2(x.scan.r),
      r2(x.scan.band),
      `${p(x.scan.pValue)} (${p(x.scan.adjustedP)})`,
      x.granger ? `${p(x.granger.pValue)} (${p(x.granger.adjustedP)})` : '—',
      x.granger ? r2(x.granger.coefficientSum) : '—',
      x.eventStudy ? String(x.eventStudy.events) : 'fewer than 3',
      x.eventStudy ? formatReturn(x.eventStudy.effect) : '—',
      x.eventStudy ? `${p(x.eventStudy.pValue)} (${p(x.eventStudy.adjustedP)})` : '—',
      r2(x.scan.minimumDetectableR),
      x.supported ? 'yes' : 'no',
    ]),
  };
}

function episodeTable(episodes: readonly RotationEpisode[]): Table {
  return {
    header: ['start', 'end', 'days', 'phase', 'leading sectors vs BTC', 'tiers vs BTC'],
    rows: episodes.map((e) => [
      e.start,
      e.end,
      String(e.days),
      e.phaseLabel,
      e.leadingSectors.map((s) => `${s.sector} ${formatReturn(s.strength, 0)}`).join(', ') || '—',
      e.tiers.map((t) => `${t.tier} ${formatReturn(t.strength, 0)}`).join(', '),
    ]),
  };
}

function methodLines(r: RotationTestResult): string[] {
  const s = r.settings;
  return [
    `Excess log returns of each tier over BTC per ${s.stepDays === 7 ? 'week (Monday to Monday)' : 'day'}, ${s.weighting}-weighted point-in-time tier indices.`,
    `Per pair: the cross-correlation scan (driver leading by 1 … ${s.maxLagSteps} steps, robust Bartlett bands, Šidák over the lags); Granger causality in the thesis direction only (the driver's past at the scan's lag, BIC own lags, HC3-robust p); an event study of the driver's phase starts (${s.phaseWindow}-day phase rule; target's excess return over the next ${s.horizonSteps} steps vs all steps, ${s.replicates} placebo sets, seed ${s.seed}).`,
    `All p-values of a test are Holm-adjusted together; a pair is supported when the scan and Granger both reject at α = ${s.alpha} with a positive sign.`,
  ];
}

function markdownTable(t: Table): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [`| ${t.header.map(esc).join(' | ')} |`, `| ${t.header.map(() => '---').join(' | ')} |`, ...t.rows.map((row) => `| ${row.map(esc).join(' | ')} |`)].join('\n');
}

export function renderRotationTestMarkdown(r: RotationTestResult): string {
  const out: string[] = [];
  if (r.simulated) out.push('> **SIMULATED market** (demo data with a planted ground truth), not real prices.', '');
  out.push('# Does capital rotate BTC → ETH → large → mid → small caps?', '');
  out.push(...methodLines(r).map((l) => `- ${l}`), '');
  if (r.groundTruth) out.push(`**Ground truth:** ${r.groundTruth.planted}. ${r.groundTruth.recovered ? 'The test found it (and nothing else).' : 'The test did NOT recover it.'}`, '');
  out.push(`## Whole history, ${r.whole.from} … ${r.whole.to}`, '', `**${r.whole.verdict}**`, '', markdownTable(pairTable(r.whole, r.settings.stepDays)), '');
  for (const period of r.periods) {
    out.push(`## The ${period.name} cycle, ${period.from} … ${period.to}`, '');
    if (period.test) out.push(`**${period.test.verdict}**`, '', markdownTable(pairTable(period.test, r.settings.stepDays)), '');
    else out.push('Not testable over this span alone (too few steps with every tier defined).', '');
    out.push('Phase episodes as computed:', '', markdownTable(episodeTable(period.episodes)), '');
  }
  out.push('## Caveats', '', ...r.caveats.map((c) => `- ${c}`), '');
  if (r.data.warning) out.push(`_Note: ${r.data.warning}_`, '');
  return out.join('\n');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlTable(t: Table): string {
  return `<table><thead><tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${t.rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export function renderRotationTestHtml(r: RotationTestResult): string {
  const parts: string[] = [];
  if (r.simulated) parts.push('<p class="banner">SIMULATED market (demo data with a planted ground truth), not real prices.</p>');
  parts.push('<h1>Does capital rotate BTC → ETH → large → mid → small caps?</h1>', `<ul>${methodLines(r).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
  if (r.groundTruth) parts.push(`<p><strong>Ground truth:</strong> ${escapeHtml(r.groundTruth.planted)}. ${r.groundTruth.recovered ? 'The test found it (and nothing else).' : 'The test did NOT recover it.'}</p>`);
  parts.push(`<h2>Whole history, ${r.whole.from} … ${r.whole.to}</h2><p><strong>${escapeHtml(r.whole.verdict)}</strong></p>${htmlTable(pairTable(r.whole, r.settings.stepDays))}`);
  for (const period of r.periods) {
    parts.push(`<h2>The ${escapeHtml(period.name)} cycle, ${period.from} … ${period.to}</h2>`);
    parts.push(period.test ? `<p><strong>${escapeHtml(period.test.verdict)}</strong></p>${htmlTable(pairTable(period.test, r.settings.stepDays))}` : '<p>Not testable over this span alone.</p>');
    parts.push('<p>Phase episodes as computed:</p>', htmlTable(episodeTable(period.episodes)));
  }
  parts.push(`<h2>Caveats</h2><ul>${r.caveats.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`);
  if (r.data.warning) parts.push(`<p><em>Note: ${escapeHtml(r.data.warning)}</em></p>`);
  const style =
    ':root{color-scheme:light dark}body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}table{border-collapse:collapse;display:block;overflow-x:auto}th,td{border:1px solid #8884;padding:.25em .5em;text-align:left;font-variant-numeric:tabular-nums}.banner{background:#fc3;color:#000;padding:.5em}';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Rotation order test</title><style>${style}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
