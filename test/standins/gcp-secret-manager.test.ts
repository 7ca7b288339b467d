import { SignJWT, generateKeyPair, importPKCS8 } from 'jose';
import type { CryptoKey } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceAccountKey } from './gcp-secret-manager.js';
import { CLOUD_PLATFORM_SCOPE, GcpSecretManagerStandIn, crc32c } from './gcp-secret-manager.js';

const PROJECT = 'coffer-test';
const NUMBER = '123456789012';

interface Res {
  status: number;
  body: unknown;
  headers: Headers;
}

describe('GCP Secret Manager stand-in', () => {
  const gcp = new GcpSecretManagerStandIn();
  let key: ServiceAccountKey;
  let token: string;

  async function assertion(
    overrides: {
      aud?: string;
      lifetime?: number;
      iatOffset?: number;
      scope?: string | null;
      signWith?: CryptoKey;
    } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000) + (overrides.iatOffset ?? 0);
    const claims: Record<string, unknown> = {};
    if (overrides.scope !== null) claims.scope = overrides.scope ?? CLOUD_PLATFORM_SCOPE;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id })
      .setIssuer(key.client_email)
      .setAudience(overrides.aud ?? key.token_uri)
      .setIssuedAt(now)
      .setExpirationTime(now + (overrides.lifetime ?? 3600))
      .sign(overrides.signWith ?? (await importPKCS8(key.private_key, 'RS256')));
  }

  async function exchange(
    jwt: string,
    grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  ): Promise<Res> {
    const r = await fetch(key.token_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: grantType, assertion: jwt }),
    });
    return { status: r.status, body: (await r.json()) as unknown, headers: r.headers };
  }

  async function api(
    method: string,
    path: string,
    body?: unknown,
    bearer: string | null = token,
  ): Promise<Res> {
    const r = await fetch(`${gcp.url}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: r.headers };
  }

  const base = `/v1/projects/${PROJECT}/secrets`;
  const create = (id: string, labels?: Record<string, string>): Promise<Res> =>
    api('POST', `${base}?secretId=${id}`, { replication: { automatic: {} }, ...(labels ? { labels } : {}) });
  const addVersion = (id: string, value: string): Promise<Res> =>
    api('POST', `${base}/${id}:addVersion`, { payload: { data: Buffer.from(value).toString('base64') } });

  beforeAll(async () => {
    await gcp.start();
    key = gcp.serviceAccountKey();
    token = gcp.accessToken();
  });
  afterAll(() => gcp.close());
  beforeEach(() => {
    gcp.clearLog();
    gcp.clearFaults();
  });

  it('hands out a Google-style service-account key whose signed assertion buys an access token', async () => {
    expect(key).toMatchObject({
      type: 'service_account',
      project_id: PROJECT,
      client_email: `coffer-sync@${PROJECT}.iam.gserviceaccount.com`,
      token_uri: `${gcp.url}/token`,
    });
    expect(key.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const res = await exchange(await assertion());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      token_type: 'Bearer',
    });
    const exchanged = (res.body as { access_token: string }).access_token;
    expect((await api('GET', base, undefined, exchanged)).status).toBe(200);
    expect(gcp.requests.map((r) => [r.path, r.auth])).toEqual([
      ['/token', true],
      [base, false],
    ]);
  });

  it('rejects assertions with a foreign signature, bad audience, long lifetime, expiry, no scope or wrong grant', async () => {
    const other = await generateKeyPair('RS256');
    const cases: [string, Promise<string>, string][] = [
      ['foreign key', assertion({ signWith: other.privateKey }), 'invalid_grant'],
      ['audience', assertion({ aud: 'https://example.com/token' }), 'invalid_grant'],
      ['lifetime', assertion({ lifetime: 7200 }), 'invalid_grant'],
      ['expired', assertion({ iatOffset: -7200 }), 'invalid_grant'],
      ['no scope', assertion({ scope: null }), 'invalid_scope'],
    ];
    for (const [label, jwt, error] of cases) {
      const res = await exchange(await jwt);
      expect(res.status, label).toBe(400);
      expect(res.body, label).toMatchObject({ error });
    }
    const wrongGrant = await exchange(await assertion(), 'client_credentials');
    expect(wrongGrant).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('requires a valid, unexpired token with the cloud-platform scope', async () => {
    const none = await api('GET', base, undefined, null);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="https://accounts.google.com/"');

    const narrow = gcp.accessToken(['https://www.googleapis.com/auth/devstorage.read_only']);
    expect(await api('GET', base, undefined, narrow)).toMatchObject({
      status: 403,
      body: {
        error: { status: 'PERMISSION_DENIED', message: 'Request had insufficient authentication scopes.' },
      },
    });

    const shortLived = gcp.accessToken();
    expect((await api('GET', base, undefined, shortLived)).status).toBe(200);
    gcp.expireAccessTokens();
    expect((await api('GET', base, undefined, shortLived)).status).toBe(401);
    token = gcp.accessToken();
  });

  it('creates a secret (names use the project number), 409 ALREADY_EXISTS on repeat, 400 on bad input', async () => {
    const res = await create('DB_PASSWORD', { 'managed-by': 'coffer' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: `projects/${NUMBER}/secrets/DB_PASSWORD`,
      replication: { automatic: {} },
      labels: { 'managed-by': 'coffer' },
      createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
    });
    expect(await create('DB_PASSWORD')).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 409,
          status: 'ALREADY_EXISTS',
          message: `Secret [projects/${NUMBER}/secrets/DB_PASSWORD] already exists.`,
        },
      },
    });
    expect((await create('has.dot')).body).toMatchObject({
      error: { code: 400, status: 'INVALID_ARGUMENT' },
    });
    expect((await create('x'.repeat(256))).status).toBe(400);
    expect((await create('ok', { Upper: 'x' })).status).toBe(400);
    expect((await api('POST', `${base}?secretId=norepl`, {})).status).toBe(400);
    expect(Object.keys(gcp.secrets(PROJECT))).toEqual(['DB_PASSWORD']);
  });

  it('adds versions from base64 and accesses latest or a number with the exact bytes and CRC32C', async () => {
    await create('API_KEY');
    expect(await api('GET', `${base}/API_KEY/versions/latest:access`)).toMatchObject({
      status: 404,
      body: { error: { status: 'NOT_FOUND' } },
    });
    const v1 = await addVersion('API_KEY', 'first ✓');
    expect(v1).toMatchObject({
      status: 200,
      body: { name: `projects/${NUMBER}/secrets/API_KEY/versions/1`, state: 'ENABLED' },
    });
    await addVersion('API_KEY', 'second\nline');
    const latest = await api('GET', `${base}/API_KEY/versions/latest:access`);
    expect(latest.status).toBe(200);
    const payload = latest.body as { name: string; payload: { data: string; dataCrc32c: string } };
    expect(payload.name).toBe(`projects/${NUMBER}/secrets/API_KEY/versions/2`);
    expect(Buffer.from(payload.payload.data, 'base64').toString('utf8')).toBe('second\nline');
    expect(payload.payload.dataCrc32c).toBe(String(crc32c(Buffer.from('second\nline'))));
    const first = await api('GET', `${base}/API_KEY/versions/1:access`);
    expect(Buffer.from((first.body as { payload: { data: string } }).payload.data, 'base64').toString()).toBe(
      'first ✓',
    );
    expect(gcp.secrets(PROJECT).API_KEY?.latest).toBe('second\nline');

    const badCrc = await api('POST', `${base}/API_KEY:addVersion`, {
      payload: { data: Buffer.from('x').toString('base64'), dataCrc32c: '1' },
    });
    expect(badCrc.status).toBe(400);
    expect((await addVersion('MISSING', 'x')).status).toBe(404);
    expect(gcp.secrets(PROJECT).API_KEY?.versions).toHaveLength(2);
  });

  it('computes CRC32C (Castagnoli) correctly', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('deletes with {} then 404, and leaves secrets seeded by someone else alone', async () => {
    gcp.seedSecret(PROJECT, 'THEIRS', 'not ours', { owner: 'someone-else' });
    await create('OURS');
    expect(await api('DELETE', `${base}/OURS`)).toMatchObject({ status: 200, body: {} });
    expect((await api('DELETE', `${base}/OURS`)).status).toBe(404);
    expect((await api('GET', `${base}/OURS`)).status).toBe(404);
    expect(gcp.secrets(PROJECT).THEIRS).toMatchObject({ latest: 'not ours', origin: 'seed' });
  });

  it('lists with pageSize/pageToken, filters on labels, and answers {} for an empty project', async () => {
    const paged = new GcpSecretManagerStandIn({ projects: [{ id: 'p2', number: '222' }] });
    await paged.start();
    try {
      const t = paged.accessToken();
      const get = async (q: string): Promise<Res> => {
        const r = await fetch(`${paged.url}/v1/projects/p2/secrets${q}`, {
          headers: { authorization: `Bearer ${t}` },
        });
        return { status: r.status, body: (await r.json()) as unknown, headers: r.headers };
      };
      expect(await get('')).toEqual(expect.objectContaining({ status: 200, body: {} }));
      for (const id of ['a', 'b', 'c', 'd', 'e'])
        paged.seedSecret('p2', id, id, id < 'c' ? { 'managed-by': 'coffer' } : {});

      const names: string[] = [];
      let pageToken: string | undefined;
      let pages = 0;
      do {
        const res = await get(`?pageSize=2${pageToken ? `&pageToken=${pageToken}` : ''}`);
        const body = res.body as { secrets?: { name: string }[]; nextPageToken?: string; totalSize?: number };
        expect(body.totalSize).toBe(5);
        names.push(...(body.secrets ?? []).map((s) => s.name));
        pageToken = body.nextPageToken;
        pages++;
      } while (pageToken);
      expect(pages).toBe(3);
      expect(names).toEqual(['a', 'b', 'c', 'd', 'e'].map((id) => `projects/222/secrets/${id}`));

      const filtered = await get(`?filter=${encodeURIComponent('labels.managed-by=coffer')}`);
      expect((filtered.body as { secrets: { name: string }[] }).secrets.map((s) => s.name)).toEqual([
        'projects/222/secrets/a',
        'projects/222/secrets/b',
      ]);
      expect((await get('?pageToken=nonsense')).status).toBe(400);
      expect(paged.writeCount()).toBe(0);
    } finally {
      await paged.close();
    }
  });

  it('answers 403 PERMISSION_DENIED for a project the account cannot see', async () => {
    expect(await api('GET', '/v1/projects/someone-elses/secrets')).toMatchObject({
      status: 403,
      body: {
        error: {
          status: 'PERMISSION_DENIED',
          message:
            "Permission 'secretmanager.secrets.list' denied for resource 'projects/someone-elses' (or it may not exist).",
        },
      },
    });
  });

  it('injects 429 RESOURCE_EXHAUSTED and 5xx without touching state or the token endpoint', async () => {
    await create('LIMITED');
    gcp.clearLog();
    gcp.rateLimitNext('429', { match: { method: 'POST' } });
    const limited = await addVersion('LIMITED', 'v');
    expect(limited).toMatchObject({
      status: 429,
      body: { error: { code: 429, status: 'RESOURCE_EXHAUSTED' } },
    });
    expect(limited.headers.get('retry-after')).toBeNull();

    gcp.failNext(1, 503);
    expect((await exchange(await assertion())).status).toBe(200);
    expect(await addVersion('LIMITED', 'v')).toMatchObject({
      status: 503,
      body: { error: { status: 'UNAVAILABLE' } },
    });
    expect(gcp.secrets(PROJECT).LIMITED?.versions).toEqual([]);
    expect((await addVersion('LIMITED', 'v')).status).toBe(200);
    expect(gcp.writeCount()).toBe(3);
  });
});
