import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  getOrganizationLockStatus,
  getProjectLockStatus,
  lockOrganization,
  lockProject,
  unlockOrganization,
  unlockProject,
} from '../../../shared/domain/access/locks.js';
import { readPolicy, setPolicy } from '../../../shared/domain/access/policies.js';
import { actorOf } from '../../../shared/domain/principal.js';
import type { AccessTarget } from '../../../shared/domain/stores.js';
import type { AppEnv } from '../env.js';
import { SECRETS_PREFIX } from '../paths.js';
import { presentLock, presentPolicy } from '../presenters/iam.js';
import {
  authorizeApp,
  authorizeOrg,
  authorizeProject,
  bearer,
  errors,
  jsonBody,
  ok,
  okEmpty,
} from '../route-kit.js';
import { AppParams, IdParams, OrgParams, ProjectParams } from '../schemas/common.js';
import {
  LockBody,
  OrganizationLockStatus,
  PolicyResponse,
  ProjectLockStatus,
  SetPolicyBody,
} from '../schemas/iam.js';
import { authorizeProjectById } from './resource-manager.js';

/**
 * IAM policies of organizations, projects and apps (HCP's OrganizationService_/ProjectService_
 * Get/SetIamPolicy; app policies are Coffer's) and HCP Vault Secrets' break-glass locks.
 */
const RM = '/resource-manager/2019-12-10';
const ORG_SECRETS = '/secrets/2023-11-28/organizations/{organization_id}';
const tags = ['IAM'];
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags, security: bearer, ...r });
const stale = {
  409: { description: 'stale etag: the policy changed since it was read', content: errors[400].content },
};
const SET_DESCRIPTION =
  'Replaces the policy. Send the etag you read; a stale etag is 409 ABORTED and changes nothing.';

export const GetOrganizationIamPolicy = route({
  operationId: 'GetOrganizationIamPolicy',
  summary: 'Get an organization’s IAM policy',
  description: 'HCP: OrganizationService_GetIamPolicy.',
  method: 'get',
  path: `${RM}/organizations/{id}/iam-policy`,
  request: { params: IdParams },
  responses: { ...ok(PolicyResponse, 'the policy and its etag'), ...errors },
});
export const SetOrganizationIamPolicy = route({
  operationId: 'SetOrganizationIamPolicy',
  summary: 'Replace an organization’s IAM policy',
  description: `HCP: OrganizationService_SetIamPolicy. ${SET_DESCRIPTION}`,
  method: 'put',
  path: `${RM}/organizations/{id}/iam-policy`,
  request: { params: IdParams, body: jsonBody(SetPolicyBody) },
  responses: { ...ok(PolicyResponse, 'the new policy'), ...errors, ...stale },
});
export const GetProjectIamPolicy = route({
  operationId: 'GetProjectIamPolicy',
  summary: 'Get a project’s IAM policy',
  description: 'HCP: ProjectService_GetIamPolicy.',
  method: 'get',
  path: `${RM}/projects/{id}/iam-policy`,
  request: { params: IdParams },
  responses: { ...ok(PolicyResponse, 'the policy and its etag'), ...errors },
});
export const SetProjectIamPolicy = route({
  operationId: 'SetProjectIamPolicy',
  summary: 'Replace a project’s IAM policy',
  description: `HCP: ProjectService_SetIamPolicy. ${SET_DESCRIPTION}`,
  method: 'put',
  path: `${RM}/projects/{id}/iam-policy`,
  request: { params: IdParams, body: jsonBody(SetPolicyBody) },
  responses: { ...ok(PolicyResponse, 'the new policy'), ...errors, ...stale },
});
export const GetAppIamPolicy = route({
  operationId: 'GetAppIamPolicy',
  summary: 'Get an app’s IAM policy (Coffer)',
  method: 'get',
  path: `${SECRETS_PREFIX}/apps/{app_name}/iam-policy`,
  request: { params: AppParams },
  responses: { ...ok(PolicyResponse, 'the policy and its etag'), ...errors },
});
export const SetAppIamPolicy = route({
  operationId: 'SetAppIamPolicy',
  summary: 'Replace an app’s IAM policy (Coffer)',
  description: SET_DESCRIPTION,
  method: 'put',
  path: `${SECRETS_PREFIX}/apps/{app_name}/iam-policy`,
  request: { params: AppParams, body: jsonBody(SetPolicyBody) },
  responses: { ...ok(PolicyResponse, 'the new policy'), ...errors, ...stale },
});

const LOCK_DESCRIPTION =
  'Break-glass: while locked nobody can open values, write or delete secrets, delete apps or change syncs.';
export const LockOrganization = route({
  operationId: 'LockOrganization',
  summary: 'Lock an organization',
  description: LOCK_DESCRIPTION,
  method: 'post',
  path: `${ORG_SECRETS}/lock`,
  request: { params: OrgParams, body: { ...jsonBody(LockBody), required: false } },
  responses: { ...okEmpty('locked'), ...errors },
});
export const UnlockOrganization = route({
  operationId: 'UnlockOrganization',
  summary: 'Unlock an organization',
  method: 'post',
  path: `${ORG_SECRETS}/unlock`,
  request: { params: OrgParams },
  responses: { ...okEmpty('unlocked'), ...errors },
});
export const GetOrganizationLockStatus = route({
  operationId: 'GetOrganizationLockStatus',
  summary: 'Get an organization’s and its projects’ locks',
  method: 'get',
  path: `${ORG_SECRETS}/lock-status`,
  request: { params: OrgParams },
  responses: { ...ok(OrganizationLockStatus, 'the locks'), ...errors },
});
export const LockProject = route({
  operationId: 'LockProject',
  summary: 'Lock a project',
  description: LOCK_DESCRIPTION,
  method: 'post',
  path: `${SECRETS_PREFIX}/lock`,
  request: { params: ProjectParams, body: { ...jsonBody(LockBody), required: false } },
  responses: { ...okEmpty('locked'), ...errors },
});
export const UnlockProject = route({
  operationId: 'UnlockProject',
  summary: 'Unlock a project',
  method: 'post',
  path: `${SECRETS_PREFIX}/unlock`,
  request: { params: ProjectParams },
  responses: { ...okEmpty('unlocked'), ...errors },
});
export const GetProjectLockStatus = route({
  operationId: 'GetProjectLockStatus',
  summary: 'Get a project’s lock and its organization’s',
  method: 'get',
  path: `${SECRETS_PREFIX}/lock-status`,
  request: { params: ProjectParams },
  responses: { ...ok(ProjectLockStatus, 'the locks'), ...errors },
});

