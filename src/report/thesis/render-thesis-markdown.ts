/** The thesis report as Markdown: every test with its period, n, effect, interval and p-value. */
import { formatInterval, formatLogReturnPct, formatNumber, formatP, formatShare, formatSigned } from '../../analytics/thesis/format-thesis-numbers.ts';
import { DRIVER_LABELS, TARGET_LABELS } from '../../analytics/thesis/thesis-labels.ts';
import type { ThesisReport } from '../../analytics/thesis/thesis-report.ts';

function table(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}

export function simulatedBanner(report: ThesisReport): string | null {
  if (!report.simulated) return null;
  const truth = report.groundTruth;
  const planted = truth ? (truth.plantedLink ? `planted link: ^RUT returns lead alt-minus-BTC returns by ${truth.leadDays} days with strength ${truth.effect}` : 'no planted link (any "finding" is a false positive)') : 'ground truth not stored';
  const found = truth?.found
    ? `; found: peak at ${truth.found.peakLagDays ?? '—'} days, r = ${formatSigned(truth.found.r)}, p = ${formatP(truth.found.pValue)} → ${truth.found.recovered ? 'recovered' : 'not recovered'}`
    : '';
  return `SIMULATED DATA — not a real market (simulation seed ${truth?.seed ?? '—'}; ${planted}${found}).`;
}

