/**
 * Standard Webhooks signing (METHODS.md, "Webhook signing"; the standard-webhooks specification):
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, the key being the
 * base64-decoded part of the `whsec_` secret after the prefix. Verification (for receivers and the
 * tests) checks the timestamp tolerance and compares each listed signature in constant time.
 * The Stripe and GitHub variants (METHODS.md) sign with the whole secret string as the key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith('whsec_')) throw new Error('a Standard Webhooks secret starts with whsec_');
  return Buffer.from(secret.slice('whsec_'.length), 'base64');
}

export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): SignedHeaders {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${signatureOf(secret, id, timestampSeconds, body)}` };
}

/** True when one of the listed v1 signatures matches and the timestamp is within `toleranceSeconds` of now. */
export function verifyWebhook(secret: string, headers: Partial<SignedHeaders>, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const listed = headers['webhook-signature'];
  if (!id || !Number.isInteger(timestamp) || !listed || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, id, timestamp, body), 'base64');
  return listed.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function signStripe(secret: string, timestampSeconds: number, body: string): { 'stripe-signature': string } {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return { 'stripe-signature': `t=${timestampSeconds},v1=${signature}` };
}

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`, with the id in `X-GitHub-Delivery` (no timestamp: receivers dedupe on it). */
export function signGithub(secret: string, id: string, body: string): { 'x-hub-signature-256': string; 'x-github-delivery': string } {
  return { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`, 'x-github-delivery': id };
}
