/**
 * A weight set: component id → non-negative weight, at least one positive. Parsed from a JSON
 * object (the `--weights FILE` file) with errors that name the problem and where it is.
 */
import { InvalidInputError } from '../../domain/errors.ts';
import { COMPONENT_IDS } from './readiness-components.ts';

export type WeightSet = Readonly<Record<string, number>>;

/** Checks a weight set; `where` names it in errors (a file path, "--weights"). */
export function validateWeights(value: unknown, where: string): WeightSet {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError(`${where}: expected a JSON object of component id → weight, e.g. {"asi-level": 2, "btc-dominance-trend": 1}`);
  }
  const out: Record<string, number> = {};
  let sum = 0;
  for (const [id, weight] of Object.entries(value as Record<string, unknown>)) {
    if (!COMPONENT_IDS.includes(id)) throw new InvalidInputError(`${where}: unknown component ${JSON.stringify(id)}; the components are: ${COMPONENT_IDS.join(', ')}`);
    if (typeof weight !== 'number' || !Number.isFinite(weight)) throw new InvalidInputError(`${where}: the weight of ${id} must be a number, got ${JSON.stringify(weight)}`);
    if (weight < 0) throw new InvalidInputError(`${where}: the weight of ${id} is negative (${weight}); weights must be ≥ 0 (0 leaves a component out)`);
    out[id] = weight;
    sum += weight;
  }
  if (!(sum > 0)) throw new InvalidInputError(`${where}: the weights sum to ${sum}; they must sum to a positive number (give at least one component a weight above 0)`);
  return Object.freeze(out);
}

/** Parses the text of a weights file (JSON) and validates it. */
export function parseWeights(text: string, where: string): WeightSet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${where}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return validateWeights(value, where);
}
