import type * as http from 'node:http';
import type * as https from 'node:https';
import { urlProblem } from '../http/safe-fetch.js';
import { destinationError } from './errors.js';

/**
 * How a destination client retries what it can retry itself: network failures, timeouts, 429 and
 * 5xx. A rate limit that asks for a longer wait than `maxRetryAfterMs` is not slept through in
 * process; it surfaces as a retryable `RATE_LIMITED` error with `retryAfterMs`, for the queue to
 * reschedule.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 3. */
  readonly maxRetries: number;
  /** Backoff base for retries without a Retry-After: full jitter over base·2^attempt. Default 500 ms. */
  readonly baseDelayMs: number;
  /** Cap on one backoff delay. Default 20 s. */
  readonly maxDelayMs: number;
  /** Longest wait a client sleeps through in process for a rate limit. Default 60 s. */
  readonly maxRetryAfterMs: number;
  /** Per-attempt request timeout. Default 30 s. */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  // GitHub's fallback for a secondary limit without Retry-After is 60 s; longer waits (a primary
  // limit resetting in half an hour) belong to the queue, not to a sleeping worker.
  maxRetryAfterMs: 60_000,
  timeoutMs: 30_000,
});

export interface DestinationOptions {
  retry?: Partial<RetryPolicy>;
  /** Page size for `list()`, where the destination takes one. Default: the largest each allows. */
  pageSize?: number;
  /**
   * Accept `http:` base URLs and loopback addresses. Off by default: a tenant-supplied plain-HTTP
   * URL would send credentials in clear, and a loopback one reach services on the worker's own
   * machine. Tests and local development against the stand-ins turn it on.
   */
  allowInsecureHttp?: boolean;
  /**
   * The `fetch` the REST clients use (Vercel, GCP, Azure, GitHub through Octokit). Default (set by
   * createDestination): one that refuses internal addresses as resolved at connect time.
   */
  fetch?: typeof fetch;
  /** Agents for the AWS SDK, with the same connect-time address check. Set by createDestination. */
  agents?: { http: http.Agent; https: https.Agent };
  github?: {
    /**
     * Minimum spacing between content-creating requests (PUT/DELETE) per token. Default: the
     * throttling plugin's own write limiter (one at a time, 1 s apart), which keeps under GitHub's
     * secondary limit of 80 content-creating requests a minute. Only lower it against a stand-in.
     */
    writeSpacingMs?: number;
  };
}

export function retryPolicy(options: DestinationOptions | undefined): RetryPolicy {
  return Object.freeze({ ...DEFAULT_RETRY_POLICY, ...(options?.retry ?? {}) });
}

/** Full jitter: a uniformly random delay up to base·2^attempt, capped. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Parses and checks a base URL override: `https:` (plain `http:` to loopback only with
 * `allowInsecureHttp`), no internal IP literal, no credentials; no trailing slash. Names are checked
 * again as resolved, at every connection (adapters/http/safe-fetch.ts).
 */
export function baseUrl(raw: string, what: string, options: DestinationOptions | undefined): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (err) {
    throw destinationError('INVALID_CONFIG', `${what} is not a URL`, { cause: err });
  }
  const problem = urlProblem(url.href, { allowLoopbackHttp: options?.allowInsecureHttp === true });
  if (problem) throw destinationError('INVALID_CONFIG', `${what} ${problem}`);
  if (url.username || url.password || url.search || url.hash) {
    throw destinationError('INVALID_CONFIG', `${what} must not carry credentials, a query or a fragment`);
  }
  return url.href.replace(/\/+$/, '');
}
