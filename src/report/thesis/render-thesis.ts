/** Renders a thesis report in the format `--format` asked for. */
import type { ThesisReport } from '../../analytics/thesis/thesis-report.ts';
import { renderJson } from '../render-json.ts';
import { renderThesisHtml } from './render-thesis-html.ts';
import { renderThesisMarkdown } from './render-thesis-markdown.ts';

export const THESIS_FORMATS = ['markdown', 'html', 'json'] as const;
export type ThesisFormat = (typeof THESIS_FORMATS)[number];

export function renderThesis(report: ThesisReport, format: ThesisFormat): string {
  if (format === 'json') return renderJson(report);
  if (format === 'html') return renderThesisHtml(report);
  return renderThesisMarkdown(report);
}
