import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

// A stand-in build: the real one is exercised by the browser tests (test/portal/e2e).
const INDEX = '<!doctype html><title>portal</title><script type="module" src="/assets/app-1.js"></script>';
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
  "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

describe('the local process serves the built portal at / on the API origin', () => {
  let t: TestCoffer;
  beforeAll(async () => {
    const dist = await mkdtemp(join(tmpdir(), 'coffer-portal-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
    t = await startTestCoffer({ env: { COFFER_PORTAL_DIR: dist } });
  });
  afterAll(() => t.close());

  it.each([
    ['/', 'text/html; charset=utf-8', 'no-cache', INDEX],
    ['/o/org/p/project/apps/web', 'text/html; charset=utf-8', 'no-cache', INDEX],
    [
      '/assets/app-1.js',
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
      'console.log(1)',
    ],
  ])('GET %s is the portal with its security headers', async (path, type, cache, body) => {
    // act
    const r = await fetch(t.coffer.url + path);
    // assess
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(body);
    expect(r.headers.get('content-type')).toBe(type);
    expect(r.headers.get('cache-control')).toBe(cache);
    expect(r.headers.get('content-security-policy')).toBe(CSP);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends one Strict-Transport-Security for the whole origin, on the portal and the API alike', async () => {
    const portal = await fetch(t.coffer.url + '/');
    const api = await fetch(t.coffer.url + '/secrets/2023-11-28/organizations/x/projects/y/apps');
    expect([
      portal.headers.get('strict-transport-security'),
      api.headers.get('strict-transport-security'),
    ]).toEqual(['max-age=63072000; includeSubDomains', 'max-age=63072000; includeSubDomains']);
  });

  it.each([
    ['/healthz', 200],
    ['/openapi.json', 200],
    ['/assets/missing-2.js', 404],
    ['/favicon.ico', 404],
    ['/secrets/2023-11-28/organizations/x/projects/y/apps', 401],
    ['/2023-11-28/secrets/project/y/app/web/secret/S:open', 401],
    ['/v1/secret/data/web', 403], // Vault's answer without a token
    ['/auth/session', 404],
  ])('GET %s is not answered with the portal page', async (path, status) => {
    const r = await fetch(t.coffer.url + path);
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).not.toContain('text/html');
  });

  it('a POST to a portal path reaches the API, not the page', async () => {
    const r = await fetch(`${t.coffer.url}/o/org`, { method: 'POST' });
    expect(r.status).toBe(404);
    expect(((await r.json()) as { message: string }).message).toBe('no route for POST /o/org');
  });
});

describe('without a built portal', () => {
  it('the process serves the API only', async () => {
    const t = await startTestCoffer({ env: { COFFER_PORTAL_DIR: join(tmpdir(), 'no-such-portal-dir') } });
    try {
      const r = await fetch(`${t.coffer.url}/`);
      expect(r.status).toBe(404);
      expect(t.coffer.portalServed).toBe(false);
    } finally {
      await t.close();
    }
  });
});
