/**
 * Parses a portfolio file (docs/risk.md), all or nothing: the first bad row stops it with an
 * InvalidRowError naming the file, the line (CSV) or entry (JSON) and the value, and nothing of the
 * file is imported. Three shapes:
 *
 * - holdings CSV: header `asset,quantity[,cost_usd][,acquired]` (any order, case-insensitive);
 * - holdings JSON: `[{ "asset", "quantity", "cost_usd"?, "acquired"? }]` or `{ "holdings": [...] }`;
 * - trade list, CSV or JSON (`{ "trades": [...] }` or objects with `side`): `date,asset,side,
 *   quantity,price_usd,fee_usd` (fee optional, 0), side `buy` or `sell`.
 *
 * `asset` is a stable id ('ethereum') or a ticker ('ETH'), resolved by the caller's resolver.
 * Quantities, prices and costs are exact decimals (decimal.js), kept as text: never binary floats.
 * Holdings from a trade list use average cost: a buy adds q and q·p + fee to the cost, a sell
 * removes its share of the cost (cost·q_sold/q_held) and may not sell more than is held.
 * Errors: unknown asset, duplicate row (a holding listed twice — also under another name of the
 * same asset — or a trade identical to an earlier one), negative or zero quantity, negative price,
 * cost or fee, a bad date or side, a sell of more than is held.
 */
import { Decimal } from 'decimal.js';
import { isoDateOf, parseDay, type DayNumber } from '../../domain/dates.ts';
import { InvalidInputError, InvalidRowError } from '../../domain/errors.ts';
import type { PortfolioHoldingRecord, PortfolioTradeRecord, PortfolioTradeSide } from '../store/portfolio-book.ts';

export interface PortfolioFile {
  /** Shown in errors. */
  name: string;
  text: string;
}

/** Gives the stable id for an asset key, or a reason it has none. */
export type PortfolioAssetResolver = (key: string) => { id: string } | { error: string };

export type PortfolioFileFormat = 'holdings-csv' | 'holdings-json' | 'trades-csv' | 'trades-json';

export interface ParsedPortfolio {
  format: PortfolioFileFormat;
  holdings: PortfolioHoldingRecord[];
  trades: PortfolioTradeRecord[];
}

interface RawRow {
  /** "line 3" or "entry 2". */
  where: number;
  fields: Map<string, string>;
}

const HOLDING_FIELDS = ['asset', 'quantity', 'cost_usd', 'acquired'];
const TRADE_FIELDS = ['date', 'asset', 'side', 'quantity', 'price_usd', 'fee_usd'];

export async function parsePortfolioFile(file: PortfolioFile, resolve: PortfolioAssetResolver): Promise<ParsedPortfolio> {
  const trimmed = file.text.trimStart();
  const json = trimmed.startsWith('[') || trimmed.startsWith('{');
  const { rows, columns, label } = json ? jsonRows(file) : await csvRows(file);
  const isTrades = columns.has('side');
  const allowed = isTrades ? TRADE_FIELDS : HOLDING_FIELDS;
  const required = isTrades ? ['date', 'asset', 'side', 'quantity', 'price_usd'] : ['asset', 'quantity'];
  for (const c of columns) {
    if (!allowed.includes(c)) throw new InvalidInputError(`${file.name}: unknown column ${JSON.stringify(c)}; a ${isTrades ? 'trade list' : 'holdings file'} has ${allowed.join(', ')}`);
  }
  for (const c of required) if (!columns.has(c)) throw new InvalidInputError(`${file.name}: missing the column ${JSON.stringify(c)} (${isTrades ? 'a trade list needs' : 'holdings need'} ${required.join(', ')})`);
  const rowError = (row: RawRow, detail: string) => (json ? new InvalidInputError(`${file.name} entry ${row.where}: ${detail}`) : new InvalidRowError(file.name, row.where, detail));
  const context: FieldContext = { file, label, rowError, resolve };
  if (isTrades) {
    const trades = parseTrades(rows, context);
    return { format: json ? 'trades-json' : 'trades-csv', trades, holdings: holdingsFromTrades(trades, rows, context) };
  }
  return { format: json ? 'holdings-json' : 'holdings-csv', holdings: parseHoldings(rows, context), trades: [] };
}

