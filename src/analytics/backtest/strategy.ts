/**
 * What a strategy is: a pure function of the point-in-time view of day t (data up to the close of
 * t, nothing later) and its parameters, returning target weights held from the close of t to the
 * close of t+1. Built-in strategies and users' modules have the same shape.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import type { PointInTimeView, Weights } from './point-in-time-view.ts';

export type { Weights } from './point-in-time-view.ts';

export type ParameterValue = number | string;
export type StrategyParameters = Readonly<Record<string, ParameterValue>>;

export type ParameterSpec =
  | { name: string; kind: 'integer' | 'number'; default: number; min: number; max: number; description: string }
  | { name: string; kind: 'choice'; default: string; choices: readonly string[]; description: string };

/**
 * The strategy function: the view of day t and the parameters → target weights, or null to keep
 * the current (drifted) positions without trading.
 */
export type StrategyFunction = (view: PointInTimeView, parameters: StrategyParameters) => Weights | null;

export interface StrategyDefinition {
  id: string;
  /** One sentence: what it holds and when. */
  description: string;
  parameters: readonly ParameterSpec[];
  /** Accept any parameter name (a user's bare strategy function); values are numbers where they parse. */
  freeParameters?: boolean;
  /** Days of history the rule reads before its first decision (indicator warm-up). */
  warmupDays(parameters: StrategyParameters): number;
  decide: StrategyFunction;
}

/** Defaults filled in; every value checked against its spec; unknown names rejected. */
export function resolveParameters(strategy: StrategyDefinition, given: Readonly<Record<string, ParameterValue>>): StrategyParameters {
  const out: Record<string, ParameterValue> = {};
  const known = new Set(strategy.parameters.map((p) => p.name));
  for (const name of Object.keys(given)) {
    if (strategy.freeParameters && !known.has(name)) {
      const value = given[name]!;
      out[name] = typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
      continue;
    }
    if (!known.has(name)) {
      const names = strategy.parameters.map((p) => p.name).join(', ') || 'none';
      throw new InvalidInputError(`${strategy.id}: no parameter ${JSON.stringify(name)}; its parameters are: ${names}`);
    }
  }
  for (const spec of strategy.parameters) {
    const value = given[spec.name] ?? spec.default;
    out[spec.name] = checkParameter(strategy.id, spec, value);
  }
  return out;
}

function checkParameter(strategyId: string, spec: ParameterSpec, value: ParameterValue): ParameterValue {
  const where = `${strategyId} ${spec.name}`;
  if (spec.kind === 'choice') {
    const text = String(value).toLowerCase();
    const match = spec.choices.find((c) => c.toLowerCase() === text);
    if (match === undefined) throw new InvalidInputError(`${where}: expected one of ${spec.choices.join(', ')}, got ${JSON.stringify(value)}`);
    return match;
  }
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (typeof value === 'string' && !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) throw new InvalidInputError(`${where}: expected a number, got ${JSON.stringify(value)}`);
  if (!Number.isFinite(number)) throw new InvalidInputError(`${where}: expected a number, got ${JSON.stringify(value)}`);
  if (spec.kind === 'integer' && !Number.isInteger(number)) throw new InvalidInputError(`${where}: expected a whole number, got ${JSON.stringify(value)}`);
  if (number < spec.min || number > spec.max) throw new InvalidInputError(`${where}: expected ${spec.min} … ${spec.max}, got ${JSON.stringify(value)}`);
  return number;
}

/** "threshold=75 window=90" */
export function describeParameters(parameters: StrategyParameters): string {
  return Object.entries(parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** A numeric parameter (resolved parameters are checked, so this only narrows the type). */
export function numberParameter(parameters: StrategyParameters, name: string): number {
  const value = parameters[name];
  if (typeof value !== 'number') throw new InvalidInputError(`parameter ${name}: expected a number, got ${JSON.stringify(value)}`);
  return value;
}

export function textParameter(parameters: StrategyParameters, name: string): string {
  return String(parameters[name]);
}
