import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { CSRF, loginAtProvider, openLoginForm, signIn } from './flow.js';

const EMAIL = 'dev.person@example.test';
const PASSWORD = 'correct horse battery staple';
const reason = (body: Record<string, unknown>) =>
  (body.details as { reason?: string }[] | undefined)?.[0]?.reason;

describe('a person signs in through the browser flow (BFF) against the development provider', () => {
  let t: TestCoffer;
  let base: string;
  beforeAll(async () => {
    t = await startTestCoffer({
      env: {
        COFFER_DEV_OIDC: 'true',
        COFFER_DEV_USER_EMAIL: EMAIL,
        COFFER_DEV_USER_PASSWORD: PASSWORD,
        COFFER_SESSION_TOUCH_SECONDS: '0',
      },
    });
    base = t.coffer.url;
  });
  afterAll(() => t.close());

  const json = async (b: Browser, path: string, init: Parameters<Browser['fetch']>[1] = {}) => {
    const page = await b.fetch(base + path, init);
    return {
      status: page.status,
      body: JSON.parse(page.text || '{}') as Record<string, unknown>,
      headers: page.headers,
    };
  };

  it('logs in with the dev user and gets an HttpOnly, SameSite=Strict session cookie and its return path', async () => {
    const b = new Browser();
    const callback = await loginAtProvider(b, await openLoginForm(b, base, '/apps?tab=1'), EMAIL, PASSWORD);
    const done = await b.fetch(callback);

    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/apps?tab=1');
    const setCookie = done.headers.getSetCookie().find((c) => c.startsWith('coffer_session='));
    expect(setCookie).toMatch(
      /^coffer_session=usr_[A-Za-z0-9_-]{26}\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
  });

  it('describes the session: who, which organizations and projects, when it ends', async () => {
    const b = new Browser();
    await signIn(b, base, EMAIL, PASSWORD);
    const before = Date.now();

    const res = await json(b, '/auth/session', { headers: CSRF });
    const after = Date.now();

    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: expect.stringMatching(/^usr_/), name: EMAIL, email: EMAIL });
    expect(res.body.organizations).toEqual([
      {
        id: t.org,
        name: 'default',
        roles: ['admin'],
        projects: [{ id: t.project, name: 'default', roles: ['admin'] }],
      },
    ]);
    const session = res.body.session as Record<string, string | number>;
    expect(session.idle_timeout_seconds).toBe(1800);
    expect(Date.parse(String(session.expires_at)) - before).toBeGreaterThan(1790_000);
    expect(Date.parse(String(session.expires_at)) - after).toBeLessThanOrEqual(1800_000);
    expect(Date.parse(String(session.absolute_expires_at)) - before).toBeGreaterThan(43_190_000);
  });

  it('calls the API with the cookie and the CSRF header, with the same authorization and audit as a bearer caller', async () => {
    const b = new Browser();
    await signIn(b, base, EMAIL, PASSWORD);

    const created = await json(b, `${t.P}/apps`, {
      method: 'POST',
      headers: { ...CSRF, 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ name: 'from-browser' }),
    });
    const foreign = await t.newTenant('foreign');
    const elsewhere = await json(b, `${foreign.P}/apps`, { headers: CSRF });

    expect(created.status).toBe(200);
    expect((created.body.app as { created_by: { name: string } }).created_by.name).toBe(EMAIL);
    expect(elsewhere.status).toBe(404);
    const events = await t.auditEvents();
    const event = events.find((e) => e.request_id === created.headers.get('x-request-id'));
    expect(event).toMatchObject({
      operation: 'CreateApp',
      outcome: 200,
      principal: { id: expect.stringMatching(/^usr_/), type: 'USER', name: EMAIL },
    });
  });

  it.each([
    ['no CSRF header', {}],
    ['a CSRF header with another value', { 'x-coffer-csrf': 'yes' }],
    ['a foreign Origin', { ...CSRF, origin: 'https://evil.example' }],
    ['a cross-site fetch without Origin', { ...CSRF, 'sec-fetch-site': 'cross-site' }],
  ])(
    'refuses a cookie request with %s (403 CSRF_CHECK_FAILED) and changes nothing',
    async (_name, headers) => {
      const b = new Browser();
      await signIn(b, base, EMAIL, PASSWORD);
      const state = await t.state();

      const res = await json(b, `${t.P}/apps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'forged' }),
      });

      expect(res.status).toBe(403);
      expect(reason(res.body)).toBe('CSRF_CHECK_FAILED');
      expect(await t.state()).toBe(state);
    },
  );

  it('logs out: the old cookie is refused with 401 SESSION_EXPIRED, and the provider logout URL is given', async () => {
    const b = new Browser();
    await signIn(b, base, EMAIL, PASSWORD);
    const cookie = `coffer_session=${await b.cookie(base, 'coffer_session')}`;

    const out = await json(b, '/auth/logout', { method: 'POST', headers: CSRF });
    const after = await fetch(`${base}/auth/session`, { headers: { ...CSRF, cookie } });
    const api = await fetch(`${base}${t.P}/apps`, { headers: { ...CSRF, cookie } });

    expect(out.status).toBe(200);
    expect(String(out.body.logout_url)).toMatch(new RegExp(`^${base}/dev-oidc/session/end\\?`));
    expect(new URL(String(out.body.logout_url)).searchParams.get('client_id')).toBe('coffer-web');
    expect(await b.cookie(base, 'coffer_session')).toBeUndefined();
    expect(after.status).toBe(401);
    expect(reason((await after.json()) as Record<string, unknown>)).toBe('SESSION_EXPIRED');
    expect(api.status).toBe(401);
    expect(reason((await api.json()) as Record<string, unknown>)).toBe('SESSION_EXPIRED');
  });

  it.each([
    ['a changed secret', (v: string) => v.slice(0, -1) + (v.endsWith('A') ? 'B' : 'A')],
    ['another user id', (v: string) => `usr_${'A'.repeat(26)}${v.slice(30)}`],
    ['a truncated value', (v: string) => v.slice(0, 40)],
  ])('refuses a tampered cookie (%s) with 401 SESSION_EXPIRED', async (_name, tamper) => {
    const b = new Browser();
    await signIn(b, base, EMAIL, PASSWORD);
    const value = (await b.cookie(base, 'coffer_session')) as string;

    const res = await fetch(`${base}${t.P}/apps`, {
      headers: { ...CSRF, cookie: `coffer_session=${tamper(value)}` },
    });

    expect(res.status).toBe(401);
    expect(reason((await res.json()) as Record<string, unknown>)).toBe('SESSION_EXPIRED');
  });

  it('refuses a replayed authorization code (401 LOGIN_FAILED) and creates no second session', async () => {
    const b = new Browser();
    const callback = await loginAtProvider(b, await openLoginForm(b, base), EMAIL, PASSWORD);
    const loginCookie = (await b.cookie(base, 'coffer_login')) as string;
    expect((await b.fetch(callback)).status).toBe(302);
    const sessions = (await t.rawItems()).filter((i) => i.kind === 'session').length;

    const replay = await fetch(callback, {
      redirect: 'manual',
      headers: { cookie: `coffer_login=${loginCookie}` },
    });

    expect(replay.status).toBe(401);
    expect(reason((await replay.json()) as Record<string, unknown>)).toBe('LOGIN_FAILED');
    expect((await t.rawItems()).filter((i) => i.kind === 'session').length).toBe(sessions);
  });

  it.each([
    ['a wrong state', (u: URL) => u.searchParams.set('state', 'x'.repeat(43))],
    ['no state', (u: URL) => u.searchParams.delete('state')],
    ['a wrong code', (u: URL) => u.searchParams.set('code', 'forged-code')],
  ])(
    'refuses a callback with %s (401 LOGIN_FAILED), and the sign-in cannot be retried',
    async (_name, change) => {
      const b = new Browser();
      const callback = new URL(await loginAtProvider(b, await openLoginForm(b, base), EMAIL, PASSWORD));
      const genuine = callback.toString();
      change(callback);

      const forged = await b.fetch(callback.toString());
      const retried = await b.fetch(genuine);

      expect(forged.status).toBe(401);
      expect(reason(JSON.parse(forged.text) as Record<string, unknown>)).toBe('LOGIN_FAILED');
      expect(retried.status).toBe(401);
      expect(await b.cookie(base, 'coffer_session')).toBeUndefined();
    },
  );

  it('refuses a callback in a browser that did not start the sign-in (no login cookie)', async () => {
    const b = new Browser();
    const callback = await loginAtProvider(b, await openLoginForm(b, base), EMAIL, PASSWORD);

    const res = await new Browser().fetch(callback);

    expect(res.status).toBe(401);
    expect(reason(JSON.parse(res.text) as Record<string, unknown>)).toBe('LOGIN_FAILED');
  });

  it.each([['//evil.example/x'], ['https://evil.example/'], ['/\\evil.example'], ['relative']])(
    'refuses return_to=%s with 400',
    async (returnTo) => {
      const res = await fetch(`${base}/auth/login?return_to=${encodeURIComponent(returnTo)}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(400);
    },
  );

  it('shows the login form again on a wrong password and issues no code', async () => {
    const b = new Browser();
    const form = await openLoginForm(b, base);

    const res = await b.submit(form, { email: EMAIL, password: 'wrong password!' });

    expect(res.status).toBe(401);
    expect(res.text).toContain('Wrong e-mail or password.');
  });

  it('answers 401 UNAUTHENTICATED to /auth/session without a cookie', async () => {
    const res = await fetch(`${base}/auth/session`, { headers: CSRF });
    expect(res.status).toBe(401);
    expect(reason((await res.json()) as Record<string, unknown>)).toBe('UNAUTHENTICATED');
  });
});
