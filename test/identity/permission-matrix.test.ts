import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../shared/domain/access/permissions.js';
import type { Role } from '../../shared/domain/principal.js';
import { apiFor, getToken, startTestCoffer, type Api, type TestCoffer, keyPair } from '../helpers/coffer.js';
import { AwsSecretsManagerStandIn } from '../standins/index.js';
import { testDestinations } from '../sync/fixtures.js';

type Depth = 'org' | 'project' | 'app';
interface Ctx {
  integration: string;
  sync: string;
  org: string;
  project: string;
  app: string;
  emptyApp: string;
  provider: string;
  sp: string;
  clientId: string;
  /** A principal created for the project, with a key and a provider. */
  psp: string;
  pClientId: string;
  pProvider: string;
  P: string;
}
interface Op {
  op: string;
  action: Action;
  depth: Depth;
  method: string;
  path: (x: Ctx) => string;
  body?: (x: Ctx, admin: Api) => Promise<unknown> | unknown;
}

const RM = '/resource-manager/2019-12-10';
let awsEndpoint = '';
const awsConnection = () => ({
  region: 'eu-west-1',
  access_key_id: 'AKIASTANDIN000000001',
  secret_access_key: 'standin',
  endpoint: awsEndpoint,
});
const SP = (x: Ctx) => `/iam/2019-12-10/organizations/${x.org}/service-principals`;
const KEYS = (x: Ctx) => `/iam/2019-12-10/organizations/${x.org}/service-principal-keys`;
const ORG_SECRETS = (x: Ctx) => `/secrets/2023-11-28/organizations/${x.org}`;
const PSP = (x: Ctx) => `/iam/2019-12-10/organizations/${x.org}/projects/${x.project}/service-principals`;
const PKEYS = (x: Ctx) =>
  `/iam/2019-12-10/organizations/${x.org}/projects/${x.project}/service-principal-keys`;
let seq = 0;
const unique = (p: string) => `${p}-${++seq}`;
const currentPolicy = async (admin: Api, path: string) =>
  ((await admin('GET', path)).body as { policy: unknown }).policy;

