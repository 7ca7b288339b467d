import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { buildCli, coffer, newUser, start, type CliRun } from './cli.js';

/**
 * A person's `coffer login` (authorization code + PKCE over a loopback redirect, RFC 7636 / 8252)
 * against the development identity provider that `npm start` embeds, driven over HTTP as a browser
 * would: open the address the CLI prints, submit the provider's login form, follow the redirect to
 * the CLI's loopback port.
 */
const EMAIL = 'cli.person@example.test';
const PASSWORD = 'correct horse battery staple';
const SIGN_IN_ADDRESS = /Open this address to sign in:\s+(http\S+)/;

let server: TestCoffer;
let base: string;

beforeAll(async () => {
  buildCli();
  server = await startTestCoffer({
    env: { COFFER_DEV_OIDC: 'true', COFFER_DEV_USER_EMAIL: EMAIL, COFFER_DEV_USER_PASSWORD: PASSWORD },
  });
  base = server.coffer.url;
});
afterAll(async () => {
  await server?.close();
});

/** Starts `coffer login --no-browser` and returns the sign-in address it prints. */
const startLogin = async (env: Record<string, string>): Promise<{ run: CliRun; address: URL }> => {
  const run = start(['login', '--no-browser'], { env });
  const [, address] = await run.waitForStderr(SIGN_IN_ADDRESS);
  return { run, address: new URL(address as string) };
};

/** The browser's part: the provider's login form, then the hop to the CLI's loopback (not followed). */
const signInAtProvider = async (b: Browser, address: URL): Promise<string> => {
  const form = await b.navigate(address.toString());
  expect(form.text).toContain('Local development sign-in');
  const hop = await b.submit(
    form,
    { email: EMAIL, password: PASSWORD },
    (next) => new URL(next).pathname === '/callback',
  );
  expect(hop.status, hop.text.slice(0, 300)).toBe(0);
  return hop.url;
};

/** A form's hidden inputs, as a browser would submit them. */
const hiddenFields = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [
      m[1] as string,
      m[2] as string,
    ]),
  );

const credentialsFile = (env: Record<string, string>) =>
  join(env.HOME as string, '.config', 'coffer', 'credentials.json');

describe('a person signs in with coffer login (PKCE, loopback redirect)', () => {
  it('asks the provider Coffer names for a code with PKCE S256, to a loopback port, for the coffer-cli client', async () => {
    // prepare
    const user = await newUser(base);
    // act
    const { run, address } = await startLogin(user);
    run.child.kill('SIGTERM');
    await run.done;
    // assess
    const q = address.searchParams;
    expect(`${address.origin}${address.pathname}`).toBe(`${base}/dev-oidc/auth`);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('coffer-cli');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(q.get('scope')?.split(' ').sort()).toEqual(['coffer', 'email', 'offline_access', 'openid']);
    expect(q.get('prompt')).toBe('consent');
  });

  it('signs in through the browser, keeps the credentials 0600, and whoami shows the person', async () => {
    // prepare
    const user = await newUser(base);
    const { run, address } = await startLogin(user);
    // act
    const callback = await signInAtProvider(new Browser(), address);
    const landing = await fetch(callback);
    const login = await run.done;
    const who = await coffer(['whoami', '-o', 'json'], { env: user });
    // assess
    expect(new URL(callback).origin).toBe(new URL(address.searchParams.get('redirect_uri') as string).origin);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('Signed in to Coffer');
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain(`Signed in to ${base} as ${EMAIL} (principal_type_user).`);
    expect((await stat(credentialsFile(user))).mode & 0o777).toBe(0o600);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({
      principal: { type: 'PRINCIPAL_TYPE_USER', user: { full_name: EMAIL, email: EMAIL } },
      via: 'coffer login',
    });
  });

  it('acts as the person: an app it creates is created by them', async () => {
    // prepare
    const user = await newUser(base);
    const { run, address } = await startLogin(user);
    await fetch(await signInAtProvider(new Browser(), address));
    expect((await run.done).code).toBe(0);
    // act
    const created = await coffer(['apps', 'create', 'from-a-person', '-o', 'json'], { env: user });
    // assess
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout).app).toMatchObject({
      name: 'from-a-person',
      created_by: { name: EMAIL },
    });
  });

  it('renews an expired access token with the refresh token, without the browser', async () => {
    // prepare: signed in, then the stored access token is made to look expired
    const user = await newUser(base);
    const { run, address } = await startLogin(user);
    await fetch(await signInAtProvider(new Browser(), address));
    expect((await run.done).code).toBe(0);
    const file = credentialsFile(user);
    const all = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    const [account, raw] = Object.entries(all)[0] as [string, string];
    const creds = JSON.parse(raw) as { refresh_token?: string; token: { expires_at: number } };
    expect(creds.refresh_token).toEqual(expect.any(String));
    creds.token.expires_at = Date.now() - 1000;
    await writeFile(file, JSON.stringify({ [account]: JSON.stringify(creds) }), { mode: 0o600 });
    // act
    const who = await coffer(['whoami', '-o', 'json'], { env: user });
    // assess
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout).principal.user.email).toBe(EMAIL);
    const renewed = JSON.parse(
      (JSON.parse(await readFile(file, 'utf8')) as Record<string, string>)[account] as string,
    ) as { token: { expires_at: number } };
    expect(renewed.token.expires_at).toBeGreaterThan(Date.now() + 60_000);
  });

  it('refuses an answer at the loopback port that does not carry its state, and stores nothing', async () => {
    // prepare
    const user = await newUser(base);
    const { run, address } = await startLogin(user);
    const redirect = address.searchParams.get('redirect_uri') as string;
    // act
    const forged = await fetch(`${redirect}?code=attacker-code&state=not-the-state`);
    const login = await run.done;
    // assess
    expect(forged.status).toBe(400);
    expect(login.code).toBe(77);
    expect(login.stderr).toContain('does not match this login (state)');
    await expect(stat(credentialsFile(user))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('signs in with the device flow: the code is confirmed in a browser elsewhere while the CLI polls', async () => {
    // prepare
    const user = await newUser(base);
    const run = start(['login', '--device'], { env: user });
    const [, address, code] = await run.waitForStderr(/Open (http\S+) and enter the code (\S+)/);
    const b = new Browser();
    // act: the provider's own pages (auto-submitted code, confirmation), then its login form
    let page = await b.navigate(address as string);
    for (let step = 0; step < 4 && page.text.includes('<form'); step++) {
      const fields: Record<string, string> = page.text.includes('name="password"')
        ? { email: EMAIL, password: PASSWORD }
        : { ...hiddenFields(page.text), ...(page.text.includes('name="confirm"') ? { confirm: 'yes' } : {}) };
      page = await b.submit(page, fields);
    }
    const login = await run.done;
    const who = await coffer(['whoami', '-o', 'json'], { env: user });
    // assess
    expect(new URL(address as string).searchParams.get('user_code')).toBe(code);
    expect(page.text).toContain('Sign-in Success');
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(who.stdout).principal.user.email).toBe(EMAIL);
  });

  it.each([
    ['in CI', { CI: 'true' }, ['login'], 'a person cannot sign in from CI'],
    ['pasting the address without a terminal', {}, ['login', '--paste'], 'needs a terminal'],
  ])('refuses at once %s, and says what scripts use instead', async (_name, extra, args, message) => {
    // prepare
    const user = { ...(await newUser(base)), ...extra };
    // act
    const login = await coffer(args, { env: user });
    // assess
    expect(login.code).toBe(2);
    expect(login.stderr).toContain(message);
    expect(login.stderr).toContain('--client-id');
  });
});
