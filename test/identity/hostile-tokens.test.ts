import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSigningKey } from '../../shared/adapters/local/local-signing-key.js';
import { apiFor, startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { startOidcIssuer, type OidcIssuer } from '../helpers/oidc.js';

/**
 * Hostile bearer tokens (issue 9, "tests that cannot fail today"). Each case starts from a token
 * that is accepted (checked first) and changes exactly one thing, still properly signed unless the
 * signature is the defect, so each refusal has exactly one cause. The caller only reads "invalid
 * token" (or "token expired"); the precise reason must be in the audit event and the log.
 */
const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const freshEc = async () => exportJWK(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);

type Header = Record<string, unknown>;
interface Signer {
  /** Signs claims with the trusted key (or `jwk`), under a header that starts as the valid one. */
  (claims: JWTPayload, header?: Header, jwk?: JWK, alg?: string): Promise<string>;
}
const signerFor =
  (trusted: JWK & { kid?: string }, baseHeader: Header): Signer =>
  async (claims, header = {}, jwk = trusted, alg = 'ES256') =>
    new SignJWT(claims)
      .setProtectedHeader({ ...baseHeader, alg, ...header } as { alg: string })
      .sign(await importJWK(jwk, alg));

type Case = [label: string, reason: string, make: () => Promise<string>];

/** The defects both kinds of token share; `valid()` is the accepted baseline claim set. */
const commonCases = (sign: Signer, valid: () => JWTPayload, kid: () => string): Case[] => [
  ['of the wrong type (typ JWT)', 'TOKEN_WRONG_TYPE', () => sign(valid(), { typ: 'JWT' })],
  [
    'HS256-signed with a public value as secret (algorithm confusion)',
    'TOKEN_ALG_NOT_ALLOWED',
    () => sign(valid(), {}, { kty: 'oct', k: b64(String(valid().iss)) }, 'HS256'),
  ],
  [
    'with alg "none"',
    'TOKEN_ALG_NOT_ALLOWED',
    async () => `${b64({ alg: 'none', typ: 'at+jwt', kid: kid() })}.${b64(valid())}.`,
  ],
  ['for another audience', 'TOKEN_WRONG_AUDIENCE', () => sign({ ...valid(), aud: 'someone-else' })],
  ['expired an hour ago', 'TOKEN_EXPIRED', () => sign({ ...valid(), iat: now() - 7200, exp: now() - 3600 })],
  ['not valid for another hour', 'TOKEN_NOT_YET_VALID', () => sign({ ...valid(), nbf: now() + 3600 })],
  [
    'without an expiry',
    'TOKEN_MISSING_CLAIM',
    () => {
      const { exp: _exp, ...rest } = valid();
      return sign(rest);
    },
  ],
  ...(['jku', 'x5u'] as const).map((h): Case => [
    `naming its own key set (${h})`,
    'TOKEN_KEY_HEADER',
    () => sign(valid(), { [h]: 'https://evil.example/keys' }),
  ]),
  [
    'embedding a jwk',
    'TOKEN_KEY_HEADER',
    async () => {
      const { d: _d, ...pub } = await freshEc();
      return sign(valid(), { jwk: pub });
    },
  ],
  ['embedding an x5c chain', 'TOKEN_KEY_HEADER', () => sign(valid(), { x5c: ['MIIB'] })],
  [
    'signed by another key under the right kid',
    'TOKEN_BAD_SIGNATURE',
    async () => sign(valid(), {}, await freshEc()),
  ],
  [
    'signed by a key nobody knows (unknown kid)',
    'TOKEN_UNKNOWN_KEY',
    async () => sign(valid(), { kid: 'no-such-key' }, await freshEc()),
  ],
  ['oversized', 'TOKEN_TOO_LARGE', () => sign({ ...valid(), padding: 'x'.repeat(10_000) })],
  ['malformed (two segments)', 'TOKEN_MALFORMED', async () => 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0'],
];

describe('hostile tokens', () => {
  let idp: OidcIssuer;
  let t: TestCoffer;
  const cofferKey = LocalSigningKey.generate();
  let cofferJwk: JWK;

  beforeAll(async () => {
    cofferJwk = await cofferKey.privateJwk();
    idp = await startOidcIssuer({
      audience: 'coffer-api',
      clients: [{ id: 'alice', email: 'alice@example.com' }],
    });
    t = await startTestCoffer({
      env: {
        COFFER_OIDC_ISSUERS: JSON.stringify([{ issuer: idp.issuer, audience: 'coffer-api', typ: 'at+jwt' }]),
      },
      overrides: () => ({ signingKey: cofferKey }),
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  let seq = 0;
  const call = async (token: string) => {
    const requestId = `hostile-${++seq}`;
    const res = await apiFor(t.coffer.url, token)('GET', '/iam/2019-12-10/caller-identity', undefined, {
      'x-request-id': requestId,
    });
    return { res, requestId };
  };
  const assertRefused = async (token: string, reason: string) => {
    const { res, requestId } = await call(token);
    expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({
      status: 401,
      code: 16,
      message: reason === 'TOKEN_EXPIRED' ? 'token expired' : 'invalid token',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/ERR_J|claim|jku|signature/i);
    const events = (await t.auditEvents()).filter((e) => e.request_id === requestId);
    expect(events).toEqual([
      expect.objectContaining({ outcome: 401, error_code: 'UNAUTHENTICATED', reason }),
    ]);
    expect(
      t.logs.filter((l) => l.includes(`"requestId":"${requestId}"`) && l.includes(`"reason":"${reason}"`)),
    ).toHaveLength(1);
  };

  describe('Coffer’s own access tokens', () => {
    const valid = (): JWTPayload => ({
      iss: t.coffer.services.tokens.issuer,
      aud: 'coffer-api',
      sub: t.coffer.bootstrap.state.principal_id,
      iat: now(),
      nbf: now(),
      exp: now() + 300,
      'coffer:ptype': 'SERVICE',
      'coffer:name': 'bootstrap-admin',
    });
    const sign: Signer = (claims, header, jwk, alg) =>
      signerFor(cofferJwk, { typ: 'at+jwt', kid: cofferKey.kid })(claims, header, jwk, alg);

    it('accepts the baseline every case starts from', async () => {
      const { res } = await call(await sign(valid()));
      expect(res.status).toBe(200);
    });

    it.each<Case>([
      ...commonCases(sign, valid, () => cofferKey.kid),
      ['from another issuer', 'TOKEN_WRONG_ISSUER', () => sign({ ...valid(), iss: 'https://evil.example' })],
      [
        'without Coffer’s principal claims',
        'TOKEN_MISSING_CLAIM',
        () => {
          const { 'coffer:ptype': _p, ...rest } = valid();
          return sign(rest);
        },
      ],
    ])('refuses one %s with 401 and records %s', async (_label, reason, make) => {
      await assertRefused(await make(), reason);
    });
  });

  describe('users’ tokens from a trusted OpenID Connect issuer', () => {
    const valid = (): JWTPayload => ({
      iss: idp.issuer,
      aud: 'coffer-api',
      sub: 'alice',
      iat: now(),
      exp: now() + 300,
    });
    const sign: Signer = (claims, header, jwk, alg) =>
      signerFor(idp.signingJwk, { typ: 'at+jwt', kid: idp.signingJwk.kid })(claims, header, jwk, alg);

    it('accepts the baseline every case starts from', async () => {
      const { res } = await call(await sign(valid()));
      expect(res.status).toBe(200);
    });

    it.each<Case>(commonCases(sign, valid, () => idp.signingJwk.kid))(
      'refuses one %s with 401 and records %s',
      async (_label, reason, make) => {
        await assertRefused(await make(), reason);
      },
    );
  });
});
