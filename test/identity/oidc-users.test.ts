import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSigningKey } from '../../shared/adapters/local/local-signing-key.js';
import { AccessTokens } from '../../shared/domain/identity/access-tokens.js';
import { apiFor, startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { startOidcIssuer, type OidcIssuer } from '../helpers/oidc.js';

describe('users from external OpenID Connect issuers', () => {
  let idp: OidcIssuer;
  let other: OidcIssuer;
  let t: TestCoffer;

  beforeAll(async () => {
    idp = await startOidcIssuer({
      audience: 'coffer-api',
      clients: [
        { id: 'alice', email: 'Alice@Example.com' },
        { id: 'bob', email: 'bob@example.com' },
      ],
    });
    other = await startOidcIssuer({
      audience: 'coffer-b',
      clients: [{ id: 'mallory', email: 'mallory@example.com' }],
    });
    t = await startTestCoffer({
      env: {
        COFFER_OIDC_ISSUERS: JSON.stringify([
          { issuer: idp.issuer, audience: 'coffer-api', typ: 'at+jwt' },
          { issuer: other.issuer, audience: 'coffer-b' },
        ]),
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
    await other.close();
  });

  it('accepts a real token, creates an organization for the user and makes them its admin', async () => {
    const alice = apiFor(t.coffer.url, await idp.token('alice'));
    const me = await alice('GET', '/iam/2019-12-10/caller-identity');
    expect(me.status).toBe(200);
    expect(me.body.principal).toMatchObject({
      type: 'PRINCIPAL_TYPE_USER',
      id: expect.stringMatching(/^usr_/),
      user: { full_name: 'alice@example.com' },
    });
    const created = await alice('POST', '/resource-manager/2019-12-10/organizations', { name: 'Alice Inc' });
    expect(created.status).toBe(200);
    const orgs = await alice('GET', '/resource-manager/2019-12-10/organizations');
    expect((orgs.body.organizations as { name: string }[]).map((o) => o.name)).toEqual(['Alice Inc']);
  });

  it('lets a user join by e-mail grant, with exactly the granted role', async () => {
    const alice = apiFor(t.coffer.url, await idp.token('alice'));
    const bob = apiFor(t.coffer.url, await idp.token('bob'));
    expect((await bob('GET', '/resource-manager/2019-12-10/organizations')).body.organizations).toEqual([]);
    const org = (
      (await alice('GET', '/resource-manager/2019-12-10/organizations')).body.organizations as {
        id: string;
      }[]
    )[0]!.id;
    const project = (
      (
        await alice('POST', '/resource-manager/2019-12-10/projects', {
          name: 'p',
          parent: { type: 'ORGANIZATION', id: org },
        })
      ).body.project as { id: string }
    ).id;
    const P = `/secrets/2023-11-28/organizations/${org}/projects/${project}`;
    await alice('POST', `${P}/apps`, { name: 'shop' });
    await alice('POST', `${P}/apps/shop/secret/kv`, { name: 'TOKEN', value: 'alice-secret-value' });
    expect((await bob('GET', `${P}/apps`)).status).toBe(404);

    const policyPath = `/resource-manager/2019-12-10/organizations/${org}/iam-policy`;
    const policy = (await alice('GET', policyPath)).body.policy as { bindings: unknown[]; etag: string };
    const set = await alice('PUT', policyPath, {
      policy: {
        bindings: [
          ...policy.bindings,
          { role_id: 'roles/viewer', members: [{ member_id: 'BOB@example.com', member_type: 'USER' }] },
        ],
        etag: policy.etag,
      },
    });
    expect(set.status).toBe(200);
    const stale = await alice('PUT', policyPath, {
      policy: { bindings: policy.bindings, etag: policy.etag },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe(10);

    expect((await bob('GET', `${P}/apps`)).status).toBe(200);
    const open = await bob('GET', `${P}/apps/shop/secrets/TOKEN:open`);
    expect(open.status).toBe(403);
    expect(open.body.code).toBe(7);
    expect(JSON.stringify(open.body)).not.toContain('alice-secret-value');
    expect((await bob('GET', '/resource-manager/2019-12-10/organizations')).body.organizations).toHaveLength(
      1,
    );
  });
  // Hostile tokens, one defect each with its recorded reason: hostile-tokens.test.ts.
});

describe('Coffer signing-key rotation', () => {
  const opts = { issuer: 'https://coffer.test', audience: 'coffer-api', ttlSeconds: 900 };
  const principal = { id: 'sp', type: 'SERVICE' as const, name: 'ci' };

  it('keeps accepting a rotated-out key’s tokens until they expire, then refuses the key', async () => {
    const old = LocalSigningKey.generate();
    const fresh = LocalSigningKey.generate();
    const issuedAt = new Date('2026-11-26T12:00:00Z');
    const before = new AccessTokens({ current: old }, opts, { now: () => issuedAt });
    const { token } = await before.issue(principal);
    const retireAfter = new Date(issuedAt.getTime() + 960_000);
    const rotated = (at: string) =>
      new AccessTokens({ current: fresh, previous: [{ key: old, retireAfter }] }, opts, {
        now: () => new Date(at),
      });

    await expect(rotated('2026-11-26T12:10:00Z').verify(token)).resolves.toMatchObject(principal);
    expect((await rotated('2026-11-26T12:10:00Z').jwks()).keys.map((k) => k.kid)).toEqual([
      fresh.kid,
      old.kid,
    ]);
    expect((await rotated('2026-11-26T12:20:00Z').jwks()).keys.map((k) => k.kid)).toEqual([fresh.kid]);
    await expect(rotated('2026-11-26T12:20:00Z').verify(token)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
