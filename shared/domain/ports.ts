import type { KeyContext } from './crypto/aad.js';

/**
 * Narrow interfaces to the outside world. Domain code depends only on these; adapters in
 * shared/adapters implement them for AWS and for the local process.
 */

/** Creates and unwraps data keys (AWS KMS in production, a local keyring otherwise). */
export interface KeyProvider {
  /** A fresh 256-bit data key: its plaintext and its wrapped form, bound to `context`. */
  generateDataKey(context: KeyContext): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  /** Unwraps a data key; fails with INTEGRITY_CHECK_FAILED if `wrapped` or `context` was altered. */
  decryptDataKey(wrapped: Uint8Array, context: KeyContext): Promise<Buffer>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** One page of a listing. `cursor` is adapter-level and wrapped into a page token at the edge. */
export interface Page<T> {
  readonly items: T[];
  /** Where the following page starts; absent on the last page. */
  readonly nextCursor?: string;
  /** Where the preceding page ends (read with `backward`); absent on the first page. */
  readonly prevCursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  /** Exclusive start position, from an earlier page's `nextCursor`. */
  readonly cursor?: string;
  /**
   * Read towards the start of the listing from `cursor` (HCP's `previous_page_token`). Items still
   * come back in listing order; `nextCursor` then continues backwards.
   */
  readonly backward?: boolean;
}

/**
 * Requests to addresses a tenant chose (workload identity issuers, their JWKS). `fetch` refuses
 * internal addresses as resolved at connect time; `urlProblem` says why a URL is refused up front.
 */
export interface TenantFetch {
  readonly fetch: typeof fetch;
  urlProblem(url: string): string | undefined;
}
