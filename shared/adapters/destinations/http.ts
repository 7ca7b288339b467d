/**
 * The `fetch` plumbing the REST clients share (Vercel, GCP Secret Manager, Azure Key Vault): JSON
 * requests with a per-attempt timeout; retries with backoff and jitter for network failures, 429 and
 * 5xx, honouring `Retry-After`; one token refresh on 401; and a cached OAuth2 access token.
 */
import type { DestinationError } from '../../domain/sync/destination.js';
import type { DestinationErrorCode } from './errors.js';
import { codeForStatus, describeFailure, destinationError, messageOf } from './errors.js';
import type { RetryPolicy } from './options.js';
import { backoffDelay, sleep } from './options.js';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON when the body is JSON, the text otherwise, undefined when empty. */
  readonly body: unknown;
}

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  /** JSON-encoded unless it is already a string (form bodies). */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** Where an access token comes from; `invalidate` drops it after the destination rejected it. */
export interface TokenSource {
  get(): Promise<string>;
  invalidate(token: string): void;
}

export interface HttpClientConfig {
  /** Prefix for error messages, e.g. `vercel`. */
  readonly provider: string;
  readonly policy: RetryPolicy;
  readonly fetch: typeof fetch;
  /** The vendor's error code and message from an error body. */
  readonly vendorError: (body: unknown) => { code?: string; message?: string };
  /** Milliseconds the response asks us to wait, beyond the standard `Retry-After`. */
  readonly retryAfter?: (response: HttpResponse, now: number) => number | undefined;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export class HttpClient {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly config: HttpClientConfig) {
    this.sleep = config.sleep ?? sleep;
    this.now = config.now ?? Date.now;
  }

  /**
   * Sends a request, retrying network failures, 429 and 5xx within the policy. Any other answer is
   * returned for the caller to interpret (with `fail` for the ones it does not expect).
   */
  async send(what: string, request: HttpRequest, auth?: TokenSource): Promise<HttpResponse> {
    const { policy } = this.config;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = auth ? await auth.get() : undefined;
      let response: HttpResponse;
      try {
        response = await this.once(request, token);
      } catch (err) {
        if (attempt >= policy.maxRetries) {
          throw destinationError(
            'UNAVAILABLE',
            `${this.config.provider}: ${describeFailure(what, 'network', { message: messageOf(err) })}`,
            { cause: err },
          );
        }
        await this.sleep(backoffDelay(attempt, policy));
        continue;
      }
      if (response.status === 401 && auth && token !== undefined && !refreshed) {
        // An expired or revoked token: fetch a new one once, without counting it as a retry.
        auth.invalidate(token);
        refreshed = true;
        attempt--;
        continue;
      }
      if (response.status !== 429 && response.status < 500) return response;

      const asked = this.retryAfterMs(response);
      const wait = asked ?? backoffDelay(attempt, policy);
      if (attempt >= policy.maxRetries || wait > policy.maxRetryAfterMs) {
        throw this.fail(what, response, asked === undefined ? {} : { retryAfterMs: asked });
      }
      await this.sleep(wait);
    }
  }

  /** The DestinationError for an answer the caller did not expect. */
  fail(
    what: string,
    response: HttpResponse,
    options: { code?: DestinationErrorCode; retryAfterMs?: number } = {},
  ): DestinationError {
    const vendor = this.config.vendorError(response.body);
    return destinationError(
      options.code ?? codeForStatus(response.status),
      `${this.config.provider}: ${describeFailure(what, response.status, vendor)}`,
      {
        ...(options.retryAfterMs !== undefined ? { retryAfterMs: options.retryAfterMs } : {}),
        cause: { status: response.status, body: response.body },
      },
    );
  }

  private retryAfterMs(response: HttpResponse): number | undefined {
    return parseRetryAfter(response.headers, this.now()) ?? this.config.retryAfter?.(response, this.now());
  }

  private async once(request: HttpRequest, token: string | undefined): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...(request.headers ?? {}) };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.config.fetch(request.url, {
      method: request.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(this.config.policy.timeoutMs),
      // A redirect would carry the bearer token to wherever it points.
      redirect: 'error',
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: parseBody(text) };
  }
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `Retry-After` (seconds or an HTTP date) or `retry-after-ms`, in milliseconds. */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const value = raw.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * An OAuth2 access token, fetched on first use, shared by concurrent callers, and replaced shortly
 * before it expires or when the destination rejects it.
 */
export class CachedToken implements TokenSource {
  private current: { token: string; refreshAt: number } | undefined;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async refresh(): Promise<string> {
    const issuedAt = this.now();
    const { token, expiresInSeconds } = await this.fetchToken();
    // Google and Entra tokens live about an hour; renewing five minutes early (or halfway, for
    // short-lived ones) keeps a request from setting out with a token that expires on the way.
    const lifetime = Math.max(0, expiresInSeconds) * 1000;
    const margin = Math.min(5 * 60_000, lifetime / 2);
    this.current = { token, refreshAt: issuedAt + lifetime - margin };
    return token;
  }
}
