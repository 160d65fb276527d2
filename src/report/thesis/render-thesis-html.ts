/**
 * The thesis report as one self-contained HTML file: the tables and prose it shares with the Markdown
 * report (thesis-tables.ts, thesis-prose.ts) laid out as HTML, plus inline SVG charts (correlograms
 * with bands, the event-study path with its placebo band, RUT and ASI with breakouts marked). No scripts, fonts or external requests; readable in light and
 * dark mode (prefers-color-scheme).
 */
import { formatInterval, formatP, formatSigned } from '../../analytics/thesis/format-thesis-numbers.ts';
import { DRIVER_LABELS, TARGET_LABELS } from '../../analytics/thesis/thesis-labels.ts';
import type { ThesisReport } from '../../analytics/thesis/thesis-report.ts';
import { PRIMARY_LEAD_LAG_ID } from '../../analytics/thesis/write-verdict.ts';
import { correlogramSvg, eventPathSvg, rutAndAsiSvg } from './render-thesis-charts.ts';
import { simulatedBanner, THESIS_HEADINGS, THESIS_TITLE, thesisDataSection } from './thesis-prose.ts';
import { eventStudyTable, hitRatesTable, hypothesesTable, leadLagTable, powerTable, precedentsTable, rollingTable, type ThesisTable } from './thesis-tables.ts';

