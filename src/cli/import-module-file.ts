/**
 * Imports a user's module file (a backtest strategy) by Node's own loader: JavaScript as it is
 * (ES module or CommonJS, top-level await included), TypeScript through tsx's tsImport when tsx is
 * installed (a source checkout has it). The CLI bundle keeps this module a script of its own that
 * Node loads (scripts/bundle-cli.mjs): functions V8 restores from a code cache cannot import().
 */
import { pathToFileURL } from 'node:url';

type Exports = Record<string, unknown>;

export async function importModuleFile(absolutePath: string): Promise<Exports> {
  const url = pathToFileURL(absolutePath).href;
  if (/\.[cm]?ts$/.test(absolutePath)) {
    const api = (await import('tsx/esm/api').catch(() => null)) as { tsImport?: (specifier: string, parent: string) => Promise<Exports> } | null;
    if (api?.tsImport) return api.tsImport(url, import.meta.url);
  }
  return (await import(url)) as Exports;
}
