/**
 * The Russell 2000 (GET /api/rut): closes with record closes (dots) and breakouts (diamonds), the
 * distance from the record, RUT/SPX, and the list of breakouts.
 */
import type { RutResponse } from '../../server/api-types.ts';
import { getJson } from '../api.ts';
import { answerLastDate, readRut } from '../api-shapes.ts';
import { mountChart } from '../charts/chart-view.ts';
import { $, showPanelAge } from '../dom.ts';
import { escapeHtml } from '../format.ts';

export async function loadRut(): Promise<void> {
  const answer = await getJson<RutResponse>('/api/rut');
  const rut = readRut(answer);
  showPanelAge('rut-age', answerLastDate(answer));
  const days = rut.days;
  const dates = days.map((p) => p.date);
  $('rut-dd').textContent = String(rut.breakoutDrawdownPct);
  mountChart('rut-chart', {
    time: true,
    logCapable: true,
    dates,
    series: [
      { label: 'Russell 2000', values: days.map((p) => p.close), color: '--accent' },
      { label: 'Record close', values: days.map((p) => (p.isRecord ? p.close : null)), color: '--alt', markers: 'dot' },
      { label: 'Breakout', values: days.map((p) => (p.isBreakout ? p.close : null)), color: '--btc', markers: 'diamond' },
    ],
  });
  mountChart('rut-dd-chart', {
    time: true,
    dates,
    series: [{ label: 'From record', values: days.map((p) => p.distanceFromRecordPct), color: '--danger', format: (v) => `${v.toFixed(1)}%` }],
  });
  mountChart('rut-spx-chart', {
    time: true,
    dates,
    series: [{ label: 'RUT/SPX', values: days.map((p) => p.benchmarkRatio), color: '--line2', format: (v) => v.toFixed(4) }],
  });
  $('rut-breakouts').innerHTML = rut.breakouts.length
    ? `<table><thead><tr><th>Breakout</th><th>Close</th><th>Drawdown before</th><th>Days since previous record</th></tr></thead><tbody>
      ${rut.breakouts.map((b) => `<tr><td>${escapeHtml(b.date)}</td><td>${b.close.toFixed(2)}</td><td>${b.drawdownPct.toFixed(1)}%</td><td>${b.daysSincePriorRecord}</td></tr>`).join('')}</tbody></table>`
    : '';
}
