import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSigningKey } from '../../shared/adapters/local/local-signing-key.js';
import { AccessTokens } from '../../shared/domain/identity/access-tokens.js';
import { apiFor, startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { startOidcIssuer, type OidcIssuer } from '../helpers/oidc.js';

const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

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

  const sign = async (claims: JWTPayload, header: Record<string, unknown> = {}, jwk: JWK = idp.signingJwk) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: idp.signingJwk.kid, ...header })
      .sign(await importJWK(jwk, 'ES256'));
  const validClaims = (): JWTPayload => ({
    iss: idp.issuer,
    aud: 'coffer-api',
    sub: 'alice',
    iat: now(),
    exp: now() + 300,
  });

  it('accepts a real token, creates an organization for the user and makes them its admin', async () => {
    const alice = apiFor(t.coffer.url, await idp.token('alice'));
    const me = await alice('GET', '/iam/2019-12-10/caller-identity');
    expect(me.status).toBe(200);
    expect(me.body.principal).toMatchObject({
      type: 'USER',
      name: 'alice@example.com',
      id: expect.stringMatching(/^usr_/),
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

  const corpus: [string, () => Promise<string>][] = [
    ['alg "none"', async () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(validClaims())}.`],
    [
      'HS256 signed with the issuer’s public key',
      async () => {
        const { d: _d, ...publicJwk } = idp.signingJwk;
        return new SignJWT(validClaims())
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: idp.signingJwk.kid })
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
      },
    ],
    ['expired', async () => sign({ ...validClaims(), iat: now() - 7200, exp: now() - 3600 })],
    ['not yet valid', async () => sign({ ...validClaims(), nbf: now() + 3600 })],
    ['for another audience', async () => sign({ ...validClaims(), aud: 'someone-else' })],
    ['from an untrusted issuer', async () => sign({ ...validClaims(), iss: 'https://evil.example' })],
    [
      'claiming Coffer as issuer',
      async () => sign({ ...validClaims(), iss: t.coffer.services.tokens.issuer, aud: 'coffer-api' }),
    ],
    [
      'with an unknown kid',
      async () => {
        const attacker = await exportJWK(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
        return sign(validClaims(), { kid: 'no-such-key' }, attacker);
      },
    ],
    ...(['jku', 'x5u'] as const).map((h): [string, () => Promise<string>] => [
      `with a ${h} header pointing elsewhere`,
      async () => {
        const attacker = await exportJWK(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
        return sign(validClaims(), { [h]: 'https://evil.example/keys', kid: 'evil' }, attacker);
      },
    ]),
    [
      'with an embedded jwk header',
      async () => {
        const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        return sign(
          validClaims(),
          { jwk: await exportJWK(publicKey), kid: undefined },
          await exportJWK(privateKey),
        );
      },
    ],
    [
      'with a tampered payload',
      async () => {
        const [h, , s] = (await idp.token('bob')).split('.');
        return `${h}.${b64({ ...validClaims(), sub: 'alice' })}.${s}`;
      },
    ],
    [
      'with a tampered signature',
      async () => {
        const token = await idp.token('alice');
        const sig = Buffer.from(token.split('.')[2]!, 'base64url');
        sig[10] = (sig[10] ?? 0) ^ 0xff;
        return `${token.split('.').slice(0, 2).join('.')}.${sig.toString('base64url')}`;
      },
    ],
    [
      'of another configured issuer replayed with this one’s audience',
      async () =>
        new SignJWT({ iss: other.issuer, aud: 'coffer-api', sub: 'mallory', iat: now(), exp: now() + 300 })
          .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: other.signingJwk.kid })
          .sign(await importJWK(other.signingJwk, 'ES256')),
    ],
    ['of the wrong type', async () => sign(validClaims(), { typ: 'JWT' })],
    ['without an expiry', async () => sign({ iss: idp.issuer, aud: 'coffer-api', sub: 'alice', iat: now() })],
    ['oversized', async () => sign({ ...validClaims(), padding: 'x'.repeat(10_000) })],
    ['malformed (two segments)', async () => 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0'],
    ['malformed (not base64)', async () => '!!!.???.***'],
  ];

  it('has a corpus of at least 15 bad tokens', () => expect(corpus.length).toBeGreaterThanOrEqual(15));

  it.each(corpus)('rejects a token %s with 401 and code 16, and audits it', async (label, make) => {
    const res = await apiFor(t.coffer.url, await make())(
      'GET',
      '/iam/2019-12-10/caller-identity',
      undefined,
      {
        'x-request-id': `bad-${label.replace(/[^A-Za-z0-9]/g, '-').slice(0, 50)}`,
      },
    );
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(16);
    const events = await t.auditEvents();
    expect(events.filter((e) => e.request_id === res.headers.get('x-request-id'))).toEqual([
      expect.objectContaining({
        operation: 'GetCallerIdentity',
        outcome: 401,
        error_code: 'UNAUTHENTICATED',
      }),
    ]);
  });
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