/** Every authorized route, with the action it requires (for reading; expectations are in EXPECTED). */
const OPS: Op[] = [
  {
    op: 'ListProjects',
    action: 'organization.read',
    depth: 'org',
    method: 'GET',
    path: (x) => `${RM}/projects?scope.type=ORGANIZATION&scope.id=${x.org}`,
  },
  {
    op: 'CreateProject',
    action: 'organization.manage',
    depth: 'org',
    method: 'POST',
    path: () => `${RM}/projects`,
    body: (x) => ({ name: unique('proj'), parent: { type: 'ORGANIZATION', id: x.org } }),
  },
  {
    op: 'GetOrganizationIamPolicy',
    action: 'iam.read',
    depth: 'org',
    method: 'GET',
    path: (x) => `${RM}/organizations/${x.org}/iam-policy`,
  },
  {
    op: 'SetOrganizationIamPolicy',
    action: 'iam.manage',
    depth: 'org',
    method: 'PUT',
    path: (x) => `${RM}/organizations/${x.org}/iam-policy`,
    body: async (x, a) => ({ policy: await currentPolicy(a, `${RM}/organizations/${x.org}/iam-policy`) }),
  },
  {
    op: 'GetOrganizationLockStatus',
    action: 'lock.manage',
    depth: 'org',
    method: 'GET',
    path: (x) => `${ORG_SECRETS(x)}/lock-status`,
  },
  {
    op: 'UnlockOrganization',
    action: 'lock.manage',
    depth: 'org',
    method: 'POST',
    path: (x) => `${ORG_SECRETS(x)}/unlock`,
  },
  { op: 'ListServicePrincipals', action: 'iam.read', depth: 'org', method: 'GET', path: SP },
  {
    op: 'CreateServicePrincipal',
    action: 'iam.manage',
    depth: 'org',
    method: 'POST',
    path: SP,
    body: () => ({ name: unique('robot') }),
  },
  {
    op: 'GetServicePrincipal',
    action: 'iam.read',
    depth: 'org',
    method: 'GET',
    path: (x) => `${SP(x)}/${x.sp}`,
  },
  {
    op: 'DeleteServicePrincipal',
    action: 'iam.manage',
    depth: 'org',
    method: 'DELETE',
    path: (x) => `${SP(x)}/${x.sp}`,
  },
  {
    op: 'ListServicePrincipalKeys',
    action: 'iam.read',
    depth: 'org',
    method: 'GET',
    path: (x) => `${SP(x)}/${x.sp}/keys`,
  },
  {
    op: 'CreateServicePrincipalKey',
    action: 'iam.manage',
    depth: 'org',
    method: 'POST',
    path: (x) => KEYS(x),
    body: (x) => ({ principal_id: x.sp }),
  },
  {
    op: 'DeleteServicePrincipalKey',
    action: 'iam.manage',
    depth: 'org',
    method: 'DELETE',
    path: (x) => `${KEYS(x)}/${x.clientId}`,
  },
  {
    op: 'ListWorkloadIdentityProviders',
    action: 'iam.read',
    depth: 'org',
    method: 'GET',
    path: (x) => `${SP(x)}/${x.sp}/workload-identity-providers`,
  },
  {
    op: 'CreateWorkloadIdentityProvider',
    action: 'iam.manage',
    depth: 'org',
    method: 'POST',
    path: (x) => `${SP(x)}/${x.sp}/workload-identity-providers`,
    body: () => ({
      name: unique('gha'),
      issuer: 'https://token.actions.githubusercontent.com',
      allowed_audiences: ['coffer'],
      conditional_access: 'jwt_claims.repository == "acme/api"',
    }),
  },
  {
    op: 'DeleteWorkloadIdentityProvider',
    action: 'iam.manage',
    depth: 'org',
    method: 'DELETE',
    path: (x) => `${SP(x)}/${x.sp}/workload-identity-providers/${x.provider}`,
  },
  { op: 'ListProjectServicePrincipals', action: 'iam.read', depth: 'project', method: 'GET', path: PSP },
  {
    op: 'CreateProjectServicePrincipal',
    action: 'iam.manage',
    depth: 'project',
    method: 'POST',
    path: PSP,
    body: () => ({ name: unique('probot') }),
  },
  {
    op: 'GetProjectServicePrincipal',
    action: 'iam.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `${PSP(x)}/${x.psp}`,
  },
  {
    op: 'DeleteProjectServicePrincipal',
    action: 'iam.manage',
    depth: 'project',
    method: 'DELETE',
    path: (x) => `${PSP(x)}/${x.psp}`,
  },
  {
    op: 'ListProjectServicePrincipalKeys',
    action: 'iam.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `${PSP(x)}/${x.psp}/keys`,
  },
  {
    op: 'CreateProjectServicePrincipalKey',
    action: 'iam.manage',
    depth: 'project',
    method: 'POST',
    path: (x) => PKEYS(x),
    body: (x) => ({ principal_id: x.psp }),
  },
  {
    op: 'DeleteProjectServicePrincipalKey',
    action: 'iam.manage',
    depth: 'project',
    method: 'DELETE',
    path: (x) => `${PKEYS(x)}/${x.pClientId}`,
  },
  {
    op: 'ListProjectWorkloadIdentityProviders',
    action: 'iam.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `${PSP(x)}/${x.psp}/workload-identity-providers`,
  },
  {
    op: 'CreateProjectWorkloadIdentityProvider',
    action: 'iam.manage',
    depth: 'project',
    method: 'POST',
    path: (x) => `${PSP(x)}/${x.psp}/workload-identity-providers`,
    body: () => ({
      name: unique('pgha'),
      issuer: 'https://token.actions.githubusercontent.com',
      allowed_audiences: ['coffer'],
      conditional_access: 'jwt_claims.repository == "acme/api"',
    }),
  },
  {
    op: 'DeleteProjectWorkloadIdentityProvider',
    action: 'iam.manage',
    depth: 'project',
    method: 'DELETE',
    path: (x) => `${PSP(x)}/${x.psp}/workload-identity-providers/${x.pProvider}`,
  },
  {
    op: 'ListProjectAuditEvents',
    action: 'audit.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `/audit/2019-12-10/organizations/${x.org}/events?project_id=${x.project}`,
  },
  {
    op: 'LockOrganization',
    action: 'lock.manage',
    depth: 'org',
    method: 'POST',
    path: (x) => `${ORG_SECRETS(x)}/lock`,
  },
  {
    op: 'LockProject',
    action: 'lock.manage',
    depth: 'project',
    method: 'POST',
    path: (x) => `${x.P}/lock`,
  },
  {
    op: 'DeleteApp',
    action: 'app.delete',
    depth: 'app',
    method: 'DELETE',
    path: (x) => `${x.P}/apps/${x.emptyApp}`,
  },
  {
    op: 'ListIntegrations',
    action: 'project.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `${x.P}/integrations`,
  },
  {
    op: 'CreateIntegration',
    action: 'integration.manage',
    depth: 'project',
    method: 'POST',
    path: (x) => `${x.P}/integrations`,
    body: () => ({ name: unique('conn'), provider: 'aws', connection: awsConnection() }),
  },
  {
    op: 'GetIntegration',
    action: 'project.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `${x.P}/integrations/base-conn`,
  },
  {
    op: 'UpdateIntegration',
    action: 'integration.manage',
    depth: 'project',
    method: 'PATCH',
    path: (x) => `${x.P}/integrations/base-conn`,
    body: () => ({ connection: awsConnection() }),
  },
  {
    op: 'DeleteIntegration',
    action: 'integration.manage',
    depth: 'project',
    method: 'DELETE',
    path: (x) => `${x.P}/integrations/${x.integration}`,
  },
  { op: 'ListSyncs', action: 'project.read', depth: 'project', method: 'GET', path: (x) => `${x.P}/syncs` },
  {
    op: 'CreateSync',
    action: 'sync.manage',
    depth: 'project',
    method: 'POST',
    path: (x) => `${x.P}/syncs`,
    body: () => ({ name: unique('sync'), integration_name: 'base-conn', target: { name_prefix: 'm/' } }),
  },
  {
    op: 'GetSync',
    action: 'project.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `${x.P}/syncs/base-sync`,
  },
  {
    op: 'DeleteSync',
    action: 'sync.manage',
    depth: 'project',
    method: 'DELETE',
    path: (x) => `${x.P}/syncs/${x.sync}`,
  },
  {
    op: 'GetAppSyncs',
    action: 'app.read',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/syncs`,
  },
  {
    op: 'PlanAppSync',
    action: 'app.read',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/syncs/base-sync:plan`,
  },
  {
    op: 'TriggerAppSync',
    action: 'sync.manage',
    depth: 'app',
    method: 'POST',
    path: (x) => `${x.P}/apps/${x.app}/syncs/base-sync:sync`,
  },
  {
    op: 'ListAuditEvents',
    action: 'audit.read',
    depth: 'org',
    method: 'GET',
    path: (x) => `/audit/2019-12-10/organizations/${x.org}/events`,
  },
  {
    op: 'GetProjectIamPolicy',
    action: 'iam.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `${RM}/projects/${x.project}/iam-policy`,
  },
  {
    op: 'SetProjectIamPolicy',
    action: 'iam.manage',
    depth: 'project',
    method: 'PUT',
    path: (x) => `${RM}/projects/${x.project}/iam-policy`,
    body: async (x, a) => ({ policy: await currentPolicy(a, `${RM}/projects/${x.project}/iam-policy`) }),
  },
  {
    op: 'GetProjectLockStatus',
    action: 'lock.manage',
    depth: 'project',
    method: 'GET',
    path: (x) => `${x.P}/lock-status`,
  },
  {
    op: 'UnlockProject',
    action: 'lock.manage',
    depth: 'project',
    method: 'POST',
    path: (x) => `${x.P}/unlock`,
  },
  { op: 'ListApps', action: 'project.read', depth: 'project', method: 'GET', path: (x) => `${x.P}/apps` },
  {
    op: 'CreateApp',
    action: 'app.create',
    depth: 'project',
    method: 'POST',
    path: (x) => `${x.P}/apps`,
    body: () => ({ name: unique('new-app') }),
  },
  {
    op: 'GetAppIamPolicy',
    action: 'iam.read',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/iam-policy`,
  },
  {
    op: 'SetAppIamPolicy',
    action: 'iam.manage',
    depth: 'app',
    method: 'PUT',
    path: (x) => `${x.P}/apps/${x.app}/iam-policy`,
    body: async (x, a) => ({ policy: await currentPolicy(a, `${x.P}/apps/${x.app}/iam-policy`) }),
  },
  { op: 'GetApp', action: 'app.read', depth: 'app', method: 'GET', path: (x) => `${x.P}/apps/${x.app}` },
  {
    op: 'UpdateApp',
    action: 'app.update',
    depth: 'app',
    method: 'PATCH',
    path: (x) => `${x.P}/apps/${x.app}`,
    body: () => ({ description: 'x' }),
  },
  {
    op: 'PurgeAppAndSecrets',
    action: 'app.delete',
    depth: 'app',
    method: 'DELETE',
    path: (x) => `${x.P}/apps/${x.app}:purge`,
  },
  {
    op: 'CreateAppKVSecret',
    action: 'secret.write',
    depth: 'app',
    method: 'POST',
    path: (x) => `${x.P}/apps/${x.app}/secret/kv`,
    body: () => ({ name: 'NEW', value: 'v' }),
  },
  {
    op: 'BulkCreateAppKVSecrets',
    action: 'secret.write',
    depth: 'app',
    method: 'POST',
    path: (x) => `${x.P}/apps/${x.app}/secret/kv:batch`,
    body: () => ({ secrets: [{ name: 'NEW', value: 'v' }] }),
  },
  {
    op: 'ListAppSecrets',
    action: 'app.read',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/secrets`,
  },
  {
    op: 'OpenAppSecrets',
    action: 'secret.open',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/secrets:open`,
  },
  {
    op: 'GetAppSecret',
    action: 'app.read',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/secrets/S`,
  },
  {
    op: 'OpenAppSecret',
    action: 'secret.open',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/secrets/S:open`,
  },
  {
    op: 'DeleteAppSecret',
    action: 'secret.delete',
    depth: 'app',
    method: 'DELETE',
    path: (x) => `${x.P}/apps/${x.app}/secrets/S`,
  },
  {
    op: 'ListAppSecretVersions',
    action: 'app.read',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/secrets/S/versions`,
  },
  {
    op: 'ListOpenAppSecretVersions',
    action: 'secret.open',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/secrets/S/versions:open`,
  },
  {
    op: 'GetAppSecretVersion',
    action: 'app.read',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/secrets/S/versions/1`,
  },
  {
    op: 'OpenAppSecretVersion',
    action: 'secret.open',
    depth: 'app',
    method: 'GET',
    path: (x) => `${x.P}/apps/${x.app}/secrets/S/versions/1:open`,
  },
  {
    op: 'DeleteAppSecretVersion',
    action: 'secret.delete',
    depth: 'app',
    method: 'DELETE',
    path: (x) => `${x.P}/apps/${x.app}/secrets/S/versions/1`,
  },
  {
    op: 'OpenAppSecretByResourceName',
    action: 'secret.open',
    depth: 'app',
    method: 'GET',
    path: (x) => `/2023-11-28/secrets/project/${x.project}/app/${x.app}/secret/S:open`,
  },
  {
    op: 'GetOrganization',
    action: 'organization.read',
    depth: 'org',
    method: 'GET',
    path: (x) => `${RM}/organizations/${x.org}`,
  },
  {
    op: 'GetProject',
    action: 'project.read',
    depth: 'project',
    method: 'GET',
    path: (x) => `${RM}/projects/${x.project}`,
  },
];

