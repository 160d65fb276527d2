/** `altseason rotation` for a terminal: the phase and its evidence, tiers and sectors vs BTC, tier lines, episodes. */
import { formatReturn } from '../domain/units.ts';
import type { RotationDay, RotationEpisode, RotationGroupRow, RotationResult } from '../app/contracts/rotation.ts';
import type { Column } from './columns.ts';
import { renderSparkline } from './render-sparkline.ts';
import { renderTable } from './render-table.ts';

const share = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

const GROUP_COLUMNS: Column<RotationGroupRow>[] = [
  { key: 'label', header: 'tier / sector', value: (g) => g.label },
  { key: 'members', header: 'n', align: 'right', value: (g) => g.members },
  { key: 'strength30', header: 'vs BTC 30d', align: 'right', value: (g) => g.strength30, display: (g) => formatReturn(g.strength30) },
  { key: 'strength90', header: 'vs BTC 90d', align: 'right', value: (g) => g.strength90, display: (g) => formatReturn(g.strength90) },
  { key: 'momentum', header: 'momentum', align: 'right', value: (g) => g.momentum, display: (g) => (g.momentum === null ? '—' : `${g.momentum >= 0 ? '▲' : '▼'} ${formatReturn(g.momentum)}`) },
  { key: 'breadth30', header: 'beat BTC 30d', align: 'right', value: (g) => g.breadth30, display: (g) => share(g.breadth30) },
  { key: 'breadth90', header: 'beat BTC 90d', align: 'right', value: (g) => g.breadth90, display: (g) => share(g.breadth90) },
];

const EPISODE_COLUMNS: Column<RotationEpisode>[] = [
  { key: 'start', value: (e) => e.start },
  { key: 'end', value: (e) => e.end, display: (e) => (e.ongoing ? `${e.end} …` : e.end) },
  { key: 'days', align: 'right', value: (e) => e.days },
  { key: 'phaseLabel', header: 'phase', value: (e) => e.phaseLabel },
  { key: 'leadingSectors', header: 'leading sectors vs BTC', value: (e) => e.leadingSectors.map((s) => `${s.sector} ${formatReturn(s.strength, 0)}`).join(', ') },
];

/** The CSV field order of a day (`--format csv`). */
export const ROTATION_DAY_FIELDS: readonly (keyof RotationDay)[] = [
  'date', 'phase', 'leader', 'leaderStrength', 'btcReturn', 'btcLevel', 'ethRatio', 'largeRatio', 'midRatio', 'smallRatio', 'largeMembers', 'midMembers', 'smallMembers',
];

const EPISODES_SHOWN = 25;

export function renderRotationTable(r: RotationResult): string {
  const s = r.settings;
  const lines: string[] = [];
  lines.push(`Sector rotation ${r.from === r.to ? `on ${r.to}` : `${r.from} … ${r.to}`} (${s.weighting}-weighted, ${s.window}-day relative strength vs BTC)`);
  lines.push(`  tiers by point-in-time alt rank: ETH; large 2–${s.largeTo}; mid ${s.largeTo + 1}–${s.midTo}; small ${s.midTo + 1}–${s.smallTo}${s.sectorsFile ? `; sector labels from ${s.sectorsFile} over the stored categories` : ''}`);
  lines.push(`  ${s.labelProvenance}`);
  lines.push(`  phase rule: a tier leads when it beats BTC by ≥ ${(s.leadMargin * 100).toFixed(1)} pts over the window; risk-off when BTC ≤ ${(s.riskOffBtcReturn * 100).toFixed(1)} % and no tier rises; ${s.confirmDays} days to confirm`);
  lines.push('');
  lines.push(`Phase: ${r.current.phaseLabel ?? 'none'}`);
  lines.push(`  ${r.current.evidence}`);
  lines.push('');
  lines.push(renderTable(r.groups.filter((g) => g.kind === 'tier'), GROUP_COLUMNS).trimEnd());
  lines.push('');
  lines.push('Sectors, strongest first (30 days vs BTC):');
  lines.push(renderTable(r.groups.filter((g) => g.kind === 'sector' && g.members > 0), GROUP_COLUMNS).trimEnd());
  if (r.days.length > 1) {
    lines.push('', 'Tiers ÷ BTC:');
    const tiers: [string, keyof RotationDay][] = [['ETH  ', 'ethRatio'], ['large', 'largeRatio'], ['mid  ', 'midRatio'], ['small', 'smallRatio']];
    for (const [name, key] of tiers) lines.push(`  ${name} ${renderSparkline(r.days.map((d) => (d[key] as number | null) ?? NaN), 60)}`);
  }
  if (r.episodes.length > 0) {
    const shown = r.episodes.slice(-EPISODES_SHOWN);
    lines.push('', `Phase episodes${shown.length < r.episodes.length ? ` (last ${shown.length} of ${r.episodes.length}; --format json lists all)` : ''}:`);
    lines.push(renderTable(shown, EPISODE_COLUMNS).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
