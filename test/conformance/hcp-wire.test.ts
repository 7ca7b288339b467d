import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { RESPONSES } from './hcp-shapes.js';

type Op = keyof typeof RESPONSES;

/**
 * Every served HCP operation, called the way HCP's generated Go client calls it (list fields sent as
 * null, page_size 0, repeated query parameters, escaped resource names), and its answer checked
 * strictly against HCP's model (hcp-shapes.ts).
 */
describe('HCP wire conformance', () => {
  let t: TestCoffer;
  const RM = '/resource-manager/2019-12-10';
  const IAM = '/iam/2019-12-10';
  beforeAll(async () => {
    t = await startTestCoffer();
  });
  afterAll(() => t.close());

  const call = async (op: Op, method: string, path: string, body?: unknown) => {
    const res = await t.api(method, path, body);
    expect({ op, status: res.status, body: res.body }).toMatchObject({ op, status: 200 });
    const parsed = RESPONSES[op].safeParse(res.body);
    expect({ op, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ op, issues: [] });
    return res.body as Record<string, unknown>;
  };

  it('runs the app, secret and version life cycle with Go-client bodies', async () => {
    const P = t.P;
    const app = (await call('CreateApp', 'POST', `${P}/apps`, { name: 'conf', sync_names: null })).app as {
      resource_id: string;
    };
    expect(app.resource_id).toMatch(/^[0-9a-f-]{36}$/);
    await call('CreateApp', 'POST', `${P}/apps`, {
      name: 'conf-tf',
      description: 'terraform',
      sync_names: [],
    });
    await call('UpdateApp', 'PATCH', `${P}/apps/conf`, { description: 'changed', sync_names: null });
    await call('GetApp', 'GET', `${P}/apps/conf`);
    const listed = await call('ListApps', 'GET', `${P}/apps?name_contains=conf&pagination.page_size=0`);
    expect((listed.apps as unknown[]).length).toBe(2);

    const first = await call('CreateAppKVSecret', 'POST', `${P}/apps/conf/secret/kv`, {
      name: 'K',
      value: 'v-one-1',
    });
    expect(first.secret).toMatchObject({
      latest_version: 1,
      version_count: '1',
      static_version: { version: 1 },
    });
    await call('CreateAppKVSecret', 'POST', `${P}/apps/conf/secret/kv`, { name: 'K', value: 'v-two-2' });
    await call('BulkCreateAppKVSecrets', 'POST', `${P}/apps/conf/secret/kv:batch`, {
      secrets: [{ name: 'B1', value: 'batch-1' }],
    });
    await call(
      'ListAppSecrets',
      'GET',
      `${P}/apps/conf/secrets?types=kv&types=rotating&pagination.page_size=0`,
    );
    const none = await call('ListAppSecrets', 'GET', `${P}/apps/conf/secrets?types=dynamic`);
    expect(none.secrets).toEqual([]);
    await call('OpenAppSecrets', 'GET', `${P}/apps/conf/secrets:open?types=kv`);
    await call('GetAppSecret', 'GET', `${P}/apps/conf/secrets/K`);
    const opened = await call('OpenAppSecret', 'GET', `${P}/apps/conf/secrets/K:open`);
    expect(opened.secret).toMatchObject({
      latest_version: 2,
      static_version: { version: 2, value: 'v-two-2' },
    });
    const name = `secrets/project/${t.project}/app/conf/secret/K`;
    for (const form of [name, encodeURIComponent(name)]) {
      const byName = await call('OpenAppSecretByResourceName', 'GET', `/2023-11-28/${form}:open`);
      expect(byName.secret).toMatchObject({ static_version: { value: 'v-two-2' } });
    }
    const versions = await call('ListAppSecretVersions', 'GET', `${P}/apps/conf/secrets/K/versions`);
    expect(versions).toMatchObject({
      type: 'kv',
      static_versions: { versions: [{ version: 1 }, { version: 2 }] },
    });
    await call('ListOpenAppSecretVersions', 'GET', `${P}/apps/conf/secrets/K/versions:open`);
    await call('GetAppSecretVersion', 'GET', `${P}/apps/conf/secrets/K/versions/1`);
    await call('OpenAppSecretVersion', 'GET', `${P}/apps/conf/secrets/K/versions/1:open`);
    await call('DeleteAppSecretVersion', 'DELETE', `${P}/apps/conf/secrets/K/versions/1`);
    expect((await t.api('GET', `${P}/apps/conf/secrets/K/versions/1`)).status).toBe(404);
    expect((await t.api('DELETE', `${P}/apps/conf/secrets/K/versions/2`)).status).toBe(412);
    await call('DeleteAppSecret', 'DELETE', `${P}/apps/conf/secrets/B1`);
    await call('DeleteApp', 'DELETE', `${P}/apps/conf-tf`);
    await call('PurgeAppAndSecrets', 'DELETE', `${P}/apps/conf:purge`);
  });

  it('locks and unlocks with HCP bodies and reports lock status', async () => {
    const ORG = `/secrets/2023-11-28/organizations/${t.org}`;
    await call('LockProject', 'POST', `${t.P}/lock`, { reason: 'drill' });
    const status = await call('GetProjectLockStatus', 'GET', `${t.P}/lock-status`);
    expect(status.locks).toEqual([{ lock_origin: 'CUSTOMER', reason: 'drill' }]);
    await call('GetOrganizationLockStatus', 'GET', `${ORG}/lock-status`);
    await call('UnlockProject', 'POST', `${t.P}/unlock`, {});
    await call('LockOrganization', 'POST', `${ORG}/lock`, {});
    expect((await call('GetProjectLockStatus', 'GET', `${t.P}/lock-status`)).organization_lock).toEqual({
      lock_origin: 'CUSTOMER',
      reason: '',
    });
    await call('UnlockOrganization', 'POST', `${ORG}/unlock`, {});
  });

  it('answers organizations, projects, policies, service principals and caller identity in HCP shapes', async () => {
    await call('OrganizationService_List', 'GET', `${RM}/organizations`);
    await call('OrganizationService_Get', 'GET', `${RM}/organizations/${t.org}`);
    await call('ProjectService_List', 'GET', `${RM}/projects?scope.type=ORGANIZATION&scope.id=${t.org}`);
    await call('ProjectService_Get', 'GET', `${RM}/projects/${t.project}`);
    await call('ProjectService_Create', 'POST', `${RM}/projects`, {
      name: 'conformance',
      parent: { type: 'ORGANIZATION', id: t.org },
    });
    await call('OrganizationService_GetIamPolicy', 'GET', `${RM}/organizations/${t.org}/iam-policy`);
    const policy = await call('ProjectService_GetIamPolicy', 'GET', `${RM}/projects/${t.project}/iam-policy`);
    await call('ProjectService_SetIamPolicy', 'PUT', `${RM}/projects/${t.project}/iam-policy`, {
      policy: { bindings: null, etag: (policy.policy as { etag: string }).etag },
    });
    const SPS = `${IAM}/organizations/${t.org}/service-principals`;
    const sp = (await call('CreateOrganizationServicePrincipal', 'POST', SPS, { name: 'conf-sp' }))
      .service_principal as { id: string };
    const key = await call(
      'CreateOrganizationServicePrincipalKey',
      'POST',
      `${IAM}/organizations/${t.org}/service-principal-keys`,
      {
        principal_id: sp.id,
      },
    );
    await call('GetOrganizationServicePrincipal', 'GET', `${SPS}/${sp.id}`);
    await call('ListOrganizationServicePrincipals', 'GET', `${SPS}?pagination.page_size=0`);
    const clientId = (key.key as { client_id: string }).client_id;
    await call(
      'DeleteOrganizationServicePrincipalKey',
      'DELETE',
      `${IAM}/organizations/${t.org}/service-principal-keys/${clientId}`,
    );
    await call('DeleteOrganizationServicePrincipal', 'DELETE', `${SPS}/${sp.id}`);
    const me = await call('GetCallerIdentity', 'GET', `${IAM}/caller-identity`);
    expect(me.principal).toMatchObject({
      type: 'PRINCIPAL_TYPE_SERVICE',
      service: { organization_id: t.org },
    });
  });
});
