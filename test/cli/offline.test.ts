import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { buildCli, coffer, newUser, printEnv } from './cli.js';

const CLIENT_SECRET = `cli-offline-secret-${randomUUID()}`;
const VALUE = `offline-value-${randomUUID()}`;

let server: TestCoffer | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  buildCli();
  server = await startTestCoffer({ env: { COFFER_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET } });
  env = await newUser(server.coffer.url);
  expect(
    (await coffer(['login', '--client-id', 'test-bootstrap-client'], { env, input: CLIENT_SECRET })).code,
  ).toBe(0);
  expect((await coffer(['apps', 'create', 'offline-app'], { env })).code).toBe(0);
  expect(
    (await coffer(['secrets', 'set', 'TOKEN', '--app', 'offline-app'], { env, input: VALUE })).code,
  ).toBe(0);
});
afterAll(async () => {
  await server?.close();
});

describe('offline copy', () => {
  it('run keeps an encrypted copy, uses it with a warning when Coffer is gone, and refuses past --max-stale', async () => {
    // prepare: one run while Coffer is up fills the cache
    const online = await coffer(['run', '--app', 'offline-app', '--', ...printEnv(['TOKEN'])], { env });
    expect(JSON.parse(online.stdout)).toEqual({ TOKEN: VALUE });
    expect(online.stderr).not.toContain('offline');
    const dir = join(env.XDG_CACHE_HOME as string, 'coffer', 'offline');
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, files[0] as string), 'utf8')).not.toContain(VALUE);

    // act: Coffer stops
    await server?.close();
    server = undefined;
    const cached = await coffer(['run', '--app', 'offline-app', '--', ...printEnv(['TOKEN'], 3)], { env });
    const exported = await coffer(['secrets', 'export', '--app', 'offline-app', '--format', 'json'], { env });
    const stale = await coffer(
      ['run', '--app', 'offline-app', '--max-stale', '1ms', '--', ...printEnv(['TOKEN'])],
      {
        env,
      },
    );
    const otherApp = await coffer(['run', '--app', 'never-fetched', '--', ...printEnv(['TOKEN'])], { env });

    // assess
    expect(cached.code).toBe(3);
    expect(JSON.parse(cached.stdout)).toEqual({ TOKEN: VALUE });
    expect(cached.stderr).toMatch(
      /^warning: cannot reach Coffer at .*; using the offline copy of app offline-app from/,
    );
    expect(JSON.parse(exported.stdout)).toEqual({ TOKEN: VALUE });
    expect(stale.code).toBe(69);
    expect(stale.stdout).toBe('');
    expect(stale.stderr).toContain('older than --max-stale');
    expect(otherApp.code).toBe(69);
    expect(otherApp.stderr).toContain('no offline copy of app never-fetched');
  });

  it('cannot be read by another principal (the key is derived from its credentials without a keychain)', async () => {
    const stranger = {
      ...env,
      COFFER_CLIENT_ID: 'someone-else',
      COFFER_CLIENT_SECRET: 'a-different-secret-of-enough-length',
    };
    const r = await coffer(['run', '--app', 'offline-app', '--offline', '--', ...printEnv(['TOKEN'])], {
      env: stranger,
    });
    expect(r.code).toBe(69);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('there is no offline copy of app offline-app');
  });

  it('--offline uses the copy without trying Coffer', async () => {
    const r = await coffer(['run', '--app', 'offline-app', '--offline', '--', ...printEnv(['TOKEN'])], {
      env,
    });
    expect(JSON.parse(r.stdout)).toEqual({ TOKEN: VALUE });
    expect(r.stderr).toMatch(/^warning: --offline: using the offline copy of app offline-app/);
  });
});
