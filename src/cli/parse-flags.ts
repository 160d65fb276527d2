/** Parsers for command-line values; each error names the flag and quotes the value. */
import { InvalidInputError } from '../domain/errors.ts';

export function parseWholeNumber(text: string, flag: string, min = 1): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidInputError(`${flag}: expected a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
}

export function parseThreshold(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !/^\s*\d+(\.\d+)?\s*$/.test(text) || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new InvalidInputError(`${flag}: expected a number from 0 to 100, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** A percentage such as "10" or "12.5" (no hex, exponents or signs), within (min, max). */
export function parsePercent(text: string, flag: string, min = 0, max = 100): number {
  const value = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !(value > min && value < max)) {
    throw new InvalidInputError(`${flag}: expected a percentage between ${min} and ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}
