import { describe, expect, it } from 'vitest';
import { LocalSigningKey } from '../../shared/adapters/local/local-signing-key.js';
import { AccessTokens } from '../../shared/domain/identity/access-tokens.js';
import type { Principal } from '../../shared/domain/principal.js';

const principal: Principal = { id: 'sp-1', type: 'SERVICE', name: 'ci' };
const at = (iso: string) => ({ now: () => new Date(iso) });
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];

describe('Coffer access tokens', () => {
  const key = LocalSigningKey.generate();
  const opts = { issuer: 'https://coffer.test', audience: 'coffer-api', ttlSeconds: 900 };
  const tokens = new AccessTokens({ current: key }, opts, at('2026-11-26T12:00:00Z'));

  it('round-trips a principal', async () => {
    const { token, expiresIn } = await tokens.issue(principal);
    expect(expiresIn).toBe(900);
    expect(await tokens.verify(token)).toMatchObject(principal);
  });

  const rejects = async (token: string, verifier = tokens) =>
    expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

  it('rejects an expired token, allowing only the clock tolerance', async () => {
    const { token } = await tokens.issue(principal);
    await expect(
      new AccessTokens({ current: key }, opts, at('2026-11-26T12:15:04Z')).verify(token),
    ).resolves.toMatchObject(principal);
    await rejects(token, new AccessTokens({ current: key }, opts, at('2026-11-26T12:15:06Z')));
  });

  it('rejects a token that is not valid yet', async () => {
    const { token } = await tokens.issue(principal);
    await rejects(token, new AccessTokens({ current: key }, opts, at('2026-11-26T11:59:50Z')));
  });

  it.each([
    ['another issuer', { ...opts, issuer: 'https://evil.test' }],
    ['another audience', { ...opts, audience: 'other-api' }],
  ])('rejects a token checked against %s', async (_label, other) => {
    const { token } = await tokens.issue(principal);
    await rejects(token, new AccessTokens({ current: key }, other, at('2026-11-26T12:00:00Z')));
  });

  it('rejects a token signed by another key', async () => {
    const stranger = new AccessTokens(
      { current: LocalSigningKey.generate() },
      opts,
      at('2026-11-26T12:00:00Z'),
    );
    await rejects((await stranger.issue(principal)).token);
  });

  it('rejects alg "none" and a tampered payload', async () => {
    const [h, p, s] = parts((await tokens.issue(principal)).token);
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    await rejects(`${b64({ ...header, alg: 'none' })}.${p}.`);
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    await rejects(`${h}.${b64({ ...payload, sub: 'someone-else' })}.${s}`);
  });

  it('rejects a token of the wrong type and an oversized token', async () => {
    const [, p, s] = parts((await tokens.issue(principal)).token);
    await rejects(`${b64({ alg: 'ES256', typ: 'JWT', kid: key.kid })}.${p}.${s}`);
    await rejects('a'.repeat(9000));
  });

  it('publishes the public key, never the private one', async () => {
    const jwks = await tokens.jwks();
    expect(jwks.keys).toEqual([
      {
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        kid: key.kid,
        alg: 'ES256',
        use: 'sig',
      },
    ]);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });
});
