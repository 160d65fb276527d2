/**
 * One API answer through Hono's app.request (no socket): asserts the status and the JSON content
 * type, then parses the body with the route's contract schema, naming the path when it does not match.
 */
import { expect } from 'vitest';
import { z } from 'zod';

interface RequestableApp {
  request(input: string): Response | Promise<Response>;
}

export async function apiAnswer<T>(app: RequestableApp, path: string, schema: z.ZodType<T>, status = 200): Promise<T> {
  const response = await app.request(`http://127.0.0.1${path}`);
  const body = await response.text();
  expect(response.status, `${path}: status (body: ${body.slice(0, 200)})`).toBe(status);
  expect(response.headers.get('content-type'), `${path}: content type`).toMatch(/^application\/json/);
  const parsed = schema.safeParse(JSON.parse(body));
  if (!parsed.success) throw new Error(`${path}: the response does not match the contract: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
