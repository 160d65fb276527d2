/**
 * The thesis report as one self-contained HTML file: the Markdown report's content as HTML tables,
 * plus inline SVG charts (correlograms with bands, the event-study path with its placebo band, RUT
 * and ASI with breakouts marked). No scripts, fonts or external requests; readable in light and
 * dark mode (prefers-color-scheme).
 */
import { formatInterval, formatLogReturnPct, formatNumber, formatP, formatShare, formatSigned } from '../../analytics/thesis/format-thesis-numbers.ts';
import { DRIVER_LABELS, TARGET_LABELS } from '../../analytics/thesis/thesis-labels.ts';
import type { ThesisReport } from '../../analytics/thesis/thesis-report.ts';
import { PRIMARY_LEAD_LAG_ID } from '../../analytics/thesis/write-verdict.ts';
import { correlogramSvg, eventPathSvg, rutAndAsiSvg } from './render-thesis-charts.ts';
import { simulatedBanner } from './render-thesis-markdown.ts';

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

function table(header: string[], rows: string[][], numeric: readonly number[] = []): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  return `<table>${head}${body}</table>`;
}

export function renderThesisHtml(report: ThesisReport): string {
  const parts: string[] = [];
  const banner = simulatedBanner(report);
  parts.push('<h1>Thesis lab: does Russell 2000 strength lead altcoin outperformance?</h1>');
  if (banner) parts.push(`<p class="warning">⚠ ${escapeHtml(banner)}</p>`);
  parts.push(`<p>${escapeHtml(report.question)}</p>`);
  parts.push(`<h2>Verdict</h2><p class="headline">${escapeHtml(report.verdict.headline)}</p><ul>${report.verdict.findings.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`);

  const { data, settings } = report;
  parts.push(
    `<h2>Data</h2><ul>` +
      [
        `Period ${data.period.from} … ${data.period.to} (${data.period.days} days); daily alt-minus-BTC returns on ${data.universe.dailyTargetDays} days, weekly on ${data.universe.weeklyTargetWeeks} Mondays, ASI on ${data.universe.asiDays} days.`,
        `Crypto sources (precedence order): ${data.sources.crypto.join(', ') || '—'}.`,
        `Equity sources: ${Object.entries(data.sources.equity).map(([symbol, by]) => `${symbol} (${Object.entries(by).map(([s, n]) => `${s}: ${n} days`).join(', ')})`).join('; ')}.`,
        `Universe: ${data.universe.description}; size min ${data.universe.universeSize.min ?? '—'}, median ${data.universe.universeSize.median ?? '—'}, max ${data.universe.universeSize.max ?? '—'}.`,
        `Settings: ASI window ${settings.window} days; breakout = first record after a ≥ ${settings.breakoutDrawdownPct} % drawdown; altseason = ASI ≥ ${settings.altseasonThreshold}; lags ±${settings.maxLagDays} days; α = ${settings.alpha}; seed ${settings.seed}; ${settings.replicates} placebo sets.`,
      ]
        .map((li) => `<li>${escapeHtml(li)}</li>`)
        .join('') +
      `</ul><p class="muted">Series tested (changes and log returns only):</p><ul>${data.series.map((s) => `<li><b>${escapeHtml(s.label)}</b>: ${escapeHtml(s.definition)}.</li>`).join('')}</ul>`,
  );

  parts.push(`<h2>Russell 2000 and the Altcoin Season Index</h2><figure>${rutAndAsiSvg(report, 'Russell 2000 and the Altcoin Season Index, breakouts marked')}<figcaption>${report.breakouts.length} breakout(s) in the period: ${escapeHtml(report.breakouts.map((b) => `${b.date} (after −${b.drawdownPct.toFixed(1)} %)`).join(', ') || 'none')}.</figcaption></figure>`);

  const correlograms = report.leadLag.filter((r) => r.frequency === 'daily' && r.driver === 'rut' && r.target !== 'asi-change');
  parts.push('<h2>Lead-lag tests</h2>');
  for (const result of correlograms) {
    parts.push(
      `<figure>${correlogramSvg(result, `Cross-correlation: ${DRIVER_LABELS[result.driver]} vs ${TARGET_LABELS[result.target]} (daily)`)}<figcaption>${escapeHtml(
        `${DRIVER_LABELS[result.driver]} vs ${TARGET_LABELS[result.target]}, daily, ${result.period.from} … ${result.period.to}, n = ${result.n}. Peak lead at ${result.lead.peakLagDays ?? '—'} days, r = ${formatSigned(result.lead.r)} ${formatInterval(result.lead.interval)}, scan-corrected p = ${formatP(result.lead.pValue)}${result.id === PRIMARY_LEAD_LAG_ID ? ' (the main test)' : ''}. Red bars lie outside the pointwise 95 % band: about 12 of 241 do by chance alone.`,
      )}</figcaption></figure>`,
    );
  }
  parts.push(
    table(
      ['freq.', 'driver → target', 'period', 'n', 'r lag 0 [95 %]', 'peak lead (days)', 'peak r [95 %]', 'scan p', 'Granger → lags / F / p', 'Granger ← p'],
      report.leadLag.map((r) => [
        r.frequency,
        `${DRIVER_LABELS[r.driver]} → ${TARGET_LABELS[r.target]}`,
        `${r.period.from ?? '—'} … ${r.period.to ?? '—'}`,
        String(r.n),
        `${formatSigned(r.contemporaneous.r)} ${formatInterval(r.contemporaneous.interval)}`,
        String(r.lead.peakLagDays ?? '—'),
        `${formatSigned(r.lead.r)} ${formatInterval(r.lead.interval)}`,
        formatP(r.lead.pValue),
        `${r.granger.driverToTarget.lag} / ${formatNumber(r.granger.driverToTarget.fStatistic, 2)} / ${formatP(r.granger.driverToTarget.pValue)}`,
        formatP(r.granger.targetToDriver.pValue),
      ]),
      [3, 5, 7, 9],
    ),
  );
  const rolling = report.leadLag.filter((r) => r.rolling.length);
  if (rolling.length) {
    parts.push(
      '<h3>Rolling correlations (lag 0)</h3>' +
        table(
          ['pair', 'window', 'windows', 'mean r', 'min', 'max', 'latest', 'share beyond 1.96/√w'],
          rolling.flatMap((r) =>
            r.rolling.map((w) => [`${DRIVER_LABELS[r.driver]} ~ ${TARGET_LABELS[r.target]}`, `${w.windowDays} d`, String(w.windows), formatSigned(w.mean), formatSigned(w.min), formatSigned(w.max), formatSigned(w.latest), formatShare(w.shareBeyondNaiveBand)]),
          ),
          [2, 3, 4, 5, 6, 7],
        ),
    );
  }

  parts.push('<h2>Event study: forward alt-minus-BTC returns after breakouts</h2>');
  const longest = [...report.eventStudies].filter((e) => e.target === 'cap-weighted-excess').sort((a, b) => b.horizonDays - a.horizonDays)[0];
  if (longest && longest.events > 0) {
    parts.push(`<figure>${eventPathSvg(longest, `Event study: ${TARGET_LABELS[longest.target]} after Russell 2000 breakouts`)}<figcaption>${escapeHtml(`Mean cumulative ${TARGET_LABELS[longest.target]} after ${longest.events} breakouts minus the all-days mean, days 1–${longest.horizonDays}; shaded: 95 % range of ${longest.replicates} placebo sets of random dates (clusters kept).`)}</figcaption></figure>`);
  }
  parts.push(
    table(
      ['target', 'horizon', 'events (dropped)', 'after breakouts', 'all days', 'effect', '95 % interval', 'p', 'detectable (80 %)'],
      report.eventStudies.map((e) => [
        TARGET_LABELS[e.target],
        `${e.horizonDays} d`,
        `${e.events} (${e.eventsDropped})`,
        formatSigned(e.eventMean),
        formatSigned(e.baselineMean),
        `${formatSigned(e.effect)} (${formatLogReturnPct(e.effect)})`,
        formatInterval(e.interval),
        formatP(e.pValue),
        formatNumber(e.minimumDetectableEffect),
      ]),
      [2, 3, 4, 5, 7, 8],
    ),
  );

  parts.push(
    `<h2>Hit rates: ASI ≥ ${settings.altseasonThreshold} within h days after a breakout</h2>` +
      table(
        ['horizon', 'events', 'hits', 'rate [Wilson 95 %]', 'base rate (days)', 'difference', 'placebo p'],
        report.hitRates.map((h) => [
          `${h.horizonDays} d`,
          String(h.events),
          String(h.hits),
          `${formatShare(h.rate)} ${formatInterval(h.interval, (v) => formatShare(v))}`,
          `${formatShare(h.baseRate)} (${h.baseDays})`,
          h.difference === null ? '—' : `${formatSigned(h.difference * 100, 0)} pt`,
          formatP(h.pValue),
        ]),
        [1, 2, 5, 6],
      ),
  );

  parts.push(
    '<h2>Historical precedents</h2>' +
      table(
        ['cycle', 'ASI peak', 'first ASI ≥ threshold', 'breakouts in the year before the peak', 'breakout → peak', 'breakout → first altseason day', 'note'],
        report.precedents.map((p) => [
          p.label,
          p.asiPeak ? `${formatNumber(p.asiPeak.index, 0)} on ${p.asiPeak.date}` : '—',
          p.firstAltseasonDay ?? '—',
          p.breakouts.map((b) => `${b.date} (after −${formatNumber(b.drawdownPct, 0)} %)`).join(', ') || 'none',
          p.lagToPeakDays === null ? '—' : `${p.lagToPeakDays} d`,
          p.lagToAltseasonDays === null ? '—' : `${p.lagToAltseasonDays} d`,
          p.note,
        ]),
      ),
  );

  const h = report.hypotheses;
  parts.push(
    `<h2>Every hypothesis tested (${h.count})</h2><p>Significant at α = ${h.alpha}: ${h.significantRaw} unadjusted, ${h.significantBh} after Benjamini–Hochberg, ${h.significantHolm} after Holm.</p>` +
      table(
        ['#', 'hypothesis', 'n', 'effect', 'interval', 'p', 'Holm p', 'BH p'],
        h.list.map((x, i) => [String(i + 1), `${x.primary ? 'MAIN: ' : ''}${x.description}`, String(x.n), `${x.effectLabel} ${formatSigned(x.effect, 4)}`, formatInterval(x.interval), formatP(x.pValue), formatP(x.holmPValue), formatP(x.bhPValue)]),
        [0, 2, 5, 6, 7],
      ),
  );
  parts.push(`<h2>Power</h2><p>${escapeHtml(report.power.explanation)}</p>`);
  parts.push(`<h2>Caveats</h2><ul>${report.verdict.caveats.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`);
  if (banner) parts.push(`<p class="warning">⚠ ${escapeHtml(banner)}</p>`);
  const title = `${report.simulated ? '[SIMULATED] ' : ''}altseason thesis report ${report.settings.from} … ${report.settings.to}`;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
