/**
 * Parameter grids of a sweep: `threshold=50..90:5` (a range with a step), `window=30,90` (a list),
 * `exit=btc,cash`; fixed parameters beside them. The configurations are the Cartesian product,
 * the first swept parameter varying slowest; configuration i is computed from i (mixed radix), so
 * a grid of a million configurations costs no memory until it is evaluated.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { resolveParameters, type ParameterValue, type StrategyDefinition, type StrategyParameters } from './strategy.ts';

export interface SweepAxis {
  name: string;
  values: readonly ParameterValue[];
}

/** Most values one axis may have (a typo such as 1..1000000:0.001 should fail fast). */
const MAX_AXIS_VALUES = 100_000;

/** Parses "name=50..90:5" or "name=30,90" (the text after --sweep). */
export function parseSweepAxis(text: string, flag = '--sweep'): SweepAxis {
  const match = /^\s*([A-Za-z][\w-]*)\s*=\s*(.+?)\s*$/.exec(text);
  if (!match) throw new InvalidInputError(`${flag}: expected name=FROM..TO:STEP or name=A,B,C, got ${JSON.stringify(text)}`);
  const name = match[1]!;
  const spec = match[2]!;
  const range = /^(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)(?:\s*:\s*(\d+(?:\.\d+)?))?$/.exec(spec);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = range[3] === undefined ? 1 : Number(range[3]);
    if (!(step > 0)) throw new InvalidInputError(`${flag} ${name}: the step must be above 0, got ${JSON.stringify(range[3])}`);
    if (to < from) throw new InvalidInputError(`${flag} ${name}: ${to} is below ${from}`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_AXIS_VALUES) throw new InvalidInputError(`${flag} ${name}: ${count} values; at most ${MAX_AXIS_VALUES} per parameter`);
    const decimals = Math.max(decimalsOf(range[1]!), decimalsOf(range[3] ?? '1'));
    const values = Array.from({ length: count }, (_, k) => Number((from + k * step).toFixed(decimals)));
    return { name, values };
  }
  const values = spec.split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) throw new InvalidInputError(`${flag} ${name}: empty value in ${JSON.stringify(spec)}`);
  return { name, values: [...new Set(values)].map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)) };
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Parses "name=value" (the text after --param). */
export function parseParameter(text: string, flag = '--param'): [string, ParameterValue] {
  const match = /^\s*([A-Za-z][\w-]*)\s*=\s*(.+?)\s*$/.exec(text);
  if (!match) throw new InvalidInputError(`${flag}: expected name=value, got ${JSON.stringify(text)}`);
  const value = match[2]!;
  return [match[1]!, /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value];
}

export class ParameterGrid {
  readonly count: number;
  private readonly radix: number[];

  constructor(
    readonly strategy: StrategyDefinition,
    readonly fixed: Readonly<Record<string, ParameterValue>>,
    readonly axes: readonly SweepAxis[],
  ) {
    const names = new Set<string>();
    for (const axis of axes) {
      if (names.has(axis.name)) throw new InvalidInputError(`--sweep ${axis.name}: swept twice`);
      if (axis.name in fixed) throw new InvalidInputError(`--sweep ${axis.name}: also given with --param; give it once`);
      if (axis.values.length === 0) throw new InvalidInputError(`--sweep ${axis.name}: no values`);
      names.add(axis.name);
      // Check every value of the axis once (with the others at their defaults).
      for (const value of axis.values) resolveParameters(strategy, { ...fixed, [axis.name]: value });
    }
    resolveParameters(strategy, fixed);
    this.radix = axes.map((a) => a.values.length);
    this.count = this.radix.reduce((n, r) => n * r, 1);
  }

  /** The value index of each axis for configuration i (first axis slowest). */
  coordinates(index: number): number[] {
    const out = new Array<number>(this.axes.length);
    let rest = index;
    for (let k = this.axes.length - 1; k >= 0; k--) {
      out[k] = rest % this.radix[k]!;
      rest = Math.floor(rest / this.radix[k]!);
    }
    return out;
  }

  /** Resolved parameters of configuration i. */
  parameters(index: number): StrategyParameters {
    const given: Record<string, ParameterValue> = { ...this.fixed };
    this.coordinates(index).forEach((c, k) => (given[this.axes[k]!.name] = this.axes[k]!.values[c]!));
    return resolveParameters(this.strategy, given);
  }

  /** Largest warm-up over the grid (every configuration is backtested over the same days). */
  maxWarmupDays(): number {
    // Warm-up grows with the numbers of each axis, so the axis maxima bound it.
    const given: Record<string, ParameterValue> = { ...this.fixed };
    for (const axis of this.axes) {
      const numbers = axis.values.filter((v): v is number => typeof v === 'number');
      given[axis.name] = numbers.length > 0 ? Math.max(...numbers) : axis.values[0]!;
    }
    return this.strategy.warmupDays(resolveParameters(this.strategy, given));
  }
}
