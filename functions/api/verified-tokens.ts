import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Principal } from '../../shared/domain/principal.js';

/** Tokens remembered per process. 10,000 entries of ~200 bytes each stay near 2 MB. */
export const VERIFIED_TOKEN_CACHE_ENTRIES = 10_000;

/**
 * Remembers which bearer tokens this process has already verified, until each token's own `exp`,
 * so a warm request does not check an ES256 signature (~0.1 ms of CPU, the largest part of a warm
 * request's own work) again. Keys are SHA-256 digests of the whole token: the cache never holds a
 * token, and a token that differs in any byte (signature included) is a different entry. Bounded
 * LRU. Only successes are kept: a forged token is verified (and refused) every time.
 *
 * What the cache skips is exactly what the signature and claims proved, which cannot change before
 * `exp`. Whether the principal may still act is decided after it, on every request, by
 * authorization (revoked grants and deleted principals take effect through the policy cache).
 */
export class VerifiedTokens {
  readonly #entries = new Map<string, { principal: Principal; expiresAtMs: number }>();
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = VERIFIED_TOKEN_CACHE_ENTRIES,
  ) {}

  async verify(token: string, verify: (token: string) => Promise<Principal>): Promise<Principal> {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAtMs > this.now()) {
      // Most recently used last, so the first entry is the one to evict.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      this.stats.hits++;
      return hit.principal;
    }
    if (hit) this.#entries.delete(key);
    this.stats.misses++;
    const principal = await verify(token);
    // Verification required `exp`; a token without a numeric one is simply not remembered.
    const exp = decodeJwt(token).exp;
    if (typeof exp === 'number' && exp * 1000 > this.now()) {
      this.#entries.set(key, { principal, expiresAtMs: exp * 1000 });
      if (this.#entries.size > this.maxEntries)
        this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return principal;
  }
}
