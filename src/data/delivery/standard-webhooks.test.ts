import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { signGithub, signStripe, signWebhook, verifyWebhook } from './standard-webhooks.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"type":"altseason.alert","data":{"value":76.4}}';

describe('webhook signatures', () => {
  it('signs as Standard Webhooks: the reference library verifies it', () => {
    const now = Math.floor(Date.now() / 1000);
    const headers = signWebhook(SECRET, 'msg_1', now, BODY);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(SECRET).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
  });

  it('verifies one of several signatures, and rejects a changed body, another secret or an old timestamp', () => {
    const headers = signWebhook(SECRET, 'msg_1', 1_700_000_000, BODY);
    const rotated = { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` };
    expect(verifyWebhook(SECRET, rotated, BODY, 1_700_000_100)).toBe(true);
    expect(verifyWebhook(SECRET, headers, `${BODY} `, 1_700_000_100)).toBe(false);
    expect(verifyWebhook('whsec_ZGlmZmVyZW50IHNlY3JldCBieXRlcw==', headers, BODY, 1_700_000_100)).toBe(false);
    expect(verifyWebhook(SECRET, headers, BODY, 1_700_000_000 + 301), 'more than 5 minutes late').toBe(false);
  });

  it("signs as GitHub does (GitHub's documented test vector)", () => {
    expect(signGithub("It's a Secret to Everybody", 'd-1', 'Hello, World!')).toEqual({
      'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      'x-github-delivery': 'd-1',
    });
  });

  it('signs as Stripe does (value computed with openssl dgst -sha256 -hmac)', () => {
    expect(signStripe('sk_test_secret_0123456789', 1_700_000_000, '{"a":1}')).toEqual({
      'stripe-signature': 't=1700000000,v1=ceb99f54a4cc7d0da3145e54cffdd8a7cc6f574138345dcd8646c1cc117dde14',
    });
  });
});
