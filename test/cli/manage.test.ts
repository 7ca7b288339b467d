import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { buildCli, coffer, newUser } from './cli.js';

/** apps, audit and syncs from the terminal, and `npx coffer` from a clone of the repository. */
const CLIENT_ID = 'test-bootstrap-client';
const CLIENT_SECRET = `cli-manage-secret-${randomUUID()}`;
const REPO = fileURLToPath(new URL('../../', import.meta.url));

let server: TestCoffer;
let env: Record<string, string>;

beforeAll(async () => {
  buildCli();
  server = await startTestCoffer({ env: { COFFER_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET } });
  env = await newUser(server.coffer.url);
  const login = await coffer(['login', '--client-id', CLIENT_ID], { env, input: CLIENT_SECRET });
  expect(login.code, login.stderr).toBe(0);
});
afterAll(async () => {
  await server?.close();
});

const json = async (args: string[]) => {
  const r = await coffer([...args, '-o', 'json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe('apps, audit and syncs', () => {
  it('creates an app, lists it with its secret count, and purges it with --yes', async () => {
    // prepare
    await coffer(['apps', 'create', 'manage-a', '--description', 'for the test'], { env });
    await coffer(['secrets', 'set', 'ONE', '--app', 'manage-a'], { env, input: 'one\n' });
    // act
    const listed = await json(['apps', 'list']);
    const refused = await coffer(['apps', 'delete', 'manage-a', '--purge'], { env });
    const deleted = await coffer(['apps', 'delete', 'manage-a', '--purge', '--yes'], { env });
    const after = await json(['apps', 'list']);
    // assess
    expect(listed.apps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'manage-a', description: 'for the test', secret_count: 1 }),
      ]),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((after.apps as { name: string }[]).map((a) => a.name)).not.toContain('manage-a');
  });

  it('refuses a value on the command line, without echoing it, and stores nothing', async () => {
    // prepare
    await coffer(['apps', 'create', 'manage-argv'], { env });
    // act
    const r = await coffer(['secrets', 'set', 'TYPED', 'hunter2-on-argv', '--app', 'manage-argv'], { env });
    const listed = await json(['secrets', 'list', '--app', 'manage-argv']);
    // assess
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no value on the command line');
    expect(r.stderr).toContain('printf %s "$VALUE" | coffer secrets set TYPED');
    expect(r.stderr).not.toContain('hunter2-on-argv');
    expect(listed.secrets).toEqual([]);
  });

  it('audit list shows what the CLI did, by whom, filtered by operation', async () => {
    // prepare
    await coffer(['apps', 'create', 'manage-audited'], { env });
    // act
    const out = await json(['audit', 'list', '--since', '1h', '--operation', 'CreateApp']);
    // assess
    const events = out.events as { operation: string; outcome: number; principal: { name: string } }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.operation === 'CreateApp')).toBe(true);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          outcome: 200,
          principal: expect.objectContaining({ name: 'bootstrap-admin' }),
        }),
      ]),
    );
  });

  it('syncs list on an app without syncs prints an empty list', async () => {
    // prepare
    await coffer(['apps', 'create', 'manage-unsynced'], { env });
    // act
    const out = await json(['syncs', 'list', '--app', 'manage-unsynced']);
    // assess
    expect(out.syncs).toEqual([]);
  });
});

describe('npx coffer', () => {
  it('runs the workspace binary from the repository root', async () => {
    // act
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'coffer', '--version'], {
      cwd: REPO,
      env: { ...env, npm_config_update_notifier: 'false' },
    });
    // assess
    expect(stdout.trim()).toBe('0.1.0');
  });
});