const STYLE = `
:root { color-scheme: light dark; --fg: #1d232b; --muted: #5b6573; --bg: #ffffff; --panel: #f4f6f9; --line: #d5dbe3;
  --primary: #1f6feb; --secondary: #c2410c; --outside: #b91c1c; --area: rgba(31,111,235,0.16); --warn-bg: #fff4d6; --warn-fg: #6b4400; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9aa7b5; --bg: #0d1117; --panel: #161b22; --line: #30363d;
  --primary: #58a6ff; --secondary: #f0883e; --outside: #ff7b72; --area: rgba(88,166,255,0.2); --warn-bg: #3b2e00; --warn-fg: #ffd97a; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.warning { background: var(--warn-bg); color: var(--warn-fg); border: 2px solid currentColor; padding: 12px 16px; font-weight: 600; border-radius: 6px; }
.headline { font-size: 1.1em; font-weight: 600; background: var(--panel); padding: 12px 16px; border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 16px; display: block; overflow-x: auto; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: var(--muted); } figure { margin: 12px 0 24px; } figcaption { color: var(--muted); font-size: 13px; }
svg.chart { width: 100%; height: auto; background: var(--panel); border-radius: 6px; }
svg .grid { stroke: var(--line); stroke-width: 1; } svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .tick, svg .label { fill: var(--muted); font-size: 11px; font-family: system-ui, sans-serif; }
svg .bar { fill: var(--primary); } svg .bar.outside { fill: var(--outside); }
svg .band { fill: none; stroke: var(--muted); stroke-dasharray: 4 3; stroke-width: 1.2; }
svg .line { fill: none; stroke-width: 1.6; } svg .line.primary { stroke: var(--primary); } svg .line.secondary { stroke: var(--secondary); stroke-dasharray: 2 2; }
svg .area { fill: var(--area); stroke: none; } svg .marker { stroke: var(--outside); stroke-width: 1; stroke-dasharray: 3 3; }
svg .threshold { stroke: var(--secondary); stroke-width: 0.8; stroke-dasharray: 6 4; opacity: 0.7; }
`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function table({ headers, rows, numericColumns, whenEmpty }: ThesisTable): string {
  if (!rows.length && whenEmpty !== null) return `<p>${escapeHtml(whenEmpty)}</p>`;
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${numericColumns.includes(i) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  return `<table>${head}${body}</table>`;
}

/** A table's heading and introductory paragraph; charts may follow before the table itself. */
function heading(t: ThesisTable): string {
  return `<h${t.level}>${escapeHtml(t.title)}</h${t.level}>${t.intro ? `<p>${escapeHtml(t.intro)}</p>` : ''}`;
}

export function renderThesisHtml(report: ThesisReport): string {
  const parts: string[] = [];
  const banner = simulatedBanner(report);
  parts.push(`<h1>${escapeHtml(THESIS_TITLE)}</h1>`);
  if (banner) parts.push(`<p class="warning">⚠ ${escapeHtml(banner)}</p>`);
  parts.push(`<p><b>${escapeHtml(THESIS_HEADINGS.question)}</b> ${escapeHtml(report.question)}</p>`);
  parts.push(`<h2>${escapeHtml(THESIS_HEADINGS.verdict)}</h2><p class="headline">${escapeHtml(report.verdict.headline)}</p><ul>${report.verdict.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`);

  const data = thesisDataSection(report);
  parts.push(
    `<h2>${escapeHtml(data.title)}</h2><ul>${data.items.map((li) => `<li>${escapeHtml(li)}</li>`).join('')}</ul>` +
      `<p class="muted">${escapeHtml(`${data.seriesHeading} ${data.seriesNote}`)}</p><ul>${data.series.map((s) => `<li><b>${escapeHtml(s.label)}</b>: ${escapeHtml(s.definition)}.</li>`).join('')}</ul>`,
  );

  parts.push(`<h2>Russell 2000 and the Altcoin Season Index</h2><figure>${rutAndAsiSvg(report, 'Russell 2000 and the Altcoin Season Index, breakouts marked')}<figcaption>${report.breakouts.length} breakout(s) in the period: ${escapeHtml(report.breakouts.map((b) => `${b.date} (after −${b.drawdownPct.toFixed(1)} %)`).join(', ') || 'none')}.</figcaption></figure>`);

  const leadLag = leadLagTable(report);
  const correlograms = report.leadLag.filter((r) => r.frequency === 'daily' && r.driver === 'rut' && r.target !== 'asi-change');
  parts.push(heading(leadLag));
  for (const result of correlograms) {
    if (result.unavailable !== null) {
      parts.push(`<p class="muted">${escapeHtml(`${DRIVER_LABELS[result.driver]} vs ${TARGET_LABELS[result.target]}, daily: not run: ${result.unavailable}.`)}</p>`);
      continue;
    }
    parts.push(
      `<figure>${correlogramSvg(result, `Cross-correlation: ${DRIVER_LABELS[result.driver]} vs ${TARGET_LABELS[result.target]} (daily)`)}<figcaption>${escapeHtml(
        `${DRIVER_LABELS[result.driver]} vs ${TARGET_LABELS[result.target]}, daily, ${result.period.from} … ${result.period.to}, n = ${result.n}. Peak lead at ${result.lead.peakLagDays ?? '—'} days, r = ${formatSigned(result.lead.r)} ${formatInterval(result.lead.interval)}, scan-corrected p = ${formatP(result.lead.pValue)}${result.id === PRIMARY_LEAD_LAG_ID ? ' (the main test)' : ''}. Red bars lie outside the pointwise 95 % band: about 12 of 241 do by chance alone.`,
      )}</figcaption></figure>`,
    );
  }
  parts.push(table(leadLag));
  const rolling = rollingTable(report);
  if (rolling) parts.push(heading(rolling) + table(rolling));

  const eventStudy = eventStudyTable(report);
  parts.push(heading(eventStudy));
  const longest = [...report.eventStudies].filter((e) => e.target === 'cap-weighted-excess').sort((a, b) => b.horizonDays - a.horizonDays)[0];
  if (longest && longest.events > 0) {
    parts.push(`<figure>${eventPathSvg(longest, `Event study: ${TARGET_LABELS[longest.target]} after Russell 2000 breakouts`)}<figcaption>${escapeHtml(`Mean cumulative ${TARGET_LABELS[longest.target]} after ${longest.events} breakouts minus the all-days mean, days 1–${longest.horizonDays}; shaded: 95 % range of ${longest.replicates} placebo sets of random dates (clusters kept).`)}</figcaption></figure>`);
  }
  parts.push(table(eventStudy));

  for (const t of [hitRatesTable(report), precedentsTable(report), hypothesesTable(report)]) parts.push(heading(t) + table(t));
  // The HTML report states the power explanation without the table of detectable effects.
  parts.push(heading(powerTable(report)));
  parts.push(`<h2>${escapeHtml(THESIS_HEADINGS.caveats)}</h2><ul>${report.verdict.caveats.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`);
  if (banner) parts.push(`<p class="warning">⚠ ${escapeHtml(banner)}</p>`);
  const title = `${report.simulated ? '[SIMULATED] ' : ''}altseason thesis report ${report.settings.from} … ${report.settings.to}`;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
