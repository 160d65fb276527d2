/**
 * `altseason sectors`: the members of every tier and sector on one date, with their weights and
 * where each sector label comes from. Also what the rotation use cases share: the user's sector
 * file (CSV `symbol,sector` or `id,sector`) and the panel + labels read in one snapshot.
 */
import { isoDateOf, type DayNumber } from '../domain/dates.ts';
import { InvalidInputError, NoDataError } from '../domain/errors.ts';
import type { Panel } from '../domain/panel.ts';
import { resolveRotationOptions, type RotationOptions } from '../analytics/rotation/rotation-options.ts';
import { rotationMembersOn } from '../analytics/rotation/rotation-indices.ts';
import { assignSectors, normalizeSector, sectorLabelTimeline, type DatedSectorLabel, type LabelRule, type SectorLabel, type SectorLabelTimeline, type UserSectorLabel } from '../analytics/rotation/sector-labels.ts';
import { datedMemberships, parseSectorMembership, SECTOR_MEMBERSHIP_SETTING } from '../data/sources/coingecko/coingecko-sectors.ts';
import type { SectorMember, SectorsResult } from './contracts/sectors.ts';
import { SECTORS_SCHEMA } from './contracts/rotation-names.ts';
import { dataNotice } from './data-notice.ts';
import { inSnapshot, type ReadContext } from './read-context.ts';
import { roundOrNull } from './round.ts';
import { DEFAULT_DATE_FIELDS, storedCryptoSpan, type DateFieldNames, type StoredSpan } from './stored-span.ts';

/** The user's sector file, read by the interface (the use cases do no file I/O). */
export interface SectorsFile {
  /** Shown in outputs and errors. */
  name: string;
  text: string;
}

const SECTOR_NAME = /^[a-z0-9][a-z0-9 _-]{0,63}$/;

/**
 * Parses a sector file: a header `symbol,sector` or `id,sector`, then one label a line; `#` starts
 * a comment. Errors name the file, the line and the value. The CSV parser is loaded only here, so
 * `status` (which shows the phase) does not pay for it.
 */
export async function parseSectorsFile(file: SectorsFile): Promise<UserSectorLabel[]> {
  const { parse } = await import('csv-parse/sync');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(file.text, { skip_empty_lines: true, comment: '#', trim: true, info: true, relax_column_count: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new InvalidInputError(`${file.name}: not a CSV file (${(error as Error).message})`);
  }
  const [header, ...rows] = records;
  const columns = header?.record.map((c) => c.toLowerCase());
  if (!columns || columns.length !== 2 || !['symbol', 'id'].includes(columns[0]!) || columns[1] !== 'sector') {
    throw new InvalidInputError(`${file.name}: expected the header "symbol,sector" or "id,sector", got ${JSON.stringify(header?.record.join(',') ?? '')}`);
  }
  const seen = new Map<string, number>();
  return rows.map(({ record, info }) => {
    const line = info.lines;
    if (record.length !== 2) throw new InvalidInputError(`${file.name} line ${line}: expected 2 fields (${columns.join(',')}), got ${record.length}`);
    const [key, sector] = record as [string, string];
    if (key === '') throw new InvalidInputError(`${file.name} line ${line}: ${columns[0]} is empty`);
    const name = normalizeSector(sector);
    if (!SECTOR_NAME.test(name)) throw new InvalidInputError(`${file.name} line ${line}: sector ${JSON.stringify(sector)} is not a sector name (letters, digits, space, - or _; at most 64)`);
    const folded = key.toUpperCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) throw new InvalidInputError(`${file.name} line ${line}: ${JSON.stringify(key)} is labelled already on line ${earlier}`);
    seen.set(folded, line);
    return { key, sector: name };
  });
}

export interface RotationInputs {
  span: StoredSpan;
  panel: Panel;
  /** Every asset's primary sector on `to`. */
  labels: SectorLabel[];
  /** The labels day by day from `from` to `to` (point-in-time CoinGecko membership). */
  labelTimeline(from: DayNumber): SectorLabelTimeline;
  /** Where the labels come from, in order of precedence, and the dates the CoinGecko snapshots cover. */
  labelProvenance: string;
  simulated: boolean;
}

/** The panel up to `to` and every asset's primary sector (inside the caller's snapshot). */
export async function loadRotationInputs(context: ReadContext, to: DayNumber, sectorsFile: SectorsFile | null, span: StoredSpan): Promise<RotationInputs> {
  const userLabels = sectorsFile ? await parseSectorsFile(sectorsFile) : [];
  const [panel, rules, simulated, membershipText] = await Promise.all([context.panel({ to }), context.store.listCategoryRules(), context.simulated(), context.store.getSetting(SECTOR_MEMBERSHIP_SETTING)]);
  if (panel.assets.length === 0) throw new NoDataError(`no crypto prices stored up to ${isoDateOf(to)}: ${span.text}`);
  const membership = parseSectorMembership(membershipText);
  const dated: DatedSectorLabel[] = datedMemberships(membership);
  const options = { userLabels, dated };
  return {
    span,
    panel,
    labels: assignSectors(panel, rules, { ...options, day: to }),
    labelTimeline: (from) => sectorLabelTimeline(panel, rules, options, from, to),
    labelProvenance: labelProvenance(sectorsFile, membership.snapshots, Object.keys(membership.coins).length, rules, to),
    simulated,
  };
}

