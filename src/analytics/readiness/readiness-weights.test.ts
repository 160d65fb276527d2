import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from './default-weights.ts';
import { COMPONENT_IDS } from './readiness-components.ts';
import { parseWeights } from './readiness-weights.ts';

describe('parseWeights', () => {
  it('accepts a valid set', () => {
    expect(parseWeights('{"asi-level": 2, "fear-greed": 0}', 'w.json')).toEqual({ 'asi-level': 2, 'fear-greed': 0 });
  });
  it('names an unknown component', () => {
    expect(() => parseWeights('{"asi-levl": 1}', 'w.json')).toThrow(/w\.json: unknown component "asi-levl"/);
  });
  it('refuses a negative weight', () => {
    expect(() => parseWeights('{"asi-level": -1}', 'w.json')).toThrow(/weight of asi-level is negative \(-1\)/);
  });
  it('refuses weights that do not sum to a positive number', () => {
    expect(() => parseWeights('{"asi-level": 0}', 'w.json')).toThrow(/sum to 0; they must sum to a positive number/);
    expect(() => parseWeights('{}', 'w.json')).toThrow(/sum to 0/);
  });
  it('refuses non-numbers, arrays and broken JSON', () => {
    expect(() => parseWeights('{"asi-level": "2"}', 'w.json')).toThrow(/must be a number, got "2"/);
    expect(() => parseWeights('[1]', 'w.json')).toThrow(/expected a JSON object/);
    expect(() => parseWeights('{', 'w.json')).toThrow(/w\.json: not valid JSON/);
  });
  it('the default weights name only known components', () => {
    for (const id of Object.keys(DEFAULT_WEIGHTS)) expect(COMPONENT_IDS).toContain(id);
    expect(parseWeights(JSON.stringify(DEFAULT_WEIGHTS), 'default')).toEqual(DEFAULT_WEIGHTS);
  });
});
