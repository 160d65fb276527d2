/**
 * Query parameters of the dashboard API: strict, so a typo or a trick is refused with a message
 * rather than silently ignored. Every name must be one the endpoint knows (checked on the query's
 * own keys, so `?__proto__=1` or `?constructor=1` is an unknown parameter, not a property of
 * Object.prototype), given once; numbers are plain decimals (no "0x10", "0b11", "1e1", blanks).
 */
import { z } from 'zod';
import { tryParseDay } from '../domain/dates.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { quoteValue } from './http-security.ts';

export const isoDateParameter = z
  .string({ error: 'required, as YYYY-MM-DD' })
  .refine((text) => tryParseDay(text) !== null, { message: 'expected a date as YYYY-MM-DD' });

// Digits only: Number() would also take "1e2", "0x10", "\t5" or " " (as 0).
export const wholeNumberParameter = (min: number, max: number, fallback: number) => {
  const message = `expected a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, { message })
    .transform(Number)
    // A 400-digit value is Infinity: refused with the same message, not zod's "received Infinity".
    .pipe(z.number({ error: message }).min(min, { message }).max(max, { message }))
    .default(fallback);
};

/** A decimal strictly between `above` and `below`, written as digits with an optional fraction. */
export const decimalParameter = (above: number, below: number, fallback: number) => {
  const message = `expected a decimal number above ${above} and below ${below} (such as 12.5)`;
  return z
    .string()
    .regex(/^\d+(?:\.\d+)?$/, { message })
    .transform(Number)
    .pipe(z.number({ error: message }).gt(above, { message }).lt(below, { message }))
    .default(fallback);
};

/** The query of a URL as name → values, in a prototype-free object (own keys only). */
export function queryValues(url: string): Record<string, string[]> {
  const values = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of new URL(url).searchParams) {
    if (Object.hasOwn(values, name)) values[name]!.push(value);
    else values[name] = [value];
  }
  return values;
}

/** Parses a URL's query with an object schema: unknown names, repeated names and bad values are InvalidInputErrors that quote the value. */
export function parseQuery<S extends z.ZodObject>(schema: S, url: string): z.output<S> {
  const values = queryValues(url);
  const known = new Set(Object.keys(schema.shape));
  const query = Object.create(null) as Record<string, string>;
  for (const name of Object.keys(values)) {
    const given = values[name]!;
    if (!known.has(name)) {
      const expected = known.size === 0 ? 'this endpoint takes no parameters' : `expected ${[...known].join(', ')}`;
      throw new InvalidInputError(`unknown query parameter ${quoteValue(name)} (got ${quoteValue(given[0]!)}); ${expected}`);
    }
    if (given.length > 1) throw new InvalidInputError(`${name}: given ${given.length} times (${given.slice(0, 3).map((v) => quoteValue(v)).join(', ')}${given.length > 3 ? ', …' : ''}); give it once`);
    query[name] = given[0]!;
  }
  const result = schema.safeParse({ ...query });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? 'query');
  const value = Object.hasOwn(query, name) ? query[name] : undefined;
  throw new InvalidInputError(`${name}: ${issue.message}${value === undefined ? '' : ` (got ${quoteValue(value)})`}`);
}

/** `to` before `from` is refused rather than answered with nothing. */
export function checkRange<T extends { from?: string | undefined; to?: string | undefined }>(query: T): T {
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw new InvalidInputError(`to ${query.to} is before from ${query.from}`);
  return query;
}