export function renderThesisMarkdown(report: ThesisReport): string {
  const out: string[] = [];
  const banner = simulatedBanner(report);
  out.push('# Thesis lab: does Russell 2000 strength lead altcoin outperformance?');
  if (banner) out.push(`> **⚠ ${banner}**`);
  out.push(`**Question.** ${report.question}`);
  out.push(`## Verdict\n\n**${report.verdict.headline}**\n\n${report.verdict.findings.map((f) => `- ${f}`).join('\n')}`);

  const { data, settings } = report;
  out.push(
    [
      '## Data',
      `- Period: ${data.period.from} … ${data.period.to} (${data.period.days} days); daily alt-minus-BTC returns on ${data.universe.dailyTargetDays} days, weekly on ${data.universe.weeklyTargetWeeks} Mondays, ASI on ${data.universe.asiDays} days.`,
      `- Crypto sources (precedence order): ${data.sources.crypto.join(', ') || '—'}.`,
      `- Equity sources: ${Object.entries(data.sources.equity).map(([symbol, bySource]) => `${symbol} (${Object.entries(bySource).map(([s, n]) => `${s}: ${n} days`).join(', ')})`).join('; ')}.`,
      `- Universe: ${data.universe.description}; size min ${data.universe.universeSize.min ?? '—'}, median ${data.universe.universeSize.median ?? '—'}, max ${data.universe.universeSize.max ?? '—'}.`,
      `- Settings: ASI window ${settings.window} days, breakout = first record after a ≥ ${settings.breakoutDrawdownPct} % drawdown, altseason = ASI ≥ ${settings.altseasonThreshold}, lags ±${settings.maxLagDays} days, α = ${settings.alpha}, seed ${settings.seed}, ${settings.replicates} placebo sets.`,
      '',
      '**Series tested** (changes and log returns only, never levels):',
      '',
      ...data.series.map((s) => `- *${s.label}*: ${s.definition}.`),
    ].join('\n'),
  );

  out.push(
    `## Russell 2000 breakouts in the period (${report.breakouts.length})\n\n` +
      (report.breakouts.length
        ? table(
            ['date', 'close', 'drawdown before', 'prior record', 'trough'],
            report.breakouts.map((b) => [b.date, formatNumber(b.close, 2), `${formatNumber(b.drawdownPct, 1)} %`, b.priorRecordDate, b.troughDate]),
          )
        : 'None.'),
  );

  out.push(
    '## Lead-lag tests\n\nPositive lag = the driver leads. "scan p" is the peak lag\'s p-value corrected for scanning every lag (Šidák); bands are robust Bartlett 95 % bands.\n\n' +
      table(
        ['frequency', 'driver → target', 'period', 'n', 'r at lag 0 [95 %]', 'peak lead lag (days)', 'peak r [95 %]', 'scan p', 'Granger → (lags, F, p)', 'Granger ← p'],
        report.leadLag.map((r) => [
          r.frequency,
          `${DRIVER_LABELS[r.driver]} → ${TARGET_LABELS[r.target]}`,
          `${r.period.from ?? '—'} … ${r.period.to ?? '—'}`,
          String(r.n),
          `${formatSigned(r.contemporaneous.r)} ${formatInterval(r.contemporaneous.interval)}`,
          String(r.lead.peakLagDays ?? '—'),
          `${formatSigned(r.lead.r)} ${formatInterval(r.lead.interval)}`,
          formatP(r.lead.pValue),
          `${r.granger.driverToTarget.lag}, ${formatNumber(r.granger.driverToTarget.fStatistic, 2)}, ${formatP(r.granger.driverToTarget.pValue)}`,
          formatP(r.granger.targetToDriver.pValue),
        ]),
      ),
  );

  const rolling = report.leadLag.filter((r) => r.rolling.length);
  if (rolling.length) {
    out.push(
      '### Rolling correlations (lag 0)\n\nShare beyond the naive band: how often a window\'s |r| exceeded 1.96/√window (≈ 5 % expected by chance).\n\n' +
        table(
          ['pair', 'window', 'windows', 'mean r', 'min', 'max', 'latest', 'share beyond band'],
          rolling.flatMap((r) =>
            r.rolling.map((w) => [`${DRIVER_LABELS[r.driver]} ~ ${TARGET_LABELS[r.target]}`, `${w.windowDays} d`, String(w.windows), formatSigned(w.mean), formatSigned(w.min), formatSigned(w.max), formatSigned(w.latest), formatShare(w.shareBeyondNaiveBand)]),
          ),
        ),
    );
  }

  out.push(
    '## Event study: forward alt-minus-BTC returns after breakouts\n\nEffect = mean forward log return after breakouts − mean over all days; interval and p from cluster-keeping placebo dates.\n\n' +
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
      ),
  );

  out.push(
    `## Hit rates: ASI ≥ ${settings.altseasonThreshold} within h days\n\n` +
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
      ),
  );

  out.push(
    '## Historical precedents\n\n' +
      table(
        ['cycle', 'ASI peak', 'first ASI ≥ threshold', 'breakouts in the year before the peak', 'lag breakout → peak', 'lag breakout → first altseason day', 'note'],
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
  out.push(
    `## Every hypothesis tested (${h.count})\n\nSignificant at α = ${h.alpha}: ${h.significantRaw} unadjusted, ${h.significantBh} after Benjamini–Hochberg (false discovery rate), ${h.significantHolm} after Holm (family-wise).\n\n` +
      table(
        ['#', 'hypothesis', 'n', 'effect', 'interval', 'p', 'Holm p', 'BH p'],
        h.list.map((x, i) => [String(i + 1), `${x.primary ? '**main** ' : ''}${x.description}`, String(x.n), `${x.effectLabel} ${formatSigned(x.effect, 4)}`, formatInterval(x.interval), formatP(x.pValue), formatP(x.holmPValue), formatP(x.bhPValue)]),
      ),
  );

  out.push(`## Power: what this history could detect\n\n${report.power.explanation}\n\n` +
    table(
      ['test', 'n / events', 'smallest detectable effect (80 % power)'],
      [
        ['lead-lag scan (main test)', String(report.power.mainTest.n), `|r| ≥ ${formatNumber(report.power.mainTest.detectableCorrelationScan)}`],
        ['one pre-specified lag', String(report.power.mainTest.n), `|r| ≥ ${formatNumber(report.power.mainTest.detectableCorrelationSingleLag)}`],
        ...report.power.eventStudy.map((e) => [`event study ${e.horizonDays} d (cap-weighted)`, String(e.events), `|excess log return| ≥ ${formatNumber(e.minimumDetectableEffect)}`]),
        ...report.power.hitRate.map((x) => [`hit rate ${x.horizonDays} d`, String(x.events), `Wilson interval width ${formatShare(x.intervalWidth)}`]),
      ],
    ));

  out.push(`## Caveats\n\n${report.verdict.caveats.map((c) => `- ${c}`).join('\n')}`);
  if (banner) out.push(`> **⚠ ${banner}**`);
  return out.join('\n\n') + '\n';
}
