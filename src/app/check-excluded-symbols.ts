/** A ticker to exclude that no stored asset ever used is a typo, not a no-op: say so. */
import { InvalidInputError } from '../domain/errors.ts';
import type { Store } from '../data/store/store.ts';

export async function checkExcludedSymbols(store: Store, symbols: readonly string[], fieldName = 'exclude'): Promise<void> {
  if (symbols.length === 0) return;
  const known = new Set((await store.listAssetSymbols()).map((s) => s.symbol.toUpperCase()));
  const unknown = symbols.filter((s) => !known.has(s.trim().toUpperCase()));
  if (unknown.length > 0) {
    throw new InvalidInputError(`${fieldName}: no stored asset ever traded as ${unknown.map((s) => JSON.stringify(s)).join(', ')} (altseason assets --search NAME lists the tickers)`);
  }
}
