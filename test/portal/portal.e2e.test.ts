import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildPortalIfStale } from '../../portal/scripts/build-if-stale.js';
import { getToken, noteTraffic, startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { GitHubStandIn } from '../standins/index.js';
import { assessScreen, openChromium, type PortalBrowser } from './chromium.js';

const EMAIL = 'admin@coffer.test';
const PASSWORD = 'portal-e2e-password-1234';
/**
 * Set by `npm run portal:screenshots` (docs/portal): where each main screen is saved. Unset in
 * ordinary runs, so a test run never rewrites tracked files.
 */
const SHOTS = process.env.COFFER_PORTAL_SCREENSHOTS
  ? resolve(process.env.COFFER_PORTAL_SCREENSHOTS)
  : undefined;
const CSRF = { 'x-coffer-csrf': '1' };

/** A .env file with everything dotenv users write: quotes, #, $, escapes and a multi-line key. */
const ENV_FILE = [
  '# database',
  'DB_URL="postgres://u:p@db:5432/app?ssl=true" # inline comment',
  "DB_PASSWORD='pa$$word#1'",
  'export API_KEY=abc123 # trailing',
  'GREETING="hello\\nworld $USER"',
  'TLS_KEY="-----BEGIN KEY-----',
  'line-two',
  '-----END KEY-----"',
  '9BAD=refused',
].join('\n');
const IMPORTED = {
  DB_URL: 'postgres://u:p@db:5432/app?ssl=true',
  DB_PASSWORD: 'pa$$word#1',
  API_KEY: 'abc123',
  GREETING: 'hello\nworld $USER',
  TLS_KEY: '-----BEGIN KEY-----\nline-two\n-----END KEY-----',
};

describe('the portal in Chromium against a real Coffer', () => {
  let t: TestCoffer;
  let b: PortalBrowser;
  let github: GitHubStandIn;
  let base: string;
  let project: string;
  /** A link of the project's navigation bar (other links on a screen may share its name). */
  const nav = (name: string) =>
    b.page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name, exact: true });
  const appPath = () => `/o/${t.org}/p/${project}/apps/web`;
  /**
   * A main screen is showing: nothing blocked by the CSP, web storage empty, axe clean (checked again
   * after each test), and its screenshot saved when asked for.
   */
  const screen = async (name: string) => {
    await assessScreen(b, name);
    if (SHOTS) await b.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  /**
   * The API as the signed-in browser calls it (its cookie, the CSRF header). Node's fetch rather
   * than Playwright's request context, which reuses sockets the server has already closed (flaky
   * ECONNRESET); undici honours the server's keep-alive timeout.
   */
  const asBrowser = async (path: string) => {
    const cookie = (await b.context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
    const r = await fetch(base + path, { headers: { ...CSRF, cookie } });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    await buildPortalIfStale();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
    github = new GitHubStandIn();
    await github.start();
    await github.addRepo('acme/web');
    t = await startTestCoffer({
      env: {
        COFFER_DEV_OIDC: 'true',
        COFFER_DEV_USER_EMAIL: EMAIL,
        COFFER_DEV_USER_PASSWORD: PASSWORD,
        COFFER_SYNC_ALLOW_HTTP: 'true',
        COFFER_PORTAL_DIR: fileURLToPath(new URL('../../portal/dist', import.meta.url)),
      },
    });
    base = t.coffer.url;
    project = t.project;
    b = await openChromium(base);
  }, 120_000);
  afterEach(async ({ task }) => {
    if (!b) return;
    // The steps build on each other; show where the page was when one failed.
    if (task.result?.state === 'fail')
      console.error(
        `${task.name}: the page at ${b.page.url()}\n${await b.page.locator('body').ariaSnapshot()}`,
      );
    await assessScreen(b, task.name);
  });
  afterAll(async () => {
    await b?.close();
    await github?.close();
    await t?.close();
  });

  it('signs in through the development provider and opens the project', async () => {
    const { page } = b;
    await page.goto(base + '/');
    const signIn = page.getByRole('link', { name: 'Sign in' });
    await signIn.waitFor();
    await screen('sign-in');
    await signIn.click();
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/o/${t.org}/p/${project}`);
    await page.getByRole('heading', { name: 'Project lock' }).waitFor();
    expect(await page.getByText(EMAIL).count()).toBe(1);
    await screen('overview');
  });

  it('creates an app', async () => {
    const { page } = b;
    await nav('Apps').click();
    await page.getByText('No apps yet').waitFor();
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByLabel('Name', { exact: true }).fill('web');
    await page.getByLabel('Description').fill('The web front end');
    await page.getByRole('dialog').getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('link', { name: 'web' }).waitFor();
    await screen('apps');
  });

  it('adds a secret, then more by .env import after reviewing them', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'web' }).click();
    await page.getByText('This app has no secrets yet').waitFor();
    await page.getByRole('button', { name: 'Add secret' }).click();
    await page.getByLabel('Name', { exact: true }).fill('SINGLE');
    await page.getByLabel('Value', { exact: true }).fill('one $value # kept');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'SINGLE' }).waitFor();

    await page.getByRole('button', { name: 'Import .env' }).click();
    await page.getByLabel('.env content').fill(ENV_FILE);
    await page.getByRole('button', { name: 'Review changes' }).click();
    const summary = page.getByRole('list', { name: 'Summary' });
    await summary.waitFor();
    expect(await summary.innerText()).toBe('Create: 5\nChange: 0\nUnchanged: 0\nRefused: 1');
    await screen('import-review');
    await page.getByRole('button', { name: 'Write 5 secrets' }).click();
    await page.getByText('Wrote 5 secrets.').waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).last().click();
    await page.getByRole('link', { name: 'TLS_KEY' }).waitFor();

    const opened = await asBrowser(
      `/secrets/2023-11-28/organizations/${t.org}/projects/${project}/apps/web/secrets:open`,
    );
    const values = Object.fromEntries(
      (opened.body.secrets as { name: string; static_version: { value: string } }[]).map((s) => [
        s.name,
        s.static_version.value,
      ]),
    );
    expect(values).toEqual({ ...IMPORTED, SINGLE: 'one $value # kept' });
  });

  it('reveals and copies a value, and hides values again on navigation', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Reveal DB_PASSWORD' }).click();
    await page.getByText('pa$$word#1').waitFor();
    await page.getByRole('button', { name: 'Copy GREETING' }).click();
    await page.getByText('Copied the value of GREETING.', { exact: true }).last().waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('hello\nworld $USER');
    await screen('secrets');
    expect(page.url()).not.toContain('pa$$word');
    await nav('Apps').click();
    await page.getByRole('link', { name: 'web' }).click();
    await page.getByRole('button', { name: 'Reveal DB_PASSWORD' }).waitFor();
    expect(await page.getByText('pa$$word#1').count()).toBe(0);
  });

  it('edits a value into a new version and restores the old one', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Edit API_KEY' }).click();
    await page.getByLabel('Value', { exact: true }).fill('rotated-456');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'API_KEY' }) });
    await row.getByRole('cell', { name: '2', exact: true }).waitFor();

    await page.getByRole('link', { name: 'API_KEY' }).click();
    await page.getByRole('heading', { name: 'History of API_KEY' }).waitFor();
    await page.getByLabel('Select version 1').check();
    await page.getByLabel('Select version 2').check();
    await page.getByRole('button', { name: 'Compare selected versions' }).click();
    await page.getByText('- abc123').waitFor();
    await page.getByText('+ rotated-456').waitFor();
    await screen('history');
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('button', { name: 'Restore version 2' }).waitFor();

    const latest = await asBrowser(
      `/secrets/2023-11-28/organizations/${t.org}/projects/${project}/apps/web/secrets/API_KEY:open`,
    );
    const secret = latest.body.secret as { static_version: { version: unknown; value: string } };
    expect(String(secret.static_version.version)).toBe('3');
    expect(secret.static_version.value).toBe('abc123');
  });

  it('connects a sync to a destination and shows its status', async () => {
    const { page } = b;
    await nav('Syncs').click();
    await page.getByText('No integrations.').waitFor();
    await page.getByRole('button', { name: 'Add integration' }).click();
    await page.getByLabel('Name', { exact: true }).fill('gh-acme');
    await page.getByLabel('Token').fill(github.authToken);
    await page.getByLabel('API base URL').fill(github.url);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /gh-acme GitHub Actions/ }).waitFor();
    await page.getByRole('button', { name: 'Add sync' }).click();
    await page.getByLabel('Name', { exact: true }).fill('web-prod');
    await page.getByLabel('Scope').selectOption('repository');
    await page.getByLabel('Owner').fill('acme');
    await page.getByRole('textbox', { name: 'Repository (optional)' }).fill('web');
    await page.getByRole('button', { name: 'Create sync' }).click();
    await page.getByRole('row', { name: /web-prod/ }).waitFor();
    await screen('syncs');

    await page.goto(base + appPath());
    await page.getByLabel('Connect a sync').selectOption('web-prod');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('button', { name: 'Dry run web-prod' }).click();
    await page.getByText('+ create').first().waitFor();
    expect(await page.getByRole('list', { name: 'Planned changes' }).innerText()).not.toContain('abc123');
    await screen('sync-plan');
    await page.getByRole('dialog').getByRole('button', { name: 'Run now' }).click();
    await t.coffer.syncQueue.idle();
    await page.reload();
    await expect
      .poll(() => Object.keys(github.secrets('acme/web')).sort())
      .toEqual(['API_KEY', 'DB_PASSWORD', 'DB_URL', 'GREETING', 'SINGLE', 'TLS_KEY']);
    const syncRow = page
      .getByRole('table', { name: 'Syncs fed by this app' })
      .getByRole('row', { name: /web-prod/ });
    expect(await syncRow.getByRole('cell').first().innerText()).toBe('SYNCED');
    const secretRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'TLS_KEY' }) });
    expect(await secretRow.getByText('web-prod: SYNCED').count()).toBe(1);
  });

  it('grants a role on the project', async () => {
    const { page } = b;
    await nav('Access').click();
    await page.getByRole('heading', { name: 'Role grants' }).waitFor();
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('roles/viewer');
    await page.getByLabel('Member id').fill('new.viewer@coffer.test');
    await page.getByRole('button', { name: 'Grant role' }).click();
    await page.getByRole('row', { name: /viewer new\.viewer@coffer\.test/ }).waitFor();
    await screen('access');
    const policy = await asBrowser(`/resource-manager/2019-12-10/projects/${project}/iam-policy`);
    expect(JSON.stringify(policy.body)).toContain('new.viewer@coffer.test');
  });

  it('creates a service principal key whose secret is shown once, and the key works', async () => {
    const { page } = b;
    await page.getByLabel('New service principal name').fill('ci-deploy');
    await page.getByRole('button', { name: 'Create service principal' }).click();
    await page.getByRole('button', { name: 'Keys and providers of ci-deploy' }).click();
    await page.getByText('No keys.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('dialog', { name: 'New key: copy the secret now' });
    await shown.getByRole('button', { name: 'Copy secret' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    const secret = (await page.evaluate('navigator.clipboard.readText()')) as string;
    const clientId = await shown.locator('code').first().innerText();
    noteTraffic(base, { secrets: [secret] });
    await shown.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('listitem').filter({ hasText: clientId }).waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
    expect(await getToken(base, clientId, secret)).toMatch(/\S{20,}/);
  });

  it('locks the project, sees writes refused with the API message, and unlocks it', async () => {
    const { page } = b;
    await nav('Overview').click();
    await page.getByRole('button', { name: 'Lock project' }).click();
    await page.getByLabel('Reason').fill('rotating a leaked key');
    await page.getByLabel('Type lock to confirm').fill('lock');
    await page.getByRole('dialog').getByRole('button', { name: 'Lock project' }).click();
    await page.getByText('Locked: rotating a leaked key.', { exact: false }).waitFor();

    await page.goto(base + appPath());
    await page.getByRole('button', { name: 'Add secret' }).click();
    await page.getByLabel('Name', { exact: true }).fill('REFUSED');
    await page.getByLabel('Value', { exact: true }).fill('x');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('dialog').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/lock/i);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await nav('Overview').click();
    await page.getByRole('button', { name: 'Unlock project' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unlock project' }).click();
    await page.getByRole('button', { name: 'Lock project' }).waitFor();
  });

  it('reads the audit trail with a filter', async () => {
    const { page } = b;
    await nav('Audit').click();
    await page.getByRole('table').waitFor();
    await page.getByLabel('Operation').fill('OpenAppSecret');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The unfiltered page stays up until the filtered one arrives.
    await expect
      .poll(async () => new Set(await page.getByRole('rowheader').allInnerTexts()))
      .toEqual(new Set(['OpenAppSecret']));
    await screen('audit');
  });

  it('pages through an app of 1,000 secrets and finds one by search', async () => {
    const { page } = b;
    // Prepare: written through the API (ten batches of 100), as a migration would.
    expect((await t.api('POST', `${t.P}/apps`, { name: 'big' })).status).toBe(200);
    for (let batch = 0; batch < 10; batch++) {
      const secrets = Array.from({ length: 100 }, (_, i) => ({
        name: `KEY_${String(batch * 100 + i).padStart(4, '0')}`,
        value: `big-value-${batch * 100 + i}`,
      }));
      expect((await t.api('POST', `${t.P}/apps/big/secret/kv:batch`, { secrets })).status).toBe(200);
    }
    const table = page.getByRole('table', { name: 'Secrets of big' });
    const pager = page.getByRole('navigation', { name: 'Secrets pages' });

    // Act, assess: 50 rows a page, 20 pages, search over all 1,000 names.
    await page.goto(`${base}/o/${t.org}/p/${project}/apps/big`);
    await page.getByText('1000 secrets.').waitFor();
    expect(await table.getByRole('rowheader').count()).toBe(50);
    expect(await pager.getByText('Page 1 of 20').count()).toBe(1);
    await pager.getByRole('button', { name: 'Next' }).click();
    expect(await table.getByRole('rowheader').first().innerText()).toBe('KEY_0050');
    await page.getByLabel('Search secrets').fill('KEY_0999');
    await expect.poll(() => table.getByRole('rowheader').allInnerTexts()).toEqual(['KEY_0999']);
    await assessScreen(b, 'secrets of a large app');
  });

  it('signs out, after which the API refuses the old cookie', async () => {
    const { page, context } = b;
    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name.endsWith('coffer_session'));
    expect(session).toBeDefined();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Coffer's session ends first; then the development provider asks whether to end its own too,
    // and sends the browser back to the portal's start page.
    await page.waitForURL((u) => u.pathname.startsWith('/dev-oidc/'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    const r = await fetch(`${base}/secrets/2023-11-28/organizations/${t.org}/projects/${project}/apps`, {
      headers: { ...CSRF, cookie: `${session!.name}=${session!.value}` },
    });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { details: { reason: string }[] }).details[0]!.reason).toBe(
      'SESSION_EXPIRED',
    );
  });

  it('never wrote a secret value to the console or into a URL', async () => {
    // Every value these tests typed, imported or revealed, line by line (a multi-line value could be
    // logged one line at a time). The check can fail: the portal's own console output is collected.
    const values = [...Object.values(IMPORTED), 'one $value # kept', 'rotated-456'].flatMap((v) =>
      v.split('\n'),
    );
    const leaks = values.filter(
      (v) =>
        b.consoleLines.some((l) => l.includes(v)) || b.urls.some((u) => decodeURIComponent(u).includes(v)),
    );
    expect(b.urls.length).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
  });
});