/** Who calls: a role and the level it is granted at, or no grant, or another organization's admin. */
const CALLERS: { name: string; role?: Role; level?: Depth; foreign?: boolean }[] = [
  { name: 'org admin', role: 'admin', level: 'org' },
  { name: 'org contributor', role: 'contributor', level: 'org' },
  { name: 'org viewer', role: 'viewer', level: 'org' },
  { name: 'project admin', role: 'admin', level: 'project' },
  { name: 'project contributor', role: 'contributor', level: 'project' },
  { name: 'project viewer', role: 'viewer', level: 'project' },
  { name: 'app manager', role: 'app-manager', level: 'app' },
  { name: 'app secret reader', role: 'app-secret-reader', level: 'app' },
  { name: 'no role', foreign: false },
  { name: 'another organization', foreign: true },
];

/**
 * The expected answers, written out from the README's role table (not computed from the production
 * table, so a wrong production table fails here). One letter per caller, in CALLERS order:
 *
 *   org admin | org contributor | org viewer | project admin | project contributor | project viewer |
 *   app manager | app secret reader | no role | another organization
 *
 * A = 200, F = 403 (may see the resource, not do this), N = 404 (no grant covering it).
 */
const EXPECTED: Record<string, string> = {
  // Organization level: only organization grants cover it.
  ListProjects: 'AAANNNNNNN',
  CreateProject: 'AFFNNNNNNN',
  GetOrganizationIamPolicy: 'AAANNNNNNN',
  SetOrganizationIamPolicy: 'AFFNNNNNNN',
  GetOrganizationLockStatus: 'AFFNNNNNNN',
  UnlockOrganization: 'AFFNNNNNNN',
  LockOrganization: 'AFFNNNNNNN',
  ListServicePrincipals: 'AAANNNNNNN',
  CreateServicePrincipal: 'AFFNNNNNNN',
  GetServicePrincipal: 'AAANNNNNNN',
  DeleteServicePrincipal: 'AFFNNNNNNN',
  ListServicePrincipalKeys: 'AAANNNNNNN',
  CreateServicePrincipalKey: 'AFFNNNNNNN',
  DeleteServicePrincipalKey: 'AFFNNNNNNN',
  ListWorkloadIdentityProviders: 'AAANNNNNNN',
  CreateWorkloadIdentityProvider: 'AFFNNNNNNN',
  DeleteWorkloadIdentityProvider: 'AFFNNNNNNN',
  ListAuditEvents: 'AFFNNNNNNN',
  GetOrganization: 'AAANNNNNNN',
  // Project level: organization and project grants cover it.
  LockProject: 'AFFAFFNNNN',
  GetProjectLockStatus: 'AFFAFFNNNN',
  UnlockProject: 'AFFAFFNNNN',
  GetProjectIamPolicy: 'AAAAAANNNN',
  SetProjectIamPolicy: 'AFFAFFNNNN',
  ListApps: 'AAAAAANNNN',
  GetProject: 'AAAAAANNNN',
  CreateApp: 'AAFAAFNNNN',
  ListIntegrations: 'AAAAAANNNN',
  GetIntegration: 'AAAAAANNNN',
  CreateIntegration: 'AFFAFFNNNN',
  UpdateIntegration: 'AFFAFFNNNN',
  DeleteIntegration: 'AFFAFFNNNN',
  ListSyncs: 'AAAAAANNNN',
  GetSync: 'AAAAAANNNN',
  CreateSync: 'AAFAAFNNNN',
  DeleteSync: 'AAFAAFNNNN',
  ListProjectServicePrincipals: 'AAAAAANNNN',
  GetProjectServicePrincipal: 'AAAAAANNNN',
  ListProjectServicePrincipalKeys: 'AAAAAANNNN',
  ListProjectWorkloadIdentityProviders: 'AAAAAANNNN',
  CreateProjectServicePrincipal: 'AFFAFFNNNN',
  DeleteProjectServicePrincipal: 'AFFAFFNNNN',
  CreateProjectServicePrincipalKey: 'AFFAFFNNNN',
  DeleteProjectServicePrincipalKey: 'AFFAFFNNNN',
  CreateProjectWorkloadIdentityProvider: 'AFFAFFNNNN',
  DeleteProjectWorkloadIdentityProvider: 'AFFAFFNNNN',
  ListProjectAuditEvents: 'AFFAFFNNNN',
  // App level: every grant on the path covers it.
  GetApp: 'AAAAAAAANN',
  UpdateApp: 'AAFAAFAFNN',
  DeleteApp: 'AAFAAFFFNN',
  PurgeAppAndSecrets: 'AAFAAFFFNN',
  GetAppIamPolicy: 'AAAAAAAFNN',
  SetAppIamPolicy: 'AFFAFFAFNN',
  GetAppSyncs: 'AAAAAAAANN',
  PlanAppSync: 'AAAAAAAANN',
  TriggerAppSync: 'AAFAAFAFNN',
  CreateAppKVSecret: 'AAFAAFAFNN',
  BulkCreateAppKVSecrets: 'AAFAAFAFNN',
  DeleteAppSecret: 'AAFAAFAFNN',
  DeleteAppSecretVersion: 'AAFAAFAFNN',
  ListAppSecrets: 'AAAAAAAANN',
  GetAppSecret: 'AAAAAAAANN',
  ListAppSecretVersions: 'AAAAAAAANN',
  GetAppSecretVersion: 'AAAAAAAANN',
  OpenAppSecrets: 'AAFAAFAANN',
  OpenAppSecret: 'AAFAAFAANN',
  ListOpenAppSecretVersions: 'AAFAAFAANN',
  OpenAppSecretVersion: 'AAFAAFAANN',
  OpenAppSecretByResourceName: 'AAFAAFAANN',
};
const STATUS = { A: 200, F: 403, N: 404 } as const;
const expected = (caller: (typeof CALLERS)[number], op: Op): 200 | 403 | 404 => {
  const row = EXPECTED[op.op];
  if (row?.length !== CALLERS.length) throw new Error(`EXPECTED has no full row for ${op.op}`);
  return STATUS[row[CALLERS.indexOf(caller)] as keyof typeof STATUS];
};