/** The precedence of the label sources, said in a line. */
function labelProvenance(sectorsFile: SectorsFile | null, snapshots: readonly number[], coins: number, rules: readonly LabelRule[], to: DayNumber): string {
  const stored = new Set(rules.map((r) => r.source));
  const csv = stored.has('coin_categories') ? 'the imported coin_categories.csv' : 'the stored category rules';
  const parts = [sectorsFile ? `${sectorsFile.name} (user file)` : null];
  const first = snapshots[0];
  if (first === undefined) {
    parts.push(csv);
    return `sector labels from ${parts.filter(Boolean).join(' > ')}; no CoinGecko sector snapshot stored (each \`altseason sync\` with coingecko records one)`;
  }
  const last = snapshots.at(-1)!;
  parts.push(`CoinGecko category membership (${snapshots.length} daily snapshot${snapshots.length === 1 ? '' : 's'} ${isoDateOf(first as DayNumber)}…${isoDateOf(last as DayNumber)}, ${coins} coin${coins === 1 ? '' : 's'}; a label counts from the day it was first seen)`, csv);
  const before = to < first ? `; ${isoDateOf(to)} is before the first snapshot: labels from ${csv}` : `; before ${isoDateOf(first as DayNumber)} labels come from ${csv}`;
  return `sector labels from ${parts.filter(Boolean).join(' > ')}${before}`;
}

/** The day asked, checked against the stored span (errors name the field and the span). */
export function dayInSpan(day: DayNumber | undefined, span: StoredSpan, field: string): DayNumber {
  if (day === undefined) return span.last;
  if (day > span.last) throw new NoDataError(`${field} ${isoDateOf(day)} is after the last day with data: ${span.text}`);
  if (day < span.first) throw new NoDataError(`${field} ${isoDateOf(day)} is before the first day with data: ${span.text}`);
  return day;
}

export interface SectorsQuery {
  at?: DayNumber;
  /** Only this sector's members (case-insensitive). */
  sector?: string;
  sectorsFile?: SectorsFile | null;
  settings?: Partial<RotationOptions>;
  fieldNames?: DateFieldNames;
  /** How the interface names the sector field in errors ("--sector" on the CLI). */
  sectorFieldName?: string;
}

export async function sectors(context: ReadContext, query: SectorsQuery = {}): Promise<SectorsResult> {
  const names = query.fieldNames ?? DEFAULT_DATE_FIELDS;
  const options = resolveRotationOptions(query.settings ?? {});
  return inSnapshot(context, async () => {
    const span = await storedCryptoSpan(context.store);
    const day = dayInSpan(query.at, span, names.at);
    const { panel, labels, simulated, labelProvenance } = await loadRotationInputs(context, day, query.sectorsFile ?? null, span);
    const members = rotationMembersOn(panel, day, labels, options);
    if (members.length === 0) throw new NoDataError(`${names.at} ${isoDateOf(day)}: no altcoin has an as-of price and market cap that day (${span.text})`);
    const sectorCap = new Map<string, number>();
    const tierCap = new Map<string, number>();
    for (const m of members) {
      sectorCap.set(m.sector, (sectorCap.get(m.sector) ?? 0) + m.marketCap);
      tierCap.set(m.tier, (tierCap.get(m.tier) ?? 0) + m.marketCap);
    }
    const total = [...sectorCap.values()].reduce((a, b) => a + b, 0);
    const wanted = query.sector === undefined ? null : normalizeSector(query.sector);
    if (wanted !== null && !sectorCap.has(wanted)) {
      const known = [...sectorCap.keys()].sort().join(', ');
      throw new InvalidInputError(`${query.sectorFieldName ?? 'sector'}: no member of ${JSON.stringify(query.sector)} on ${isoDateOf(day)}; sectors that day: ${known}`);
    }
    const rows: SectorMember[] = members
      .filter((m) => wanted === null || m.sector === wanted)
      .map((m) => {
        const asset = panel.assets[m.assetIndex]!;
        const label = labels[m.assetIndex]!;
        return {
          id: asset.id,
          symbol: asset.symbol,
          name: asset.name,
          altRank: m.altRank,
          marketRank: m.marketRank,
          tier: m.tier,
          sector: m.sector,
          labelSource: label.source,
          labelMatchedBy: label.matchedBy,
          otherLabels: label.otherLabels,
          marketCapUsd: roundOrNull(m.marketCap, 2)!,
          priceUsd: Number(m.price.toPrecision(10)),
          sectorCapWeight: roundOrNull(m.marketCap / sectorCap.get(m.sector)!, 6)!,
          tierCapWeight: roundOrNull(m.marketCap / tierCap.get(m.tier)!, 6)!,
        };
      });
    const summaries = [...sectorCap.entries()]
      .filter(([s]) => wanted === null || s === wanted)
      .sort(([, a], [, b]) => b - a)
      .map(([sector, cap]) => {
        const inSector = members.filter((m) => m.sector === sector);
        const labelSources: Record<string, number> = {};
        for (const m of inSector) {
          const source = labels[m.assetIndex]!.source ?? 'none';
          labelSources[source] = (labelSources[source] ?? 0) + 1;
        }
        return { sector, members: inSector.length, marketCapUsd: roundOrNull(cap, 2)!, capShare: roundOrNull(cap / total, 6)!, labelSources };
      });
    return {
      schema: SECTORS_SCHEMA,
      simulated,
      data: dataNotice(span.last, context.today(), simulated),
      date: isoDateOf(day),
      universe: `alt ranks 1–${options.smallTo} on ${isoDateOf(day)} (${members.length} found): BTC, stablecoins, wrapped, staked and commodity-backed tokens left out; as-of caps and prices at most ${options.stalenessDays} days old`,
      sectorsFile: query.sectorsFile?.name ?? null,
      labelProvenance,
      sector: wanted,
      sectors: summaries,
      members: rows,
    };
  });
}
