import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type Tenant, type TestCoffer } from '../helpers/coffer.js';

const bodies: Record<string, unknown> = {
  'post /apps': { name: 'intruder' },
  'patch /apps/{app_name}': { description: 'pwned' },
  'post /secret/kv': { name: 'S', value: 'pwned' },
  'post /secret/kv:batch': { secrets: [{ name: 'S', value: 'pwned' }] },
  'put /iam-policy': { policy: { bindings: [], etag: 'x' } },
  'post /integrations': { name: 'pwned', provider: 'github', connection: { token: 'x' } },
  'patch /integrations/{integration_name}': { connection: { token: 'x' } },
  'post /syncs': { name: 'pwned', integration_name: 'conn', target: {} },
};
const bodyFor = (method: string, path: string) =>
  Object.entries(bodies).find(([k]) => {
    const [m, suffix] = k.split(' ');
    return m === method && path.endsWith(suffix ?? '');
  })?.[1];

describe('tenant isolation', () => {
  let t: TestCoffer;
  let intruder: Tenant;
  beforeAll(async () => {
    t = await startTestCoffer();
    intruder = await t.newTenant('intruder');
    await t.api('POST', `${t.P}/apps`, { name: 'victim' });
    await t.api('POST', `${t.P}/apps/victim/secret/kv`, { name: 'S', value: 'victim-value' });
  });
  afterAll(() => t.close());

  it('answers 404 to another organization for every secrets route, and writes nothing', async () => {
    const doc = await t.api('GET', '/openapi.json');
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    const routes = Object.entries(paths)
      .filter(([p]) => p.startsWith('/secrets/') || p.startsWith('/2023-11-28/'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => ({ method: m, path: p })));
    // HCP's secrets operations (apps, secrets, versions, locks, by resource name) and Coffer's sync routes.
    expect(routes).toHaveLength(39);
    const before = await t.state();
    for (const { method, path } of routes) {
      const concrete = path
        .replace('{organization_id}', t.org)
        .replace('{project_id}', t.project)
        .replace('{app_name}', 'victim')
        .replace('{secret_name}', 'S')
        .replace('{version}', '1')
        .replace('{integration_name}', 'conn')
        .replace('{sync_name}', 'sync')
        .replace('{resource_name}', `secrets/project/${t.project}/app/victim/secret/S`);
      const res = await intruder.api(method.toUpperCase(), concrete, bodyFor(method, path));
      expect({ route: `${method} ${path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${method} ${path}`,
        status: 404,
        code: 5,
      });
      expect(JSON.stringify(res.body)).not.toContain('victim-value');
    }
    expect(await t.state()).toBe(before);
    // The owner still sees everything as it was.
    const own = await t.api('GET', `${t.P}/apps/victim/secrets/S:open`);
    expect(own.body.secret).toMatchObject({ latest_version: 1, static_version: { value: 'victim-value' } });
  });

  it('answers 404 for another organization in resource-manager routes and hides it from listings', async () => {
    const projects = await intruder.api(
      'GET',
      `/resource-manager/2019-12-10/projects?scope.type=ORGANIZATION&scope.id=${t.org}`,
    );
    expect(projects.status).toBe(404);
    const create = await intruder.api('POST', '/resource-manager/2019-12-10/projects', {
      name: 'sneaky',
      parent: { type: 'ORGANIZATION', id: t.org },
    });
    expect(create.status).toBe(404);
    const orgs = await intruder.api('GET', '/resource-manager/2019-12-10/organizations');
    expect((orgs.body.organizations as { id: string }[]).map((o) => o.id)).toEqual([intruder.org]);
  });

  it('still lets the intruder use its own organization (the 404s are not a broken token)', async () => {
    const res = await intruder.api('POST', `${intruder.P}/apps`, { name: 'mine' });
    expect(res.status).toBe(200);
  });
});
