import { createHash } from 'node:crypto';
import { createRemoteJWKSet, customFetch, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { TenantFetch } from '../ports.js';
import type { Principal } from '../principal.js';
import { MAX_TOKEN_LENGTH } from './access-tokens.js';
import { KEY_HEADERS, refusalFor, refuseToken } from './token-refusals.js';

/** An external OpenID Connect issuer whose tokens Coffer accepts for users. */
export interface TrustedIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** Claim that identifies the user. Default `sub`. */
  readonly userIdClaim?: string;
  /** Claim with the user's e-mail address. Default `email` (ignored when `email_verified` is false). */
  readonly emailClaim?: string;
  /** JWKS location; default: `jwks_uri` from the issuer's discovery document. */
  readonly jwksUri?: string;
  /** Required `typ` header, for issuers that set one (e.g. `at+jwt`). */
  readonly typ?: string;
}

/**
 * Asymmetric algorithms only: HS* would let anyone who knows a public key forge tokens, and `none`
 * is never acceptable.
 */
export const EXTERNAL_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
/** Allowed clock skew for external tokens. */
export const EXTERNAL_CLOCK_TOLERANCE_SECONDS = 30;

type Jwks = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies tokens from external issuers. Key sets are fetched on first use and cached per issuer
 * (jose refreshes them on an unknown `kid`, at most every 30 s), so steady-state verification makes
 * no network call.
 */
export class ExternalTokens {
  readonly #jwks = new Map<string, Promise<Jwks>>();

  /**
   * `issuers` are the operator's (configuration); `tenant` fetches from issuers that tenants name on
   * workload identity providers, which must not reach Coffer's own network.
   */
  constructor(
    private readonly issuers: readonly TrustedIssuer[],
    private readonly tenant: TenantFetch,
    private readonly fetchJson: (url: string) => Promise<unknown> = defaultFetchJson,
  ) {}

  isTrustedUserIssuer(iss: string): boolean {
    return this.issuers.some((i) => i.issuer === iss);
  }

  /** A user principal from an access or ID token of a trusted issuer. */
  async verifyUser(token: string): Promise<Principal> {
    const iss = unverifiedIssuer(token);
    const cfg = this.issuers.find((i) => i.issuer === iss);
    if (!cfg) throw refuseToken('TOKEN_UNTRUSTED_ISSUER');
    const payload = await this.verify(token, cfg.issuer, [cfg.audience], cfg.jwksUri, cfg.typ);
    const userId = payload[cfg.userIdClaim ?? 'sub'];
    if (typeof userId !== 'string' || userId.length === 0) throw refuseToken('TOKEN_MISSING_CLAIM');
    const emailClaim = payload[cfg.emailClaim ?? 'email'];
    const email =
      typeof emailClaim === 'string' && payload.email_verified !== false
        ? emailClaim.toLowerCase()
        : undefined;
    return {
      id: userIdFor(cfg.issuer, userId),
      type: 'USER',
      name: email ?? userId,
      ...(email ? { email } : {}),
    };
  }

  /** Verifies a token from any issuer (workload federation); returns its claims. */
  verifyFrom(token: string, issuer: string, audiences: readonly string[]): Promise<JWTPayload> {
    const problem = this.tenant.urlProblem(issuer);
    if (problem)
      return Promise.reject(
        refuseToken('TOKEN_ISSUER_REFUSED', new Error(`the provider's issuer ${problem}`)),
      );
    return this.verify(token, issuer, audiences, undefined, undefined, this.tenant);
  }

  private async verify(
    token: string,
    issuer: string,
    audiences: readonly string[],
    jwksUri?: string,
    typ?: string,
    tenant?: TenantFetch,
  ) {
    if (token.length > MAX_TOKEN_LENGTH) throw refuseToken('TOKEN_TOO_LARGE');
    try {
      const header = decodeProtectedHeader(token);
      if (KEY_HEADERS.some((h) => h in header)) throw refuseToken('TOKEN_KEY_HEADER');
      const { payload } = await jwtVerify(token, await this.jwksFor(issuer, jwksUri, tenant), {
        issuer,
        audience: [...audiences],
        algorithms: EXTERNAL_ALGORITHMS,
        clockTolerance: EXTERNAL_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat'],
        ...(typ ? { typ } : {}),
      });
      return payload;
    } catch (e) {
      throw refusalFor(e);
    }
  }

  private jwksFor(issuer: string, jwksUri?: string, tenant?: TenantFetch): Promise<Jwks> {
    // A tenant's issuer never shares a cache entry (or its fetch rules) with the operator's.
    const key = `${tenant ? 'tenant' : 'operator'} ${issuer}`;
    let jwks = this.#jwks.get(key);
    if (!jwks) {
      jwks = (async () => {
        const uri = jwksUri ?? (await this.discoverJwksUri(issuer, tenant));
        const problem = tenant?.urlProblem(uri);
        if (problem) throw refuseToken('TOKEN_ISSUER_REFUSED', new Error(`the issuer's jwks_uri ${problem}`));
        return createRemoteJWKSet(new URL(uri), {
          timeoutDuration: 5000,
          cooldownDuration: 30_000,
          cacheMaxAge: 600_000,
          ...(tenant ? { [customFetch]: tenant.fetch } : {}),
        });
      })();
      // A failed discovery is not cached, so the next request tries again.
      jwks.catch(() => this.#jwks.delete(key));
      this.#jwks.set(key, jwks);
    }
    return jwks;
  }

  private async discoverJwksUri(issuer: string, tenant?: TenantFetch): Promise<string> {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const doc = (await (tenant ? fetchJsonWith(tenant.fetch)(url) : this.fetchJson(url))) as {
      issuer?: unknown;
      jwks_uri?: unknown;
    };
    if (doc.issuer !== issuer || typeof doc.jwks_uri !== 'string') {
      throw refuseToken('TOKEN_ISSUER_UNAVAILABLE');
    }
    return doc.jwks_uri;
  }
}

/** A stable Coffer user id for (issuer, subject): the same person keeps it across tokens. */
export const userIdFor = (issuer: string, subject: string) =>
  `usr_${createHash('sha256').update(issuer).update('\n').update(subject).digest('base64url').slice(0, 26)}`;

/** The `iss` claim, read without verification, only to pick which verifier to use. */
export const unverifiedIssuer = (token: string): string | undefined => {
  const payload = token.split('.')[1];
  if (!payload || token.length > MAX_TOKEN_LENGTH) return undefined;
  try {
    const iss = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
};

const fetchJsonWith =
  (fetcher: typeof fetch) =>
  async (url: string): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetcher(url, { signal: AbortSignal.timeout(5000), redirect: 'error' });
    } catch (e) {
      throw refuseToken('TOKEN_ISSUER_UNAVAILABLE', e);
    }
    if (!res.ok) throw refuseToken('TOKEN_ISSUER_UNAVAILABLE');
    return res.json();
  };
const defaultFetchJson = fetchJsonWith((url, init) => fetch(url, init));
