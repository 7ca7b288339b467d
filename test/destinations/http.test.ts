import { describe, expect, it } from 'vitest';
import { withoutValue } from '../../shared/adapters/destinations/errors.js';
import { CachedToken, HttpClient, parseRetryAfter } from '../../shared/adapters/destinations/http.js';
import { DEFAULT_RETRY_POLICY, backoffDelay } from '../../shared/adapters/destinations/options.js';
import { DestinationError } from '../../shared/domain/sync/destination.js';
import { rejection } from './helpers.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each<[Record<string, string>, number | undefined]>([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after': new Date(NOW + 30_000).toUTCString() }, 30_000],
    [{ 'retry-after': new Date(NOW - 30_000).toUTCString() }, 0],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('%j → %s ms', (headers, expected) => {
    expect(parseRetryAfter(new Headers(headers), NOW)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('is full jitter under base·2^attempt, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(0, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(2, policy, () => 0)).toBe(0);
  });
});

describe('CachedToken', () => {
  it('fetches once for concurrent callers and reuses the token until five minutes before expiry', async () => {
    let now = NOW;
    let issued = 0;
    const token = new CachedToken(
      async () => ({ token: `t${++issued}`, expiresInSeconds: 3600 }),
      () => now,
    );

    expect(await Promise.all([token.get(), token.get(), token.get()])).toEqual(['t1', 't1', 't1']);
    now += 54 * 60_000;
    expect(await token.get()).toBe('t1');
    now += 2 * 60_000;
    expect(await token.get()).toBe('t2');
    expect(issued).toBe(2);
  });

  it('drops a token the destination rejected, but not a newer one', async () => {
    let issued = 0;
    const token = new CachedToken(async () => ({ token: `t${++issued}`, expiresInSeconds: 3600 }));
    await token.get();
    token.invalidate('t1');
    expect(await token.get()).toBe('t2');
    token.invalidate('t1');
    expect(await token.get()).toBe('t2');
  });

  it('tries again after a failed fetch', async () => {
    let calls = 0;
    const token = new CachedToken(async () => {
      calls++;
      if (calls === 1) throw new Error('token endpoint down');
      return { token: 'ok', expiresInSeconds: 3600 };
    });
    await expect(token.get()).rejects.toThrow('token endpoint down');
    expect(await token.get()).toBe('ok');
  });
});

describe('HttpClient', () => {
  const client = (responses: (() => Response)[], sleeps: number[] = []): HttpClient => {
    let i = 0;
    return new HttpClient({
      provider: 'test',
      policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 2, baseDelayMs: 10, maxRetryAfterMs: 5000 },
      fetch: async () => {
        const next = responses[i++];
        if (!next) throw new Error('no more responses');
        return next();
      },
      vendorError: () => ({}),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  };

  it('retries network failures, then answers', async () => {
    const sleeps: number[] = [];
    const res = await client(
      [
        () => {
          throw new TypeError('fetch failed');
        },
        () => Response.json({ ok: true }),
      ],
      sleeps,
    ).send('reading', { method: 'GET', url: 'https://x.test/' });

    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    expect(sleeps).toHaveLength(1);
  });

  it('waits as Retry-After says for a 429', async () => {
    const sleeps: number[] = [];
    await client(
      [() => new Response('', { status: 429, headers: { 'retry-after': '3' } }), () => new Response('')],
      sleeps,
    ).send('reading', { method: 'GET', url: 'https://x.test/' });

    expect(sleeps).toEqual([3000]);
  });

  it('does not sleep through a longer Retry-After: RATE_LIMITED with retryAfterMs, at once', async () => {
    const sleeps: number[] = [];
    const err = await rejection(
      client([() => new Response('', { status: 429, headers: { 'retry-after': '120' } })], sleeps).send(
        'reading',
        { method: 'GET', url: 'https://x.test/' },
      ),
    );

    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 120_000 });
    expect(sleeps).toEqual([]);
  });

  it('refreshes the token once on 401, without counting a retry', async () => {
    let issued = 0;
    const auth = new CachedToken(async () => ({ token: `t${++issued}`, expiresInSeconds: 3600 }));
    const seen: string[] = [];
    const http = new HttpClient({
      provider: 'test',
      policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
      fetch: async (_url, init) => {
        seen.push(new Headers(init?.headers).get('authorization') ?? '');
        return new Response('', { status: seen.length === 1 ? 401 : 200 });
      },
      vendorError: () => ({}),
    });

    const res = await http.send('reading', { method: 'GET', url: 'https://x.test/' }, auth);

    expect(res.status).toBe(200);
    expect(seen).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('refuses to follow redirects (they would carry the bearer token)', async () => {
    const inits: RequestInit[] = [];
    const http = new HttpClient({
      provider: 'test',
      policy: DEFAULT_RETRY_POLICY,
      fetch: async (_url, init) => {
        inits.push(init ?? {});
        return new Response('');
      },
      vendorError: () => ({}),
    });
    await http.send('reading', { method: 'GET', url: 'https://x.test/' });
    expect(inits[0]?.redirect).toBe('error');
  });
});

describe('withoutValue', () => {
  it('redacts a value a message mentions, and drops the cause', () => {
    const err = new DestinationError(
      'VALIDATION',
      'vendor said: bad value s3cr3t-value here',
      false,
      undefined,
      {
        cause: { body: 's3cr3t-value' },
      },
    );

    const safe = withoutValue(err, 's3cr3t-value');

    expect(safe).toMatchObject({ code: 'VALIDATION', message: 'vendor said: bad value [REDACTED] here' });
    expect(safe.cause).toBeUndefined();
  });

  it('passes an error that does not mention the value through unchanged', () => {
    const err = new DestinationError('UNAVAILABLE', 'HTTP 503', true);
    expect(withoutValue(err, 's3cr3t-value')).toBe(err);
  });
});
