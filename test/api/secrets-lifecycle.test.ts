import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

/** Documented paths under /secrets/ (HCP Vault Secrets operations plus Coffer's sync and policy routes). */
const SECRETS_PATHS = 27;

describe('apps and secrets through the HTTP API', () => {
  let t: TestCoffer;
  beforeAll(async () => {
    t = await startTestCoffer();
  });
  afterAll(() => t.close());

  it('finds the default organization and project', async () => {
    const orgs = await t.api('GET', '/resource-manager/2019-12-10/organizations');
    expect(orgs.status).toBe(200);
    expect(orgs.body.organizations).toEqual([expect.objectContaining({ id: t.org, name: 'default' })]);
    const projects = await t.api(
      'GET',
      `/resource-manager/2019-12-10/projects?scope.type=ORGANIZATION&scope.id=${t.org}`,
    );
    expect(projects.body.projects).toEqual([
      expect.objectContaining({
        id: t.project,
        name: 'default',
        parent: { type: 'ORGANIZATION', id: t.org },
      }),
    ]);
  });

  it('creates, lists, updates and reads apps', async () => {
    const created = await t.api('POST', `${t.P}/apps`, { name: 'billing', description: 'billing service' });
    expect(created.status).toBe(200);
    expect(created.body.app).toMatchObject({
      name: 'billing',
      description: 'billing service',
      secret_count: 0,
      sync_names: [],
    });
    const dup = await t.api('POST', `${t.P}/apps`, { name: 'billing' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe(6);
    const patched = await t.api('PATCH', `${t.P}/apps/billing`, { description: 'changed' });
    expect(patched.body.app).toMatchObject({ description: 'changed' });
    const untouched = await t.api('PATCH', `${t.P}/apps/billing`, {});
    expect(untouched.body.app).toMatchObject({ description: 'changed' });
    const got = await t.api('GET', `${t.P}/apps/billing`);
    expect(got.body.app).toMatchObject({ name: 'billing', organization_id: t.org, project_id: t.project });
  });

  it('writes versions and reads values, metadata and history', async () => {
    await t.api('POST', `${t.P}/apps`, { name: 'web' });
    const v1 = await t.api('POST', `${t.P}/apps/web/secret/kv`, { name: 'DB_PASSWORD', value: 'first' });
    expect(v1.status).toBe(200);
    expect(v1.body.secret).toMatchObject({
      name: 'DB_PASSWORD',
      type: 'kv',
      latest_version: 1,
      version_count: '1',
    });
    expect(JSON.stringify(v1.body)).not.toContain('first');
    const v2 = await t.api('POST', `${t.P}/apps/web/secret/kv`, {
      name: 'DB_PASSWORD',
      value: 'second ✓ 🔑',
    });
    expect(v2.body.secret).toMatchObject({ latest_version: 2, version_count: '2' });

    const open = await t.api('GET', `${t.P}/apps/web/secrets/DB_PASSWORD:open`);
    expect(open.body.secret).toMatchObject({
      latest_version: 2,
      static_version: { version: 2, value: 'second ✓ 🔑' },
    });
    const meta = await t.api('GET', `${t.P}/apps/web/secrets/DB_PASSWORD`);
    expect(meta.body.secret).toMatchObject({ latest_version: 2 });
    expect(JSON.stringify(meta.body)).not.toContain('second');

    const versions = await t.api('GET', `${t.P}/apps/web/secrets/DB_PASSWORD/versions:open`);
    expect(
      (versions.body.static_versions as { versions: { version: number; value: string }[] }).versions.map(
        (v) => [v.version, v.value],
      ),
    ).toEqual([
      [1, 'first'],
      [2, 'second ✓ 🔑'],
    ]);
    const listed = await t.api('GET', `${t.P}/apps/web/secrets/DB_PASSWORD/versions`);
    expect(JSON.stringify(listed.body)).not.toContain('first');
    const one = await t.api('GET', `${t.P}/apps/web/secrets/DB_PASSWORD/versions/1:open`);
    expect(one.body).toMatchObject({ type: 'kv', static_version: { version: 1, value: 'first' } });
    const missing = await t.api('GET', `${t.P}/apps/web/secrets/DB_PASSWORD/versions/3`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(5);
  });

  it('opens all secrets of an app and lists metadata without values', async () => {
    await t.api('POST', `${t.P}/apps`, { name: 'many' });
    const batch = await t.api('POST', `${t.P}/apps/many/secret/kv:batch`, {
      secrets: [
        { name: 'A_KEY', value: 'a-value' },
        { name: 'B_KEY', value: 'b-value' },
        { name: 'C_OTHER', value: 'c-value' },
      ],
    });
    expect(batch.status).toBe(200);
    const all = await t.api('GET', `${t.P}/apps/many/secrets:open`);
    expect(
      (all.body.secrets as { name: string; static_version: { value: string } }[]).map((s) => [
        s.name,
        s.static_version.value,
      ]),
    ).toEqual([
      ['A_KEY', 'a-value'],
      ['B_KEY', 'b-value'],
      ['C_OTHER', 'c-value'],
    ]);
    const filtered = await t.api('GET', `${t.P}/apps/many/secrets?name_contains=KEY`);
    expect((filtered.body.secrets as { name: string }[]).map((s) => s.name)).toEqual(['A_KEY', 'B_KEY']);
    expect(JSON.stringify(filtered.body)).not.toContain('-value');
    const app = await t.api('GET', `${t.P}/apps/many`);
    expect(app.body.app).toMatchObject({ secret_count: 3 });
  });

  it('refuses a FAIL batch that names an existing secret and writes nothing', async () => {
    const before = await t.state();
    const res = await t.api('POST', `${t.P}/apps/many/secret/kv:batch`, {
      secrets: [
        { name: 'NEW_ONE', value: 'x' },
        { name: 'A_KEY', value: 'y' },
      ],
      conflicts: 'FAIL',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe(6);
    expect(await t.state()).toBe(before);
    const updated = await t.api('POST', `${t.P}/apps/many/secret/kv:batch`, {
      secrets: [{ name: 'A_KEY', value: 'a2' }],
      conflicts: 'UPDATE',
    });
    expect(updated.body.secrets).toEqual([expect.objectContaining({ name: 'A_KEY', latest_version: 2 })]);
  });

  it('enforces expected_version (check-and-set)', async () => {
    const create = await t.api('POST', `${t.P}/apps/web/secret/kv`, {
      name: 'CAS',
      value: 'one',
      expected_version: '0',
    });
    expect(create.status).toBe(200);
    const again = await t.api('POST', `${t.P}/apps/web/secret/kv`, {
      name: 'CAS',
      value: 'two',
      expected_version: '0',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(10);
    const stale = await t.api('POST', `${t.P}/apps/web/secret/kv`, {
      name: 'CAS',
      value: 'two',
      expected_version: '2',
    });
    expect(stale.body.code).toBe(10);
    const good = await t.api('POST', `${t.P}/apps/web/secret/kv`, {
      name: 'CAS',
      value: 'two',
      expected_version: '1',
    });
    expect(good.body.secret).toMatchObject({ latest_version: 2 });
  });

  it('deletes a secret with its history; a new secret of the same name starts at version 1', async () => {
    await t.api('POST', `${t.P}/apps/web/secret/kv`, { name: 'TEMP', value: 'old-1' });
    await t.api('POST', `${t.P}/apps/web/secret/kv`, { name: 'TEMP', value: 'old-2' });
    expect((await t.api('DELETE', `${t.P}/apps/web/secrets/TEMP`)).status).toBe(200);
    expect((await t.api('GET', `${t.P}/apps/web/secrets/TEMP:open`)).status).toBe(404);
    expect((await t.api('DELETE', `${t.P}/apps/web/secrets/TEMP`)).status).toBe(404);
    await t.api('POST', `${t.P}/apps/web/secret/kv`, { name: 'TEMP', value: 'new-1' });
    const versions = await t.api('GET', `${t.P}/apps/web/secrets/TEMP/versions:open`);
    expect(versions.body.static_versions).toEqual({
      versions: [expect.objectContaining({ version: 1, value: 'new-1' })],
    });
    const items = await t.rawItems();
    expect(items.filter((i) => String(i.sk).startsWith('V#TEMP#'))).toHaveLength(1);
  });

  it('refuses to delete an app holding secrets, and purges it', async () => {
    const refused = await t.api('DELETE', `${t.P}/apps/many`);
    expect(refused.status).toBe(412);
    expect(refused.body.code).toBe(9);
    expect((await t.api('DELETE', `${t.P}/apps/many:purge`)).status).toBe(200);
    expect((await t.api('GET', `${t.P}/apps/many`)).status).toBe(404);
    const left = (await t.rawItems()).filter((i) => String(i.pk).endsWith('#A#many'));
    expect(left).toEqual([]);
    await t.api('POST', `${t.P}/apps`, { name: 'empty' });
    expect((await t.api('DELETE', `${t.P}/apps/empty`)).status).toBe(200);
  });

  it('pages through apps with tamper-checked tokens', async () => {
    for (const n of ['page-a', 'page-b', 'page-c', 'page-d', 'page-e'])
      await t.api('POST', `${t.P}/apps`, { name: n });
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const res = await t.api(
        'GET',
        `${t.P}/apps?pagination.page_size=2${token ? `&pagination.next_page_token=${token}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...(res.body.apps as { name: string }[]).map((a) => a.name));
      token = (res.body.pagination as { next_page_token: string }).next_page_token;
      pages++;
    } while (token && pages < 20);
    expect(seen.filter((n) => n.startsWith('page-'))).toEqual([
      'page-a',
      'page-b',
      'page-c',
      'page-d',
      'page-e',
    ]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('pages backwards with previous_page_token; page_size 0 means the default', async () => {
    await t.api('POST', `${t.P}/apps`, { name: 'back-x' });
    const names = (r: { body: Record<string, unknown> }) =>
      (r.body.apps as { name: string }[]).map((a) => a.name);
    const tokens = (r: { body: Record<string, unknown> }) =>
      r.body.pagination as { next_page_token: string; previous_page_token: string };
    const q = `${t.P}/apps?name_contains=page-&pagination.page_size=2`;
    const first = await t.api('GET', q);
    expect(names(first)).toEqual(['page-a', 'page-b']);
    expect(tokens(first).previous_page_token).toBe('');
    const second = await t.api('GET', `${q}&pagination.next_page_token=${tokens(first).next_page_token}`);
    expect(names(second)).toEqual(['page-c', 'page-d']);
    const third = await t.api('GET', `${q}&pagination.next_page_token=${tokens(second).next_page_token}`);
    expect(names(third)).toEqual(['page-e']);
    expect(tokens(third).next_page_token).toBe('');
    const back = await t.api(
      'GET',
      `${q}&pagination.previous_page_token=${tokens(third).previous_page_token}`,
    );
    expect(names(back)).toEqual(['page-c', 'page-d']);
    const start = await t.api(
      'GET',
      `${q}&pagination.previous_page_token=${tokens(back).previous_page_token}`,
    );
    expect(names(start)).toEqual(['page-a', 'page-b']);
    // Like a next token on a full last page, a previous token may lead to an empty page.
    const before = tokens(start).previous_page_token;
    if (before)
      expect(names(await t.api('GET', `${q}&pagination.previous_page_token=${before}`))).toEqual([]);
    const again = await t.api('GET', `${q}&pagination.next_page_token=${tokens(start).next_page_token}`);
    expect(names(again)).toEqual(['page-c', 'page-d']);
    const all = await t.api('GET', `${t.P}/apps?pagination.page_size=0`);
    expect(all.status).toBe(200);
    expect(names(all)).toContain('back-x');
  });

  it('serves an OpenAPI document with every route in its public form', async () => {
    const doc = await t.api('GET', '/openapi.json');
    const paths = Object.keys(doc.body.paths as object);
    for (const suffix of [
      '/apps/{app_name}:purge',
      '/secret/kv:batch',
      '/secrets:open',
      '/secrets/{secret_name}:open',
      '/versions:open',
      '/versions/{version}:open',
    ]) {
      expect(paths.some((p) => p.endsWith(suffix))).toBe(true);
    }
    expect(paths).toContain('/2023-11-28/{resource_name}:open');
    expect(paths.some((p) => p.includes('/@'))).toBe(false);
    expect(paths.filter((p) => p.startsWith('/secrets/'))).toHaveLength(SECRETS_PATHS);
  });

  it('echoes a well-formed x-request-id and replaces a bad one', async () => {
    const good = await t.api('GET', '/iam/2019-12-10/caller-identity', undefined, {
      'x-request-id': 'abc_DEF-123',
    });
    expect(good.headers.get('x-request-id')).toBe('abc_DEF-123');
    expect(good.body.principal).toMatchObject({
      type: 'PRINCIPAL_TYPE_SERVICE',
      service: { name: 'bootstrap-admin', organization_id: t.org },
    });
    const bad = await t.api('GET', '/iam/2019-12-10/caller-identity', undefined, {
      'x-request-id': 'x'.repeat(65),
    });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
