import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AzureKeyVaultStandIn, VAULT_SCOPE } from './azure-key-vault.js';

interface Res {
  status: number;
  body: unknown;
  headers: Headers;
}

async function call(url: string, init: RequestInit = {}): Promise<Res> {
  const r = await fetch(url, init);
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: r.headers };
}

function errorCode(res: Res): [string | undefined, string | undefined] {
  const body = res.body as { error?: { code?: string; innererror?: { code?: string } } };
  return [body.error?.code, body.error?.innererror?.code];
}

describe('Azure Key Vault stand-in', () => {
  const kv = new AzureKeyVaultStandIn();
  let token: string;

  const tokenRequest = (form: Record<string, string>, tenant = kv.tenantId): Promise<Res> =>
    call(`${kv.url}/${tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  const goodForm = (): Record<string, string> => ({
    grant_type: 'client_credentials',
    client_id: kv.clientId,
    client_secret: kv.clientSecret,
    scope: VAULT_SCOPE,
  });
  const vault = (
    method: string,
    path: string,
    body?: unknown,
    opts: { bearer?: string | null; apiVersion?: string | null } = {},
  ): Promise<Res> => {
    const url = new URL(path, kv.url);
    const apiVersion = opts.apiVersion === undefined ? '7.5' : opts.apiVersion;
    if (apiVersion !== null) url.searchParams.set('api-version', apiVersion);
    const bearer = opts.bearer === undefined ? token : opts.bearer;
    return call(url.toString(), {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  const set = (name: string, value: string, extra: Record<string, unknown> = {}): Promise<Res> =>
    vault('PUT', `/secrets/${name}`, { value, ...extra });

  beforeAll(async () => {
    await kv.start();
    token = kv.accessToken();
  });
  afterAll(() => kv.close());
  beforeEach(() => {
    kv.clearLog();
    kv.clearFaults();
  });

  it('challenges an anonymous call; the challenge leads to the token endpoint; the token works', async () => {
    const anon = await vault('GET', '/secrets', undefined, { bearer: null });
    expect(anon.status).toBe(401);
    expect(errorCode(anon)).toEqual(['Unauthorized', undefined]);
    const challenge = anon.headers.get('www-authenticate') ?? '';
    expect(challenge).toBe(
      `Bearer authorization="${kv.url}/${kv.tenantId}", resource="https://vault.azure.net"`,
    );

    const authority = /authorization="([^"]+)"/.exec(challenge)?.[1] ?? '';
    const resource = /resource="([^"]+)"/.exec(challenge)?.[1] ?? '';
    const res = await call(`${authority}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...goodForm(), scope: `${resource}/.default` }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3599,
      access_token: expect.any(String),
    });
    const exchanged = (res.body as { access_token: string }).access_token;
    expect(await vault('GET', '/secrets', undefined, { bearer: exchanged })).toMatchObject({
      status: 200,
      body: { value: [], nextLink: null },
    });
    expect(kv.requests.map((r) => [r.status, r.auth])).toEqual([
      [401, false],
      [200, true],
      [200, false],
    ]);
  });

  it('rejects bad client credentials, tenants and scopes like Entra ID, and foreign or expired tokens at the vault', async () => {
    expect(await tokenRequest({ ...goodForm(), client_secret: 'wrong' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_codes: [7000215] },
    });
    expect(await tokenRequest({ ...goodForm(), client_id: 'someone-else' })).toMatchObject({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
    expect(await tokenRequest(goodForm(), 'other-tenant')).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    expect(await tokenRequest({ ...goodForm(), scope: 'https://vault.azure.net' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(await tokenRequest({ ...goodForm(), grant_type: 'password' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });

    const mgmt = await tokenRequest({ ...goodForm(), scope: 'https://management.azure.com/.default' });
    expect(mgmt.status).toBe(200);
    const wrongAudience = await vault('GET', '/secrets', undefined, {
      bearer: (mgmt.body as { access_token: string }).access_token,
    });
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.headers.get('www-authenticate')).toContain('resource="https://vault.azure.net"');

    const shortLived = kv.accessToken();
    expect((await vault('GET', '/secrets', undefined, { bearer: shortLived })).status).toBe(200);
    kv.expireAccessTokens();
    expect((await vault('GET', '/secrets', undefined, { bearer: shortLived })).status).toBe(401);
    token = kv.accessToken();
  });

  it('requires api-version=7.5', async () => {
    expect(errorCode(await vault('GET', '/secrets', undefined, { apiVersion: null }))).toEqual([
      'BadParameter',
      undefined,
    ]);
    expect((await vault('GET', '/secrets', undefined, { apiVersion: '7.4' })).status).toBe(400);
    expect((await vault('GET', '/secrets')).status).toBe(200);
  });

  it('sets new versions, reads latest, by version and with a trailing slash; names are case-insensitive', async () => {
    const v1 = await set('DB-PASSWORD', 'first ✓', {
      contentType: 'text/plain',
      tags: { 'managed-by': 'coffer' },
    });
    expect(v1.status).toBe(200);
    const b1 = v1.body as { value: string; id: string; attributes: Record<string, unknown>; tags: unknown };
    expect(b1.value).toBe('first ✓');
    expect(b1.id).toMatch(new RegExp(`^${kv.url}/secrets/DB-PASSWORD/[0-9a-f]{32}$`));
    expect(b1.attributes).toMatchObject({
      enabled: true,
      recoveryLevel: 'Recoverable+Purgeable',
      recoverableDays: 90,
    });
    expect(b1.tags).toEqual({ 'managed-by': 'coffer' });

    const v2 = await set('db-password', 'second');
    const b2 = v2.body as { id: string };
    expect(b2.id).toMatch(new RegExp(`^${kv.url}/secrets/DB-PASSWORD/`));
    expect(b2.id).not.toBe(b1.id);

    expect((await vault('GET', '/secrets/DB-PASSWORD')).body).toMatchObject({ value: 'second' });
    expect((await vault('GET', '/secrets/Db-Password/')).body).toMatchObject({ value: 'second' });
    const oldVersion = b1.id.split('/').at(-1) ?? '';
    expect((await vault('GET', `/secrets/DB-PASSWORD/${oldVersion}`)).body).toMatchObject({
      value: 'first ✓',
    });
    expect(errorCode(await vault('GET', '/secrets/DB-PASSWORD/0123456789abcdef0123456789abcdef'))).toEqual([
      'SecretNotFound',
      undefined,
    ]);

    expect(Object.keys(kv.secrets())).toEqual(['DB-PASSWORD']);
    expect(kv.secrets()['DB-PASSWORD']?.versions.map((v) => v.value)).toEqual(['first ✓', 'second']);

    const versions = await vault('GET', '/secrets/DB-PASSWORD/versions');
    expect((versions.body as { value: unknown[] }).value).toHaveLength(2);
  });

  it('rejects names it cannot hold and oversized values with 400 BadParameter', async () => {
    const bad = await set('DB_PASSWORD', 'x');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: { code: 'BadParameter', message: 'The request URI contains an invalid name: DB_PASSWORD' },
    });
    expect((await set('a'.repeat(128), 'x')).status).toBe(400);
    expect((await set('big', 'x'.repeat(25 * 1024 + 1))).status).toBe(400);
    expect((await vault('PUT', '/secrets/novalue', {})).status).toBe(400);
    expect(kv.secrets().big).toBeUndefined();
  });

  it('lists with maxresults and nextLink, without values', async () => {
    const paged = new AzureKeyVaultStandIn();
    await paged.start();
    try {
      const t = paged.accessToken();
      for (const n of ['e', 'a', 'C', 'b', 'd']) paged.seedSecret(n, `value-${n}`);
      const ids: string[] = [];
      let next: string | null = `${paged.url}/secrets?api-version=7.5&maxresults=2`;
      let pages = 0;
      while (next) {
        const res = await call(next, { headers: { authorization: `Bearer ${t}` } });
        expect(res.status).toBe(200);
        const body = res.body as { value: { id: string; value?: string }[]; nextLink: string | null };
        for (const item of body.value) expect(item.value).toBeUndefined();
        ids.push(...body.value.map((i) => i.id));
        next = body.nextLink;
        pages++;
      }
      expect(pages).toBe(3);
      expect(ids).toEqual(['a', 'b', 'C', 'd', 'e'].map((n) => `${paged.url}/secrets/${n}`));
      const tooMany = await call(`${paged.url}/secrets?api-version=7.5&maxresults=26`, {
        headers: { authorization: `Bearer ${t}` },
      });
      expect(tooMany.status).toBe(400);
      expect(paged.writeCount()).toBe(0);
    } finally {
      await paged.close();
    }
  });

  it('can answer empty pages that still have a nextLink (a client must keep following)', async () => {
    const quirky = new AzureKeyVaultStandIn({ emptyPagesBeforeData: true });
    await quirky.start();
    try {
      const t = quirky.accessToken();
      for (const n of ['a', 'b', 'c']) quirky.seedSecret(n, n);
      const sizes: number[] = [];
      let next: string | null = `${quirky.url}/secrets?api-version=7.5&maxresults=2`;
      while (next) {
        const res = await call(next, { headers: { authorization: `Bearer ${t}` } });
        const body = res.body as { value: unknown[]; nextLink: string | null };
        sizes.push(body.value.length);
        next = body.nextLink;
      }
      expect(sizes).toEqual([0, 2, 0, 1]);
    } finally {
      await quirky.close();
    }
  });

  it('soft-deletes: 409 on set while recoverable, recover brings it back, purge (204) frees the name', async () => {
    await set('doomed', 'v1');
    const del = await vault('DELETE', '/secrets/doomed');
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({
      recoveryId: `${kv.url}/deletedsecrets/doomed`,
      deletedDate: expect.any(Number),
      scheduledPurgeDate: expect.any(Number),
      id: expect.stringMatching(`^${kv.url}/secrets/doomed/`),
    });
    expect((del.body as { value?: string }).value).toBeUndefined();
    expect(errorCode(await vault('GET', '/secrets/doomed'))).toEqual(['SecretNotFound', undefined]);
    expect((await vault('DELETE', '/secrets/doomed')).status).toBe(404);

    const again = await set('DOOMED', 'v2');
    expect(again.status).toBe(409);
    expect(errorCode(again)).toEqual(['Conflict', 'ObjectIsDeletedButRecoverable']);

    const listed = await vault('GET', '/deletedsecrets');
    expect((listed.body as { value: { recoveryId: string }[] }).value.map((d) => d.recoveryId)).toEqual([
      `${kv.url}/deletedsecrets/doomed`,
    ]);
    expect((await vault('GET', '/deletedsecrets/doomed')).status).toBe(200);

    const recovered = await vault('POST', '/deletedsecrets/doomed/recover');
    expect(recovered.status).toBe(200);
    expect((await vault('GET', '/secrets/doomed')).body).toMatchObject({ value: 'v1' });

    await vault('DELETE', '/secrets/doomed');
    const purged = await vault('DELETE', '/deletedsecrets/doomed');
    expect(purged.status).toBe(204);
    expect(purged.body).toBeUndefined();
    expect((await vault('DELETE', '/deletedsecrets/doomed')).status).toBe(404);
    expect((await set('doomed', 'v3')).status).toBe(200);
    expect(kv.secrets().doomed?.versions.map((v) => v.value)).toEqual(['v3']);
    expect(kv.deletedSecrets()).toEqual({});
  });

  it('honours purge protection with 403', async () => {
    const locked = new AzureKeyVaultStandIn({ purgeProtection: true });
    await locked.start();
    try {
      const t = locked.accessToken();
      locked.seedSecret('keep', 'x');
      const auth = { authorization: `Bearer ${t}` };
      await call(`${locked.url}/secrets/keep?api-version=7.5`, { method: 'DELETE', headers: auth });
      const purge = await call(`${locked.url}/deletedsecrets/keep?api-version=7.5`, {
        method: 'DELETE',
        headers: auth,
      });
      expect(purge.status).toBe(403);
      expect(errorCode(purge)).toEqual(['Forbidden', 'PurgeProtectionEnabled']);
      expect(Object.keys(locked.deletedSecrets())).toEqual(['keep']);
    } finally {
      await locked.close();
    }
  });

  it('can make deletion take a few requests to complete (ObjectIsBeingDeleted)', async () => {
    const slow = new AzureKeyVaultStandIn({ deletionLagRequests: 2 });
    await slow.start();
    try {
      const auth = { authorization: `Bearer ${slow.accessToken()}` };
      slow.seedSecret('slow', 'x');
      await call(`${slow.url}/secrets/slow?api-version=7.5`, { method: 'DELETE', headers: auth });
      const purge = (): Promise<Res> =>
        call(`${slow.url}/deletedsecrets/slow?api-version=7.5`, { method: 'DELETE', headers: auth });
      expect((await call(`${slow.url}/deletedsecrets/slow?api-version=7.5`, { headers: auth })).status).toBe(
        404,
      );
      const early = await purge();
      expect(early.status).toBe(409);
      expect(errorCode(early)).toEqual(['Conflict', 'ObjectIsBeingDeleted']);
      expect((await purge()).status).toBe(204);
    } finally {
      await slow.close();
    }
  });

  it('disables a version via PATCH (403 on get) and leaves seeded secrets alone', async () => {
    kv.seedSecret('theirs', 'not ours');
    const created = await set('toggled', 'x');
    const version = (created.body as { id: string }).id.split('/').at(-1) ?? '';
    const patched = await vault('PATCH', `/secrets/toggled/${version}`, { attributes: { enabled: false } });
    expect(patched.status).toBe(200);
    expect((patched.body as { value?: string }).value).toBeUndefined();
    const got = await vault('GET', '/secrets/toggled');
    expect(got.status).toBe(403);
    expect(errorCode(got)).toEqual(['Forbidden', 'SecretDisabled']);
    expect(kv.secrets().theirs).toMatchObject({ value: 'not ours', origin: 'seed' });
  });

  it('injects 429 with Retry-After and 5xx without touching state or the token endpoint', async () => {
    kv.rateLimitNext();
    const limited = await set('limited', 'x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(errorCode(limited)).toEqual(['Throttled', undefined]);

    kv.failNext(1, 503);
    expect((await tokenRequest(goodForm())).status).toBe(200);
    expect(errorCode(await set('limited', 'x'))).toEqual(['ServiceUnavailable', undefined]);
    expect(kv.secrets().limited).toBeUndefined();
    expect((await set('limited', 'x')).status).toBe(200);
    expect(kv.writeCount()).toBe(3);
  });
});
