/** `altseason sectors` for a terminal: each sector's size and label sources, then the members with their weights. */
import { formatUsd } from '../domain/units.ts';
import type { SectorMember, SectorsResult } from '../app/contracts/sectors.ts';
import type { Column } from './columns.ts';
import { renderTable } from './render-table.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

type SectorRow = SectorsResult['sectors'][number];
const SECTOR_COLUMNS: Column<SectorRow>[] = [
  { key: 'sector', value: (s) => s.sector },
  { key: 'members', header: 'n', align: 'right', value: (s) => s.members },
  { key: 'marketCapUsd', header: 'market cap', align: 'right', value: (s) => s.marketCapUsd, display: (s) => formatUsd(s.marketCapUsd) },
  { key: 'capShare', header: 'share', align: 'right', value: (s) => s.capShare, display: (s) => pct(s.capShare) },
  { key: 'labelSources', header: 'labels from', value: (s) => Object.entries(s.labelSources).map(([k, n]) => `${k} ${n}`).join(', ') },
];

export const SECTOR_MEMBER_FIELDS: readonly (keyof SectorMember)[] = [
  'id', 'symbol', 'name', 'altRank', 'marketRank', 'tier', 'sector', 'labelSource', 'labelMatchedBy', 'otherLabels', 'marketCapUsd', 'priceUsd', 'sectorCapWeight', 'tierCapWeight',
];

const MEMBER_COLUMNS: Column<SectorMember>[] = [
  { key: 'altRank', header: 'alt #', align: 'right', value: (m) => m.altRank },
  { key: 'symbol', value: (m) => m.symbol },
  { key: 'name', value: (m) => m.name },
  { key: 'tier', value: (m) => m.tier },
  { key: 'sector', value: (m) => m.sector },
  { key: 'marketCapUsd', header: 'market cap', align: 'right', value: (m) => m.marketCapUsd, display: (m) => formatUsd(m.marketCapUsd) },
  { key: 'sectorCapWeight', header: 'in sector', align: 'right', value: (m) => m.sectorCapWeight, display: (m) => pct(m.sectorCapWeight) },
  { key: 'tierCapWeight', header: 'in tier', align: 'right', value: (m) => m.tierCapWeight, display: (m) => pct(m.tierCapWeight) },
  { key: 'labelSource', header: 'label from', value: (m) => (m.labelSource === null ? 'no label' : `${m.labelSource} (${m.labelMatchedBy})${m.otherLabels.length ? `; also ${m.otherLabels.join(', ')}` : ''}`) },
];

export function renderSectorsTable(r: SectorsResult): string {
  const lines = [`Sectors on ${r.date}${r.sector ? `: ${r.sector}` : ''}`, `  universe: ${r.universe}`];
  if (r.sectorsFile) lines.push(`  user labels from ${r.sectorsFile} override the stored categories`);
  lines.push(`  ${r.labelProvenance}`);
  lines.push('', renderTable(r.sectors, SECTOR_COLUMNS).trimEnd(), '', 'Members (cap weights are shares of the sector’s and the tier’s as-of caps that day):');
  lines.push(renderTable(r.members, MEMBER_COLUMNS).trimEnd());
  return `${lines.join('\n')}\n`;
}
