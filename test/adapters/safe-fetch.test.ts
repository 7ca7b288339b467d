import type * as Dns from 'node:dns';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSafeFetch } from '../../shared/adapters/http/safe-fetch.js';

// `rebind.example` resolves to loopback, as a DNS-rebinding name would at connect time; every other
// name resolves as usual. (This machine's resolver cannot be told so.)
vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof Dns>();
  const lookup = (host: string, options: object, callback: (...args: unknown[]) => void) =>
    host === 'rebind.example'
      ? callback(null, [{ address: '127.0.0.1', family: 4 }])
      : real.lookup(host, options as never, callback as never);
  return { ...real, default: { ...real, lookup }, lookup };
});

/**
 * The outbound fetch that destination clients and workload-issuer discovery use (issue 9, item 5).
 * What the API tests cannot reach: it behaves as fetch does for what clients send and read, and it
 * keeps its limits (no redirect followed, a size cap, a timeout), against a local server.
 */
describe('the SSRF-checking fetch', () => {
  let server: Server;
  let base = '';
  const seen: { method: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/echo': (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-many', ['a', 'b']);
      res.end(JSON.stringify({ ok: true }));
    },
    '/redirect': (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'http://169.254.169.254/latest/meta-data/');
      res.end();
    },
    '/big': (_req, res) => res.end(Buffer.alloc(2048, 'x')),
    '/gzip': (_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync(Buffer.from('{"compressed":"yes"}')));
    },
    '/slow': () => undefined, // never answers
    '/empty': (_req, res) => {
      res.statusCode = 204;
      res.end();
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
        (routes[req.url ?? ''] ?? routes['/echo'])?.(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const local = createSafeFetch({ allowLoopbackHttp: true, maxResponseBytes: 1024, timeoutMs: 500 });

  it('sends the method, headers and body a client gives, and hands back status, headers and body', async () => {
    const res = await local(`${base}/echo`, {
      method: 'PUT',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ value: 'v' }),
    });
    expect({
      status: res.status,
      type: res.headers.get('content-type'),
      many: res.headers.get('x-many'),
      url: res.url,
      body: (await res.json()) as unknown,
    }).toEqual({
      status: 200,
      type: 'application/json',
      many: 'a, b',
      url: `${base}/echo`,
      body: { ok: true },
    });
    expect(seen.at(-1)).toMatchObject({
      method: 'PUT',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json', 'content-length': '13' },
      body: '{"value":"v"}',
    });
  });

  it('sends a form body as fetch would (URLSearchParams)', async () => {
    await local(`${base}/echo`, { method: 'POST', body: new URLSearchParams({ a: '1', b: 'x y' }) });
    expect(seen.at(-1)).toMatchObject({
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: 'a=1&b=x+y',
    });
  });

  it('hands a redirect back unfollowed, since its target was never checked', async () => {
    const before = seen.length;
    const res = await local(`${base}/redirect`);
    expect({
      status: res.status,
      location: res.headers.get('location'),
      requests: seen.length - before,
    }).toEqual({ status: 302, location: 'http://169.254.169.254/latest/meta-data/', requests: 1 });
  });

  it('decodes a gzip body, as fetch does', async () => {
    const res = await local(`${base}/gzip`);
    expect({ encoding: res.headers.get('content-encoding'), body: await res.text() }).toEqual({
      encoding: null,
      body: '{"compressed":"yes"}',
    });
  });

  it('answers 204 with no body', async () => {
    const res = await local(`${base}/empty`);
    expect({ status: res.status, body: await res.text() }).toEqual({ status: 204, body: '' });
  });

  it.each([
    ['a body past the size limit', '/big', /larger than 1024 bytes/],
    ['a server that never answers (timeout)', '/slow', /abort|timeout/i],
  ])('refuses %s', async (_label, path, message) => {
    await expect(local(`${base}${path}`)).rejects.toThrow(message);
  });

  it.each([
    ['plain http when loopback is not allowed', { allowLoopbackHttp: false }, () => `${base}/echo`],
    ['https to a loopback address', { allowLoopbackHttp: false }, () => 'https://127.0.0.1:1/'],
    [
      'a name that resolves to loopback at connect time',
      { allowLoopbackHttp: false },
      () => 'https://rebind.example:1/',
    ],
  ])('refuses %s without sending anything', async (_label, policy, url) => {
    const before = seen.length;
    await expect(createSafeFetch(policy)(url())).rejects.toThrow(/must use https|refused address|loopback/);
    expect(seen.length).toBe(before);
  });
});