describe('permission matrix: every route × every role', () => {
  let t: TestCoffer;
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();

  const aws = new AwsSecretsManagerStandIn({ region: 'eu-west-1' });
  beforeAll(async () => {
    awsEndpoint = (await aws.start()).url;
    // The file makes about 700 calls with tokens minted here; on a loaded machine it has outlasted the
    // default 15-minute token lifetime, so its tokens live long enough for the whole file.
    t = await startTestCoffer({ overrides: testDestinations(), env: { COFFER_TOKEN_TTL_SECONDS: '7200' } });
    expect(
      (
        await t.api('POST', `${t.P}/integrations`, {
          name: 'base-conn',
          provider: 'aws',
          connection: awsConnection(),
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.api('POST', `${t.P}/syncs`, { name: 'base-sync', integration_name: 'base-conn', target: {} }))
        .status,
    ).toBe(200);
    const other = await t.newTenant('elsewhere');
    tokens.set('another organization', other.token);
    for (const c of CALLERS.filter((c) => !c.foreign)) {
      const sp = await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principals`, {
        name: c.name.replace(/ /g, '-'),
      });
      const id = (sp.body.service_principal as { id: string }).id;
      const key = await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principal-keys`, {
        principal_id: id,
      });
      const { client_id, client_secret } = keyPair(key);
      tokens.set(c.name, await getToken(t.coffer.url, client_id, client_secret));
      ids.set(c.name, id);
    }
    const grant = async (path: string, level: Depth) => {
      const policy = (await t.api('GET', path)).body.policy as {
        bindings: { role_id: string; members: unknown[] }[];
        etag: string;
      };
      const extra = CALLERS.filter((c) => c.level === level && c.role).map((c) => ({
        role_id: `roles/${c.role}`,
        members: [{ member_id: ids.get(c.name), member_type: 'SERVICE_PRINCIPAL' }],
      }));
      const res = await t.api('PUT', path, {
        policy: { bindings: [...policy.bindings, ...extra], etag: policy.etag },
      });
      expect(res.status).toBe(200);
    };
    await grant(`${RM}/organizations/${t.org}/iam-policy`, 'org');
    await grant(`${RM}/projects/${t.project}/iam-policy`, 'project');
    t.grantApp = (app: string) => grant(`${t.P}/apps/${app}/iam-policy`, 'app');
  });
  afterAll(async () => {
    await t.coffer.syncQueue.idle();
    await t.close();
    await aws.close();
  });

  /** Fresh resources for each call, so a permitted delete cannot change what the next call sees. */
  const fixture = async (): Promise<Ctx> => {
    const app = unique('app');
    await t.api('POST', `${t.P}/apps`, { name: app });
    await t.grantApp?.(app);
    await t.api('POST', `${t.P}/apps/${app}/secret/kv`, { name: 'S', value: 'v1' });
    await t.api('POST', `${t.P}/apps/${app}/secret/kv`, { name: 'S', value: 'v2' });
    const sp = (
      await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principals`, {
        name: unique('target'),
      })
    ).body.service_principal as { id: string };
    const key = (
      await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principal-keys`, {
        principal_id: sp.id,
      })
    ).body.key as { client_id: string };
    const provider = unique('wip');
    await t.api(
      'POST',
      `/iam/2019-12-10/organizations/${t.org}/service-principals/${sp.id}/workload-identity-providers`,
      {
        name: provider,
        issuer: 'https://issuer.example',
        allowed_audiences: ['coffer'],
        conditional_access: 'jwt_claims.sub == "x"',
      },
    );
    await t.api('PATCH', `${t.P}/apps/${app}`, { sync_names: ['base-sync'] });
    const integration = unique('spare');
    await t.api('POST', `${t.P}/integrations`, {
      name: integration,
      provider: 'aws',
      connection: awsConnection(),
    });
    const sync = unique('spare-sync');
    await t.api('POST', `${t.P}/syncs`, { name: sync, integration_name: 'base-conn', target: {} });
    const psp = (
      await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/projects/${t.project}/service-principals`, {
        name: unique('ptarget'),
      })
    ).body.service_principal as { id: string };
    const pBase = `/iam/2019-12-10/organizations/${t.org}/projects/${t.project}/service-principals/${psp.id}`;
    const pKey = (
      await t.api(
        'POST',
        `/iam/2019-12-10/organizations/${t.org}/projects/${t.project}/service-principal-keys`,
        {
          principal_id: psp.id,
        },
      )
    ).body.key as { client_id: string };
    const pProvider = unique('pwip');
    await t.api('POST', `${pBase}/workload-identity-providers`, {
      name: pProvider,
      issuer: 'https://issuer.example',
      allowed_audiences: ['coffer'],
      conditional_access: 'jwt_claims.sub == "x"',
    });
    const emptyApp = unique('empty');
    await t.api('POST', `${t.P}/apps`, { name: emptyApp });
    await t.grantApp?.(emptyApp);
    return {
      org: t.org,
      project: t.project,
      app,
      emptyApp,
      integration,
      sync,
      provider,
      sp: sp.id,
      clientId: key.client_id,
      psp: psp.id,
      pClientId: pKey.client_id,
      pProvider,
      P: t.P,
    };
  };

  const cases = OPS.flatMap((op) =>
    CALLERS.map((caller) => [op.op, caller.name, expected(caller, op), op, caller] as const),
  );

  it('has an expected row for every operation and no stray rows', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(OPS.map((o) => o.op).sort());
  });

  it('covers every documented route that authorizes', async () => {
    const doc = await t.api('GET', '/openapi.json');
    const documented = Object.values(
      doc.body.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((p) => Object.values(p).map((o) => o.operationId));
    const unauthorized = [
      'Token',
      'GetCallerIdentity',
      'ListOrganizations',
      'CreateOrganization',
      'DeleteApp',
      'LockOrganization',
      'LockProject',
      // The browser session's own routes: they act on the caller's session, not on a resource.
      'GetSession',
      'SignOut',
    ];
    const uncovered = documented.filter((o) => !unauthorized.includes(o) && !OPS.some((x) => x.op === o));
    expect(uncovered).toEqual([]);
  });

  it.each(cases)('%s by %s → %i', async (_op, _caller, status, op, caller) => {
    const x = await fixture();
    const api = apiFor(t.coffer.url, tokens.get(caller.name));
    const res = await api(op.method, op.path(x), await op.body?.(x, t.api));
    // A permitted lock is lifted at once so the next case starts unlocked.
    if (op.op.startsWith('Lock')) await t.api('POST', op.path(x).replace(/\/lock$/, '/unlock'));
    expect({ status: res.status, code: res.body.code }).toEqual({
      status,
      code: status === 200 ? undefined : status === 403 ? 7 : 5,
    });
  });
});

declare module '../helpers/coffer.js' {
  interface TestCoffer {
    grantApp?: (app: string) => Promise<void>;
  }
}
