import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

/**
 * Issue 9, items 9 and 10: what every request body and every response goes through at the edge,
 * whatever the route.
 */
describe('the API edge', () => {
  let t: TestCoffer;
  beforeAll(async () => {
    t = await startTestCoffer();
    await t.api('POST', `${t.P}/apps`, { name: 'edge' });
    await t.api('POST', `${t.P}/apps/edge/secret/kv`, { name: 'KEPT', value: 'kept-value' });
  });
  afterAll(() => t.close());

  /** Sends raw bytes, as a client with a broken encoder would. */
  const sendBytes = (path: string, bytes: Uint8Array, contentType = 'application/json') =>
    fetch(t.coffer.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': contentType },
      body: bytes,
    });
  const json = (before: string, raw: number[], after: string) =>
    Uint8Array.from([...Buffer.from(before, 'utf8'), ...raw, ...Buffer.from(after, 'utf8')]);

  describe('invalid UTF-8 in a request body is refused, never replaced with U+FFFD', () => {
    it.each([
      [
        'bytes FF FE inside a value',
        '{P}/apps/edge/secret/kv',
        '{"name":"BAD","value":"a',
        [0xff, 0xfe],
        'b"}',
      ],
      ['an overlong "/" (C0 AF)', '{P}/apps/edge/secret/kv', '{"name":"BAD","value":"a', [0xc0, 0xaf], '"}'],
      [
        'a truncated sequence (E2 82)',
        '{P}/apps/edge/secret/kv',
        '{"name":"BAD","value":"',
        [0xe2, 0x82],
        '"}',
      ],
      [
        'an encoded surrogate (ED A0 80)',
        '{P}/apps/edge/secret/kv',
        '{"name":"BAD","value":"',
        [0xed, 0xa0, 0x80],
        '"}',
      ],
      [
        'a batch entry',
        '{P}/apps/edge/secret/kv:batch',
        '{"secrets":[{"name":"BAD","value":"x',
        [0xff],
        '"}]}',
      ],
      ['an app description', '{P}/apps', '{"name":"bad-app","description":"', [0xfe], '"}'],
      ['an organization name', '/resource-manager/2019-12-10/organizations', '{"name":"', [0xc0, 0x80], '"}'],
    ])('%s: 400 INVALID_ARGUMENT, nothing written', async (_label, path, before, raw, after) => {
      const prior = await t.state();
      const res = await sendBytes(path.replace('{P}', t.P), json(before, raw, after));
      const body = (await res.json()) as { code: number; details: { reason: string }[] };
      expect(res.status).toBe(400);
      expect(body.code).toBe(3);
      expect(body.details[0]?.reason).toBe('INVALID_ARGUMENT');
      expect(await t.state()).toBe(prior);
    });

    it('refuses invalid UTF-8 in a form body (the token endpoint) too', async () => {
      const res = await fetch(`${t.coffer.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: json('grant_type=client_credentials&client_id=x&client_secret=a', [0xff], 'b'),
      });
      expect(res.status).toBe(400);
    });

    it('stores valid multi-byte UTF-8 exactly as sent', async () => {
      const value = 'snow ☃, emoji 🔑, accent é';
      const res = await sendBytes(
        `${t.P}/apps/edge/secret/kv`,
        Buffer.from(JSON.stringify({ name: 'UTF8', value }), 'utf8'),
      );
      expect(res.status).toBe(200);
      const open = await t.api('GET', `${t.P}/apps/edge/secrets/UTF8:open`);
      expect((open.body.secret as { static_version: { value: string } }).static_version.value).toBe(value);
    });
  });

  describe('every response carries safe headers', () => {
    const expected = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    };
    const jsonCsp = "default-src 'none'; frame-ancestors 'none'";
    it.each([
      ['a value read', 'GET', '{P}/apps/edge/secrets/KEPT:open', undefined, 200],
      ['a listing', 'GET', '{P}/apps', undefined, 200],
      ['a write', 'POST', '{P}/apps/edge/secret/kv', { name: 'W', value: 'written-value' }, 200],
      ['a validation error', 'POST', '{P}/apps', { name: 'Bad Name' }, 400],
      ['a missing secret', 'GET', '{P}/apps/edge/secrets/NOPE:open', undefined, 404],
      ['an unknown route', 'GET', '/no/such/route', undefined, 404],
      ['the health check', 'GET', '/healthz', undefined, 200],
      ['the OpenAPI document', 'GET', '/openapi.json', undefined, 200],
      [
        'a failed login',
        'POST',
        '/oauth2/token',
        'grant_type=client_credentials&client_id=nobody&client_secret=wrong',
        401,
      ],
    ])('%s', async (_label, method, path, body, status) => {
      const form: Record<string, string> =
        typeof body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
      const res = await t.api(method, path.replace('{P}', t.P), body, form);
      expect(res.status).toBe(status);
      for (const [name, value] of Object.entries(expected)) expect(res.headers.get(name)).toBe(value);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toBe(jsonCsp);
    });

    it('also without a token (401)', async () => {
      const res = await fetch(`${t.coffer.url}${t.P}/apps`);
      expect(res.status).toBe(401);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('lets public key material stay cacheable, still with nosniff', async () => {
      const res = await fetch(`${t.coffer.url}/.well-known/jwks.json`);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
});
