/**
 * Derived arrays kept beside the persisted panel (`<db>.panel-cache.<name>`), keyed exactly like it
 * (store, newest load, precedence, builder): results computed from the panel alone that a command
 * would otherwise recompute in every process — today the daily market-cap ranking heads. Any import
 * or sync makes them stale (the key no longer matches), and a stale, truncated or corrupt file is
 * simply not read. The data layer only stores and returns the arrays; what they mean is the
 * caller's (analytics computes them).
 *
 * Layout (little-endian): magic "ALTSDRV1" (8 bytes), u32 header length H, u32 CRC-32 of every
 * byte from 16 on; the header (JSON: key, name, meta, array lengths) padded to a multiple of 8;
 * then the Int32 arrays one after another.
 */
import type { Store } from '../store/store.ts';
import { panelCacheSlot, type LoadPanelOptions } from './load-panel.ts';
import { checksum, readFramedFile, writeFileAtomically, type PanelCacheKey } from './panel-cache.ts';

const MAGIC = 'ALTSDRV1';
const PREFIX_BYTES = 16;

export interface DerivedArrays {
  /** Small JSON-able facts the caller checks before use (settings, spans, ids). */
  meta: Record<string, unknown>;
  arrays: Int32Array[];
}

/** Derived results of one state of one store, by name. */
export interface DerivedCache {
  read(name: string): Promise<DerivedArrays | null>;
  /** Keeps the arrays; false when it could not (read-only place, disk full): only time is lost. */
  write(name: string, value: DerivedArrays): Promise<boolean>;
}

interface Header {
  key: PanelCacheKey;
  name: string;
  meta: Record<string, unknown>;
  lengths: number[];
}

export function derivedCachePath(panelCachePath: string, name: string): string {
  return `${panelCachePath}.${name}`;
}

export function readDerivedArrays(path: string, key: PanelCacheKey, name: string): DerivedArrays | null {
  const framed = readFramedFile(path, MAGIC);
  if (!framed) return null;
  const { bytes, bodyOffset } = framed;
  const header = framed.header as Header;
  if (header.name !== name || JSON.stringify(header.key) !== JSON.stringify(key) || !Array.isArray(header.lengths)) return null;
  const arrays: Int32Array[] = [];
  let at = bytes.byteOffset + bodyOffset;
  for (const length of header.lengths) {
    if (!Number.isInteger(length) || length < 0 || at + 4 * length > bytes.byteOffset + bytes.length) return null;
    arrays.push(new Int32Array(bytes.buffer, at, length));
    at += 4 * length;
  }
  return { meta: header.meta, arrays };
}

export function writeDerivedArrays(path: string, key: PanelCacheKey, name: string, value: DerivedArrays): boolean {
  const header: Header = { key, name, meta: value.meta, lengths: value.arrays.map((a) => a.length) };
  const headerBuffer = Buffer.from(JSON.stringify(header), 'utf8');
  const bodyOffset = align8(PREFIX_BYTES + headerBuffer.length);
  const fileBytes = align8(bodyOffset + 4 * value.arrays.reduce((sum, a) => sum + a.length, 0));
  const buffer = new ArrayBuffer(fileBytes);
  const bytes = Buffer.from(buffer);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(headerBuffer.length, 8);
  headerBuffer.copy(bytes, PREFIX_BYTES);
  let at = bodyOffset;
  for (const array of value.arrays) {
    new Int32Array(buffer, at, array.length).set(array);
    at += 4 * array.length;
  }
  bytes.writeUInt32LE(checksum(new Uint32Array(buffer, PREFIX_BYTES, (fileBytes - PREFIX_BYTES) / 4)), 12);
  return writeFileAtomically(path, bytes);
}

/**
 * The derived cache of a store's current state, beside its persisted panel (none, reads null and
 * writes false, when the panel cache is off). Call it inside the use case's snapshot, so the key
 * is that of the state the panel was read from.
 */
export function storeDerivedCache(store: Store, options: Pick<LoadPanelOptions, 'cache' | 'sourcePrecedence'> = {}): DerivedCache {
  return {
    async read(name) {
      const slot = await panelCacheSlot(store, options);
      for (const path of slot?.paths ?? []) {
        const hit = readDerivedArrays(derivedCachePath(path, name), slot!.key, name);
        if (hit) return hit;
      }
      return null;
    },
    async write(name, value) {
      const slot = await panelCacheSlot(store, options);
      return (slot?.paths ?? []).some((path) => writeDerivedArrays(derivedCachePath(path, name), slot!.key, name, value));
    },
  };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
