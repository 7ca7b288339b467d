import { DynamoAuditStore } from '../../shared/adapters/dynamodb/audit-store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, getToken, startTestCoffer, type TestCoffer, keyPair } from '../helpers/coffer.js';
import { startOidcIssuer, type OidcIssuer } from '../helpers/oidc.js';

const RM = '/resource-manager/2019-12-10';
const exchange = (url: string, subjectToken: string, resource: string) =>
  fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subjectToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      resource,
    }),
  }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
    id: r.headers.get('x-request-id'),
  }));

describe('service principals, workload identity federation, locks and the audit trail', () => {
  let ci: OidcIssuer; // stands in for GitHub Actions' token issuer
  let stranger: OidcIssuer; // a real issuer nobody configured
  let t: TestCoffer;
  let spId = '';
  let resource = '';
  const SPS = () => `/iam/2019-12-10/organizations/${t.org}/service-principals`;

  beforeAll(async () => {
    const repoClaims = (repository: string, ref: string) => ({
      repository,
      ref,
      repository_owner: repository.split('/')[0],
    });
    ci = await startOidcIssuer({
      audience: 'https://coffer.example/acme',
      clients: [
        { id: 'main-build', claims: repoClaims('acme/api', 'refs/heads/main') },
        { id: 'branch-build', claims: repoClaims('acme/api', 'refs/heads/feature') },
        { id: 'fork-build', claims: repoClaims('evil/api', 'refs/heads/main') },
      ],
    });
    stranger = await startOidcIssuer({
      audience: 'https://coffer.example/acme',
      clients: [{ id: 'main-build', claims: repoClaims('acme/api', 'refs/heads/main') }],
    });
    t = await startTestCoffer();
    await t.api('POST', `${t.P}/apps`, { name: 'deploy' });
    await t.api('POST', `${t.P}/apps/deploy/secret/kv`, {
      name: 'DEPLOY_KEY',
      value: 'deploy-key-value-123',
    });
    spId = (
      (await t.api('POST', SPS(), { name: 'github-deployer' })).body.service_principal as { id: string }
    ).id;
    const path = `${RM}/projects/${t.project}/iam-policy`;
    const policy = (await t.api('GET', path)).body.policy as { etag: string };
    await t.api('PUT', path, {
      policy: {
        bindings: [
          { role_id: 'roles/contributor', members: [{ member_id: spId, member_type: 'SERVICE_PRINCIPAL' }] },
        ],
        etag: policy.etag,
      },
    });
    const created = await t.api('POST', `${SPS()}/${spId}/workload-identity-providers`, {
      name: 'github-main',
      issuer: ci.issuer,
      allowed_audiences: ['https://coffer.example/acme'],
      conditional_access: 'jwt_claims.repository == "acme/api" and jwt_claims.ref == "refs/heads/main"',
    });
    expect(created.status).toBe(200);
    resource = (created.body.provider as { resource_name: string }).resource_name;
  });
  afterAll(async () => {
    await t.close();
    await ci.close();
    await stranger.close();
  });

  it('exchanges a matching workload token for a Coffer token with the principal’s rights', async () => {
    const res = await exchange(t.coffer.url, await ci.token('main-build'), resource);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    });
    const workload = apiFor(t.coffer.url, String(res.body.access_token));
    expect((await workload('GET', '/iam/2019-12-10/caller-identity')).body.principal).toMatchObject({
      id: spId,
      type: 'PRINCIPAL_TYPE_SERVICE',
      service: { id: spId, name: 'github-deployer', organization_id: t.org },
    });
    const open = await workload('GET', `${t.P}/apps/deploy/secrets/DEPLOY_KEY:open`);
    expect(open.body.secret).toMatchObject({ static_version: { value: 'deploy-key-value-123' } });
    expect((await workload('GET', `${RM}/organizations/${t.org}/iam-policy`)).status).toBe(404); // no org-level grant
  });

  it.each([
    ['a claim that does not match (another branch)', () => ci.token('branch-build'), () => resource],
    ['a claim that does not match (a fork)', () => ci.token('fork-build'), () => resource],
    ['an untrusted issuer', () => stranger.token('main-build'), () => resource],
    [
      'a provider that expects another audience',
      () => ci.token('main-build'),
      () => resource.replace('github-main', 'github-other-aud'),
    ],
  ])('refuses %s with 401 and audits the refusal', async (_label, token, target) => {
    await t.api('POST', `${SPS()}/${spId}/workload-identity-providers`, {
      name: 'github-other-aud',
      issuer: ci.issuer,
      allowed_audiences: ['https://somewhere-else'],
      conditional_access: 'jwt_claims.repository == "acme/api"',
    });
    const res = await exchange(t.coffer.url, await token(), target());
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(16);
    expect(res.body).not.toHaveProperty('access_token');
    const events = (await t.auditEvents()).filter((e) => e.request_id === res.id);
    // A refused exchange proved nothing about the organization it named: the deployment's trail keeps it.
    expect(events).toEqual([
      expect.objectContaining({ operation: 'Token', outcome: 401, org_id: '_unscoped' }),
    ]);
  });

  it('refuses a malformed conditional-access expression when the provider is created', async () => {
    const res = await t.api('POST', `${SPS()}/${spId}/workload-identity-providers`, {
      name: 'broken',
      issuer: ci.issuer,
      allowed_audiences: ['x'],
      conditional_access: 'jwt_claims.repository = "acme/api"',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/conditional_access/);
  });

  it('supports several keys per principal, and a deleted key stops issuing tokens at once', async () => {
    const KEYS = `/iam/2019-12-10/organizations/${t.org}/service-principal-keys`;
    const newKey = async () => {
      return keyPair(await t.api('POST', KEYS, { principal_id: spId }));
    };
    const k1 = await newKey();
    const k2 = await newKey();
    await expect(getToken(t.coffer.url, k1.client_id, k1.client_secret)).resolves.toMatch(/^ey/);
    await expect(getToken(t.coffer.url, k2.client_id, k2.client_secret)).resolves.toMatch(/^ey/);
    const listed = (await t.api('GET', `${SPS()}/${spId}/keys`)).body.keys as { client_id: string }[];
    expect(listed.map((k) => k.client_id).sort()).toEqual([k1.client_id, k2.client_id].sort());
    expect(JSON.stringify(listed)).not.toContain(k1.client_secret);
    expect((await t.api('DELETE', `${KEYS}/${k1.client_id}`)).status).toBe(200);
    await expect(getToken(t.coffer.url, k1.client_id, k1.client_secret)).rejects.toThrow(/401/);
    await expect(getToken(t.coffer.url, k2.client_id, k2.client_secret)).resolves.toMatch(/^ey/);
  });

  it('stores a presented client id on a failed login only as an HMAC', async () => {
    const res = await fetch(`${t.coffer.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'failed-login-1' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'cfc_typo_of_a_real_client_id',
        client_secret: 'wrong-secret-wrong',
      }),
    });
    expect(res.status).toBe(401);
    const [event] = (await t.auditEvents()).filter((e) => e.request_id === 'failed-login-1');
    expect(event).toMatchObject({
      operation: 'Token',
      outcome: 401,
      org_id: '_unscoped',
      hashed: { client_id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    });
    expect(JSON.stringify(event)).not.toContain('cfc_typo_of_a_real_client_id');
    expect(JSON.stringify(event)).not.toContain('wrong-secret-wrong');
  });

  it('locks a project: nobody can open or write values until it is unlocked; metadata stays readable', async () => {
    const locked = await t.api('POST', `${t.P}/lock`, { reason: 'incident 42' });
    expect([locked.status, locked.body]).toEqual([200, {}]);
    const open = await t.api('GET', `${t.P}/apps/deploy/secrets/DEPLOY_KEY:open`);
    expect([open.status, open.body.code]).toEqual([412, 9]);
    expect(
      (
        await t.api('POST', `${t.P}/apps/deploy/secret/kv`, {
          name: 'DEPLOY_KEY',
          value: 'changed-while-locked',
        })
      ).status,
    ).toBe(412);
    expect((await t.api('GET', `${t.P}/apps/deploy/secrets/DEPLOY_KEY`)).status).toBe(200);
    expect((await t.api('GET', `${t.P}/lock-status`)).body).toEqual({
      locks: [{ lock_origin: 'CUSTOMER', reason: 'incident 42' }],
    });
    expect((await t.api('GET', `/secrets/2023-11-28/organizations/${t.org}/lock-status`)).body).toEqual({
      locks: [],
      project_locks: { [t.project]: { locks: [{ lock_origin: 'CUSTOMER', reason: 'incident 42' }] } },
    });
    expect((await t.api('POST', `${t.P}/unlock`)).body).toEqual({});
    expect((await t.api('GET', `${t.P}/lock-status`)).body).toEqual({ locks: [] });
    expect((await t.api('GET', `${t.P}/apps/deploy/secrets/DEPLOY_KEY:open`)).status).toBe(200);
  });

  it('lets an admin read the organization’s audit trail, filtered', async () => {
    const all = await t.api(
      'GET',
      `/audit/2019-12-10/organizations/${t.org}/events?pagination.page_size=1000`,
    );
    expect(all.status).toBe(200);
    const events = all.body.events as {
      operation: string;
      outcome: number;
      principal?: { id: string };
      source_ip: string;
    }[];
    expect(events.some((e) => e.operation === 'OpenAppSecret' && e.outcome === 412)).toBe(true);
    expect(events.every((e) => e.source_ip === '127.0.0.1')).toBe(true);
    const opens = await t.api(
      'GET',
      `/audit/2019-12-10/organizations/${t.org}/events?operation=OpenAppSecret&outcome=200`,
    );
    const filtered = opens.body.events as { operation: string; outcome: number; principal: { id: string } }[];
    expect(filtered.length).toBeGreaterThanOrEqual(2);
    expect(filtered.every((e) => e.operation === 'OpenAppSecret' && e.outcome === 200)).toBe(true);
    const byWorkload = await t.api(
      'GET',
      `/audit/2019-12-10/organizations/${t.org}/events?principal_id=${spId}`,
    );
    expect(
      (byWorkload.body.events as { principal: { id: string } }[]).every((e) => e.principal.id === spId),
    ).toBe(true);
    const paged = await t.api(
      'GET',
      `/audit/2019-12-10/organizations/${t.org}/events?pagination.page_size=2`,
    );
    expect(paged.body.events).toHaveLength(2);
    const next = (paged.body.pagination as { next_page_token: string }).next_page_token;
    const page2 = await t.api(
      'GET',
      `/audit/2019-12-10/organizations/${t.org}/events?pagination.page_size=2&pagination.next_page_token=${next}`,
    );
    expect((page2.body.events as { request_id: string }[])[0]).not.toEqual(
      (paged.body.events as unknown[])[0],
    );
  });
});

describe('when the audit trail cannot be written', () => {
  let t: TestCoffer;
  let failing = false;
  beforeAll(async () => {
    t = await startTestCoffer({
      overrides: (table) => {
        const real = new DynamoAuditStore(table);
        return {
          auditStore: {
            append: (e, at) =>
              failing ? Promise.reject(new Error('audit table throttled')) : real.append(e, at),
            query: (...a) => real.query(...a),
            getWrappedKey: (o) => real.getWrappedKey(o),
            putWrappedKey: (o, w) => real.putWrappedKey(o, w),
          },
        };
      },
    });
    await t.api('POST', `${t.P}/apps`, { name: 'vault' });
    await t.api('POST', `${t.P}/apps/vault/secret/kv`, {
      name: 'CROWN_JEWEL',
      value: 'crown-jewel-value-42',
    });
  });
  afterAll(() => t.close({ skipAuditCheck: true }));

  it.each([
    ['one value', '/apps/vault/secrets/CROWN_JEWEL:open'],
    ['all values', '/apps/vault/secrets:open'],
    ['a version', '/apps/vault/secrets/CROWN_JEWEL/versions/1:open'],
    ['all versions', '/apps/vault/secrets/CROWN_JEWEL/versions:open'],
  ])('refuses to reveal %s: 503 and no value', async (_label, path) => {
    failing = true;
    const res = await t.api('GET', `${t.P}${path}`);
    failing = false;
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(14);
    expect(JSON.stringify(res.body)).not.toContain('crown-jewel-value-42');
    expect(t.logs.join('\n')).toContain('audit write failed');
  });

  it('still answers requests that reveal nothing', async () => {
    failing = true;
    const res = await t.api('GET', `${t.P}/apps/vault/secrets/CROWN_JEWEL`);
    failing = false;
    expect(res.status).toBe(200);
  });
});