type PolicyAction = 'iam.read' | 'iam.manage';
const orgTarget = async (c: Context<AppEnv>, id: string, action: PolicyAction): Promise<AccessTarget> => {
  await authorizeOrg(c, id, action);
  return { orgId: id };
};
const projectTarget = async (c: Context<AppEnv>, id: string, action: PolicyAction): Promise<AccessTarget> => {
  const scope = await authorizeProjectById(c, id, action);
  return { orgId: scope.orgId, projectId: scope.projectId };
};
const appTarget = async (
  c: Context<AppEnv>,
  p: { organization_id: string; project_id: string; app_name: string },
  action: PolicyAction,
): Promise<AccessTarget> => {
  await authorizeApp(c, p, action);
  return { orgId: p.organization_id, projectId: p.project_id, app: p.app_name };
};

export const registerIamRoutes = (app: OpenAPIHono<AppEnv>) => {
  const s = (c: Context<AppEnv>) => c.get('services');

  app.openapi(GetOrganizationIamPolicy, async (c) =>
    c.json(
      presentPolicy(await readPolicy(s(c), await orgTarget(c, c.req.valid('param').id, 'iam.read'))),
      200,
    ),
  );
  app.openapi(SetOrganizationIamPolicy, async (c) => {
    const { policy } = c.req.valid('json');
    const target = await orgTarget(c, c.req.valid('param').id, 'iam.manage');
    return c.json(presentPolicy(await setPolicy(s(c), target, bindingsOf(policy), policy.etag)), 200);
  });
  app.openapi(GetProjectIamPolicy, async (c) =>
    c.json(
      presentPolicy(await readPolicy(s(c), await projectTarget(c, c.req.valid('param').id, 'iam.read'))),
      200,
    ),
  );
  app.openapi(SetProjectIamPolicy, async (c) => {
    const { policy } = c.req.valid('json');
    const target = await projectTarget(c, c.req.valid('param').id, 'iam.manage');
    return c.json(presentPolicy(await setPolicy(s(c), target, bindingsOf(policy), policy.etag)), 200);
  });
  app.openapi(GetAppIamPolicy, async (c) =>
    c.json(presentPolicy(await readPolicy(s(c), await appTarget(c, c.req.valid('param'), 'iam.read'))), 200),
  );
  app.openapi(SetAppIamPolicy, async (c) => {
    const { policy } = c.req.valid('json');
    const target = await appTarget(c, c.req.valid('param'), 'iam.manage');
    return c.json(presentPolicy(await setPolicy(s(c), target, bindingsOf(policy), policy.etag)), 200);
  });

  app.openapi(LockOrganization, async (c) => {
    const org = await authorizeOrg(c, c.req.valid('param').organization_id, 'lock.manage');
    await lockOrganization(s(c), org, c.req.valid('json').reason ?? '', actorOf(c.get('principal')));
    return c.json({}, 200);
  });
  app.openapi(UnlockOrganization, async (c) => {
    await unlockOrganization(
      s(c),
      await authorizeOrg(c, c.req.valid('param').organization_id, 'lock.manage'),
    );
    return c.json({}, 200);
  });
  app.openapi(GetOrganizationLockStatus, async (c) => {
    const org = await authorizeOrg(c, c.req.valid('param').organization_id, 'lock.manage');
    const status = await getOrganizationLockStatus(s(c), org);
    return c.json(
      {
        locks: status.locks.map(presentLock),
        project_locks: Object.fromEntries(
          Object.entries(status.projectLocks).map(([id, locks]) => [id, { locks: locks.map(presentLock) }]),
        ),
      },
      200,
    );
  });
  app.openapi(LockProject, async (c) => {
    const project = await authorizeProject(c, c.req.valid('param'), 'lock.manage');
    await lockProject(s(c), project, c.req.valid('json').reason ?? '', actorOf(c.get('principal')));
    return c.json({}, 200);
  });
  app.openapi(UnlockProject, async (c) => {
    await unlockProject(s(c), await authorizeProject(c, c.req.valid('param'), 'lock.manage'));
    return c.json({}, 200);
  });
  app.openapi(GetProjectLockStatus, async (c) => {
    const project = await authorizeProject(c, c.req.valid('param'), 'lock.manage');
    const status = await getProjectLockStatus(s(c), project);
    return c.json(
      {
        locks: status.locks.map(presentLock),
        ...(status.organizationLock ? { organization_lock: presentLock(status.organizationLock) } : {}),
      },
      200,
    );
  });
};

/** The Go client sends `null` for an empty list. */
const bindingsOf = (policy: z.infer<typeof SetPolicyBody>['policy']) =>
  (policy.bindings ?? []).map((b) => ({ role_id: b.role_id, members: b.members ?? [] }));