interface FieldContext {
  file: PortfolioFile;
  label: string;
  rowError: (row: RawRow, detail: string) => InvalidInputError;
  resolve: PortfolioAssetResolver;
}

function decimalField(row: RawRow, field: string, context: FieldContext, rule: 'positive' | 'non-negative'): Decimal {
  const text = row.fields.get(field)!;
  let value: Decimal;
  try {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new Error('not a number');
    value = new Decimal(text);
  } catch {
    throw context.rowError(row, `${field} ${JSON.stringify(text)} is not a number`);
  }
  if (value.isNegative() && !value.isZero()) throw context.rowError(row, `${field} ${text} is negative`);
  if (rule === 'positive' && value.isZero()) throw context.rowError(row, `${field} ${text} must be above 0`);
  return value;
}

function optional(row: RawRow, field: string): string | null {
  const text = row.fields.get(field);
  return text === undefined || text === '' ? null : text;
}

function assetField(row: RawRow, context: FieldContext): string {
  const key = row.fields.get('asset') ?? '';
  if (key === '') throw context.rowError(row, 'asset is empty');
  const resolved = context.resolve(key);
  if ('error' in resolved) throw context.rowError(row, `unknown asset ${JSON.stringify(key)}: ${resolved.error}`);
  return resolved.id;
}

function dayField(row: RawRow, field: string, context: FieldContext): DayNumber {
  try {
    return parseDay(row.fields.get(field) ?? '', field);
  } catch (error) {
    throw context.rowError(row, (error as Error).message);
  }
}

function parseHoldings(rows: readonly RawRow[], context: FieldContext): PortfolioHoldingRecord[] {
  const seen = new Map<string, { where: number; key: string }>();
  const holdings: PortfolioHoldingRecord[] = [];
  for (const row of rows) {
    const assetId = assetField(row, context);
    const earlier = seen.get(assetId);
    const key = row.fields.get('asset')!;
    if (earlier) throw context.rowError(row, `duplicate row: asset ${JSON.stringify(key)} (${assetId}) is listed already at ${context.label} ${earlier.where} as ${JSON.stringify(earlier.key)}`);
    seen.set(assetId, { where: row.where, key });
    const quantity = decimalField(row, 'quantity', context, 'positive');
    const cost = optional(row, 'cost_usd') === null ? null : decimalField(row, 'cost_usd', context, 'non-negative');
    const acquired = optional(row, 'acquired') === null ? null : dayField(row, 'acquired', context);
    holdings.push({ assetId, quantity: quantity.toFixed(), costUsd: cost === null ? null : cost.toFixed(), acquiredDay: acquired });
  }
  return holdings.sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0));
}

