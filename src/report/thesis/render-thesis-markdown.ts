/** The thesis report as Markdown: every test with its period, n, effect, interval and p-value. */
import type { ThesisReport } from '../../analytics/thesis/thesis-report.ts';
import { simulatedBanner, THESIS_HEADINGS, THESIS_TITLE, thesisDataSection } from './thesis-prose.ts';
import { thesisTables, type ThesisTable } from './thesis-tables.ts';

function table({ headers, rows, whenEmpty }: ThesisTable): string {
  if (!rows.length && whenEmpty !== null) return whenEmpty;
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}

function section(t: ThesisTable): string {
  return [`${'#'.repeat(t.level)} ${t.title}`, ...(t.intro ? [t.intro] : []), table(t)].join('\n\n');
}

export function renderThesisMarkdown(report: ThesisReport): string {
  const out: string[] = [];
  const banner = simulatedBanner(report);
  out.push(`# ${THESIS_TITLE}`);
  if (banner) out.push(`> **⚠ ${banner}**`);
  out.push(`**${THESIS_HEADINGS.question}** ${report.question}`);
  out.push(`## ${THESIS_HEADINGS.verdict}\n\n**${report.verdict.headline}**\n\n${report.verdict.findings.map((f) => `- ${f}`).join('\n')}`);

  const data = thesisDataSection(report);
  out.push([`## ${data.title}`, ...data.items.map((item) => `- ${item}`), '', `**${data.seriesHeading}** ${data.seriesNote}`, '', ...data.series.map((s) => `- *${s.label}*: ${s.definition}.`)].join('\n'));

  for (const t of thesisTables(report)) out.push(section(t));

  out.push(`## ${THESIS_HEADINGS.caveats}\n\n${report.verdict.caveats.map((c) => `- ${c}`).join('\n')}`);
  if (banner) out.push(`> **⚠ ${banner}**`);
  return out.join('\n\n') + '\n';
}
