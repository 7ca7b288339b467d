import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import type { Clock } from '../ports.js';
import type { Principal, PrincipalType } from '../principal.js';
import { KEY_HEADERS, refusalFor, refuseToken } from './token-refusals.js';

/** A key that signs Coffer access tokens with ES256 (a local P-256 key, or KMS in production). */
export interface TokenSigningKey {
  readonly kid: string;
  /** Returns the raw 64-byte R||S signature JWS expects for ES256. */
  sign(signingInput: Buffer): Promise<Buffer>;
  publicJwk(): Promise<JWK>;
}

export interface AccessTokenOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Token lifetime. Default 900 s: short enough that a revoked key stops working soon. */
  readonly ttlSeconds?: number;
  /** Allowed clock skew when checking exp/nbf/iat. Default 5 s. */
  readonly clockToleranceSeconds?: number;
}

export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Coffer tokens are a few hundred bytes; anything far larger is not ours and is not parsed. */
export const MAX_TOKEN_LENGTH = 8192;
const PRINCIPAL_TYPES: readonly PrincipalType[] = ['USER', 'SERVICE', 'WORKLOAD'];

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Issues and verifies Coffer's own access tokens (RFC 9068 profile). */
/** A signing key that was rotated out: still published (and accepted) until `retireAfter`. */
export interface RetiredSigningKey {
  readonly key: TokenSigningKey;
  /** When every token it signed has expired: the key's last use plus the longest token lifetime. */
  readonly retireAfter: Date;
}

export class AccessTokens {
  readonly #ttl: number;
  #jwks: { at: string; doc: { keys: JWK[] }; set: ReturnType<typeof createLocalJWKSet> } | undefined;

  constructor(
    private readonly keys: { current: TokenSigningKey; previous?: readonly RetiredSigningKey[] },
    private readonly opts: AccessTokenOptions,
    private readonly clock: Clock,
  ) {
    this.#ttl = opts.ttlSeconds ?? 900;
  }

  get issuer(): string {
    return this.opts.issuer;
  }

  async issue(principal: Principal): Promise<{ token: string; expiresIn: number }> {
    const key = this.keys.current;
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const header = { alg: 'ES256', typ: ACCESS_TOKEN_TYPE, kid: key.kid };
    const claims = {
      iss: this.opts.issuer,
      aud: this.opts.audience,
      sub: principal.id,
      iat,
      nbf: iat,
      exp: iat + this.#ttl,
      jti: randomUUID(),
      'coffer:ptype': principal.type,
      'coffer:name': principal.name,
      ...(principal.projectId ? { 'coffer:project': principal.projectId } : {}),
      ...(principal.clientId ? { 'coffer:cid': principal.clientId } : {}),
    };
    const signingInput = `${b64(header)}.${b64(claims)}`;
    const signature = await key.sign(Buffer.from(signingInput));
    return { token: `${signingInput}.${signature.toString('base64url')}`, expiresIn: this.#ttl };
  }

  /** The public keys as a JWKS document: the current key first, then rotated keys not yet retired. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return (await this.keySet()).doc;
  }

  private async keySet() {
    const now = this.clock.now();
    const live = [
      this.keys.current,
      ...(this.keys.previous ?? []).filter((p) => p.retireAfter > now).map((p) => p.key),
    ];
    const at = live.map((k) => k.kid).join(',');
    if (this.#jwks?.at !== at) {
      const keys = await Promise.all(
        live.map(async (k) => ({ ...(await k.publicJwk()), kid: k.kid, alg: 'ES256', use: 'sig' })),
      );
      this.#jwks = { at, doc: { keys }, set: createLocalJWKSet({ keys }) };
    }
    return this.#jwks;
  }

  /** Verifies signature, algorithm, type, issuer, audience and lifetime; any failure is UNAUTHENTICATED. */
  async verify(token: string): Promise<Principal> {
    if (token.length > MAX_TOKEN_LENGTH) throw refuseToken('TOKEN_TOO_LARGE');
    try {
      // Coffer never sets these; a token that names its own key is not one of ours, however signed.
      const header = decodeProtectedHeader(token);
      if (KEY_HEADERS.some((h) => h in header)) throw refuseToken('TOKEN_KEY_HEADER');
      const { payload } = await jwtVerify(token, (await this.keySet()).set, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ['ES256'],
        typ: ACCESS_TOKEN_TYPE,
        clockTolerance: this.opts.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: this.clock.now(),
      });
      const type = payload['coffer:ptype'];
      const name = payload['coffer:name'];
      if (!PRINCIPAL_TYPES.includes(type as PrincipalType) || typeof name !== 'string' || !payload.sub) {
        throw refuseToken('TOKEN_MISSING_CLAIM');
      }
      const project = payload['coffer:project'];
      const clientId = payload['coffer:cid'];
      return {
        id: payload.sub,
        type: type as PrincipalType,
        name,
        ...(typeof project === 'string' ? { projectId: project } : {}),
        ...(typeof clientId === 'string' ? { clientId } : {}),
        ...(typeof payload.iat === 'number' ? { issuedAt: payload.iat } : {}),
      };
    } catch (e) {
      throw refusalFor(e);
    }
  }
}