function parseTrades(rows: readonly RawRow[], context: FieldContext): PortfolioTradeRecord[] {
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    const day = dayField(row, 'date', context);
    const assetId = assetField(row, context);
    const sideText = (row.fields.get('side') ?? '').toLowerCase();
    if (sideText !== 'buy' && sideText !== 'sell') throw context.rowError(row, `side ${JSON.stringify(row.fields.get('side'))} must be buy or sell`);
    const side: PortfolioTradeSide = sideText;
    const quantity = decimalField(row, 'quantity', context, 'positive');
    const price = decimalField(row, 'price_usd', context, 'non-negative');
    const fee = optional(row, 'fee_usd') === null ? new Decimal(0) : decimalField(row, 'fee_usd', context, 'non-negative');
    const trade: PortfolioTradeRecord = { seq: index + 1, day, assetId, side, quantity: quantity.toFixed(), priceUsd: price.toFixed(), feeUsd: fee.toFixed() };
    const identity = `${day}|${assetId}|${side}|${trade.quantity}|${trade.priceUsd}|${trade.feeUsd}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) throw context.rowError(row, `duplicate row: the same trade as at ${context.label} ${earlier} (${isoDateOf(day)} ${side} ${trade.quantity} ${row.fields.get('asset')})`);
    seen.set(identity, row.where);
    return trade;
  });
}

/** Average-cost holdings after the trades in date order (file order within a day). */
function holdingsFromTrades(trades: readonly PortfolioTradeRecord[], rows: readonly RawRow[], context: FieldContext): PortfolioHoldingRecord[] {
  const ordered = trades.map((t, i) => ({ t, row: rows[i]! })).sort((a, b) => a.t.day - b.t.day || a.t.seq - b.t.seq);
  const book = new Map<string, { quantity: Decimal; cost: Decimal; acquired: DayNumber }>();
  for (const { t, row } of ordered) {
    const q = new Decimal(t.quantity);
    const held = book.get(t.assetId);
    if (t.side === 'buy') {
      const cost = q.times(t.priceUsd).plus(t.feeUsd);
      if (held && !held.quantity.isZero()) {
        held.quantity = held.quantity.plus(q);
        held.cost = held.cost.plus(cost);
      } else book.set(t.assetId, { quantity: q, cost, acquired: t.day });
      continue;
    }
    if (!held || held.quantity.lessThan(q)) {
      throw context.rowError(row, `sell of ${t.quantity} ${row.fields.get('asset')} on ${isoDateOf(t.day)} is more than the ${held ? held.quantity.toFixed() : '0'} held then`);
    }
    held.cost = held.cost.minus(held.cost.times(q).dividedBy(held.quantity));
    held.quantity = held.quantity.minus(q);
  }
  return [...book]
    .filter(([, h]) => !h.quantity.isZero())
    .map(([assetId, h]) => ({ assetId, quantity: h.quantity.toFixed(), costUsd: h.cost.toDecimalPlaces(8).toFixed(), acquiredDay: h.acquired }))
    .sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0));
}

async function csvRows(file: PortfolioFile): Promise<{ rows: RawRow[]; columns: Set<string>; label: string }> {
  const { parse } = await import('csv-parse/sync');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(file.text, { skip_empty_lines: true, comment: '#', trim: true, info: true, relax_column_count: true, bom: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new InvalidInputError(`${file.name}: not a CSV file (${(error as Error).message})`);
  }
  const [header, ...body] = records;
  if (!header) throw new InvalidInputError(`${file.name}: empty file (expected a header such as asset,quantity,cost_usd,acquired)`);
  const names = header.record.map((c) => c.trim().toLowerCase());
  const columns = new Set(names);
  if (columns.size !== names.length) throw new InvalidInputError(`${file.name}: a column is named twice in the header ${JSON.stringify(header.record.join(','))}`);
  const rows = body.map(({ record, info }) => {
    if (record.length !== names.length) throw new InvalidRowError(file.name, info.lines, `expected ${names.length} fields (${names.join(',')}), got ${record.length}`);
    return { where: info.lines, fields: new Map(names.map((n, i) => [n, record[i]!])) };
  });
  if (rows.length === 0) throw new InvalidInputError(`${file.name}: no rows after the header`);
  return { rows, columns, label: 'line' };
}

function jsonRows(file: PortfolioFile): { rows: RawRow[]; columns: Set<string>; label: string } {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (error) {
    throw new InvalidInputError(`${file.name}: not a JSON file (${(error as Error).message})`);
  }
  let list: unknown = value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    list = object.holdings ?? object.trades;
    if (object.holdings !== undefined && object.trades !== undefined) throw new InvalidInputError(`${file.name}: give "holdings" or "trades", not both`);
  }
  if (!Array.isArray(list)) throw new InvalidInputError(`${file.name}: expected an array of holdings or trades, or { "holdings": [...] } or { "trades": [...] }`);
  if (list.length === 0) throw new InvalidInputError(`${file.name}: no entries`);
  const columns = new Set<string>();
  const rows = list.map((entry: unknown, i) => {
    const where = i + 1;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new InvalidInputError(`${file.name} entry ${where}: expected an object`);
    const fields = new Map<string, string>();
    for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
      const key = k.toLowerCase();
      columns.add(key);
      if (v === null || v === undefined) continue;
      if (typeof v !== 'string' && typeof v !== 'number') throw new InvalidInputError(`${file.name} entry ${where}: ${k} must be a string or a number, got ${JSON.stringify(v)}`);
      fields.set(key, String(v).trim());
    }
    return { where, fields };
  });
  for (const row of rows) for (const c of columns) if (!row.fields.has(c)) row.fields.set(c, '');
  return { rows, columns, label: 'entry' };
}
