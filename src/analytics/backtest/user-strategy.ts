/**
 * A user's strategy module, made a StrategyDefinition. The module (TypeScript or JavaScript)
 * exports, as `default` or as `strategy`, either the strategy function itself
 * `(view, parameters) => weights | null` — its parameters are then whatever --param gives, numbers
 * where they parse — or an object with `decide` and optionally `id`, `description`, `parameters`
 * (specs as the built-ins have) and `warmupDays`.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import type { ParameterSpec, StrategyDefinition, StrategyFunction } from './strategy.ts';

export function strategyFromModule(loaded: Record<string, unknown>, where: string): StrategyDefinition {
  // A module loaded as CommonJS (a .ts file outside an ESM package) nests its exports in `default`.
  const inner = loaded.default as Record<string, unknown> | undefined;
  const exports = inner && typeof inner === 'object' && ('default' in inner || 'strategy' in inner) && !('decide' in inner) ? inner : loaded;
  const candidate = exports.default ?? exports.strategy;
  const name = where.replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]s$/, '');
  if (typeof candidate === 'function') {
    return { id: name, description: `user strategy ${where}`, parameters: [], freeParameters: true, warmupDays: () => 0, decide: candidate as StrategyFunction };
  }
  if (candidate && typeof candidate === 'object' && typeof (candidate as { decide?: unknown }).decide === 'function') {
    const c = candidate as Partial<StrategyDefinition> & { decide: StrategyFunction };
    const parameters = Array.isArray(c.parameters) ? (c.parameters as ParameterSpec[]) : [];
    for (const p of parameters) {
      if (typeof p?.name !== 'string' || !['integer', 'number', 'choice'].includes(p.kind)) {
        throw new InvalidInputError(`${where}: each entry of \`parameters\` needs a name and a kind (integer, number or choice), got ${JSON.stringify(p).slice(0, 120)}`);
      }
    }
    const warmup = typeof c.warmupDays === 'function' ? c.warmupDays : () => 0;
    return {
      id: typeof c.id === 'string' && c.id ? c.id : name,
      description: typeof c.description === 'string' ? c.description : `user strategy ${where}`,
      parameters,
      freeParameters: parameters.length === 0,
      warmupDays: warmup,
      decide: c.decide,
    };
  }
  throw new InvalidInputError(`${where}: a strategy module must export (as default or as \`strategy\`) a function (view, parameters) => weights, or an object with a \`decide\` function; docs/backtests.md shows one`);
}
