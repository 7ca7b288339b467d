import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { CofferError } from '../../shared/domain/errors.js';
import { unverifiedIssuer } from '../../shared/domain/identity/external-tokens.js';
import type { Principal } from '../../shared/domain/principal.js';
import type { Services } from '../../shared/runtime/services.js';
import type { AppEnv } from './env.js';
import { requestSession } from './auth/session-cookie.js';
import { VerifiedTokens } from './verified-tokens.js';

/**
 * The one place a request's credential becomes a Principal. Every front door (the HCP API, and the
 * Vault API and browser sessions as they arrive) adds a credential source here, so verification,
 * caching and error wording are decided once.
 */
export const authenticate = createMiddleware<AppEnv>(async function authenticate(c, next) {
  const token = requestToken(c);
  if (token) c.set('principal', await verifyAccessToken(c.get('services'), token));
  else {
    // A browser session (cookie + CSRF header), when there is no bearer token: see docs/SIGN-IN.md.
    const session = await requestSession(c);
    if (!session) throw new CofferError('UNAUTHENTICATED', 'a Bearer access token is required');
    c.set('principal', session.principal);
  }
  await next();
});

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/** The token of an `Authorization: Bearer` header, if the header is well formed. */
export const bearerToken = (c: Context<AppEnv>): string | undefined =>
  BEARER.exec((c.req.header('authorization') ?? '').trim())?.[1];

const VAULT_TOKEN = /^[A-Za-z0-9._~+/=-]+$/;

/**
 * The request's access token: `Authorization: Bearer`, or `X-Vault-Token` as Vault clients send it
 * (the same Coffer token; Vault's own clients put it there).
 */
export const requestToken = (c: Context<AppEnv>): string | undefined => {
  const vault = c.req.header('x-vault-token')?.trim();
  return bearerToken(c) ?? (vault && VAULT_TOKEN.test(vault) ? vault : undefined);
};

/** One cache of verified tokens per process (per Services), see verified-tokens.ts. */
const verified = new WeakMap<Services, VerifiedTokens>();

/** Coffer's own tokens (service principals, exchanged workload tokens) or a trusted issuer's (users). */
export const verifyAccessToken = async (services: Services, token: string): Promise<Principal> => {
  let cache = verified.get(services);
  if (!cache) verified.set(services, (cache = new VerifiedTokens(() => services.clock.now().getTime())));
  return cache.verify(token, async (t) => {
    const iss = unverifiedIssuer(t);
    return iss !== undefined && iss !== services.tokens.issuer && services.external.isTrustedUserIssuer(iss)
      ? await services.external.verifyUser(t)
      : await services.tokens.verify(t);
  });
};
