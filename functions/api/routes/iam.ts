import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { readPolicy, setLock, setPolicy } from '../../../shared/domain/access/policies.js';
import { roleId } from '../../../shared/domain/access/permissions.js';
import { CofferError } from '../../../shared/domain/errors.js';
import { actorOf } from '../../../shared/domain/principal.js';
import type { AccessState } from '../../../shared/domain/records.js';
import type { AccessTarget } from '../../../shared/domain/stores.js';
import type { AppEnv } from '../env.js';
import { SECRETS_PREFIX } from '../paths.js';
import { authorizeApp, authorizeOrg, authorizeProject, bearer, errors, jsonBody, ok } from '../route-kit.js';
import type { OrgParams } from '../schemas.js';
import { AppParams, LockStatus, Policy, SetPolicyBody } from '../schemas.js';
import { ResourceId } from '../../../shared/domain/names.js';

const RM = '/resource-manager/2019-12-10';
const tags = ['IAM'];
const ProjectIdParams = z.object({ id: ResourceId.openapi({ param: { name: 'id', in: 'path' } }) });
const OrgIdParams = ProjectIdParams;
const conflict = {
  409: { description: 'stale etag: the policy changed since it was read', content: errors[400].content },
};

const presentPolicy = (s: AccessState) => ({
  policy: {
    bindings: s.bindings.map((b) => ({
      role_id: roleId(b.role),
      members: b.members.map((m) => ({ member_id: m.id, member_type: m.type })),
    })),
    etag: s.etag,
  },
});
const presentLock = (s: AccessState) => ({
  lock_status: {
    locked: s.locked !== undefined,
    ...(s.locked ? { locked_at: s.locked.at, locked_by: s.locked.by } : {}),
  },
});

/** HCP's project paths carry no organization; project ids are global, so look it up. */
const projectTarget = async (
  c: Context<AppEnv>,
  projectId: string,
): Promise<{ orgId: string; projectId: string }> => {
  const orgId = await c.var.services.directory.findProjectOrg(projectId);
  if (!orgId) throw new CofferError('PROJECT_NOT_FOUND', `project ${projectId} not found`);
  return { orgId, projectId };
};

type Level = { name: string; path: string; params: typeof OrgIdParams | typeof AppParams };
const LEVELS: Level[] = [
  { name: 'Organization', path: `${RM}/organizations/{id}`, params: OrgIdParams },
  { name: 'Project', path: `${RM}/projects/{id}`, params: ProjectIdParams },
  { name: 'App', path: `${SECRETS_PREFIX}/apps/{app_name}`, params: AppParams },
];

/** Resolves and authorizes the target named by a level's path parameters. */
const targetOf = async (
  c: Context<AppEnv>,
  level: string,
  params: Record<string, string>,
  action: Parameters<typeof authorizeOrg>[2],
) => {
  if (level === 'Organization') {
    await authorizeOrg(c, params.id as string, action);
    return { orgId: params.id as string } satisfies AccessTarget;
  }
  if (level === 'Project') {
    const t = await projectTarget(c, params.id as string);
    await authorizeProject(c, { organization_id: t.orgId, project_id: t.projectId }, action);
    return t;
  }
  const p = params as { organization_id: string; project_id: string; app_name: string };
  await authorizeApp(c, p, action);
  return { orgId: p.organization_id, projectId: p.project_id, app: p.app_name };
};

export const registerIamRoutes = (app: OpenAPIHono<AppEnv>) => {
  for (const level of LEVELS) {
    const params = level.params as typeof AppParams;
    app.openapi(
      createRoute({
        operationId: `Get${level.name}IamPolicy`,
        method: 'get',
        path: `${level.path}/iam-policy`,
        tags,
        security: bearer,
        request: { params },
        responses: { ...ok(z.object({ policy: Policy }), 'the policy and its etag'), ...errors },
      }),
      async (c) => {
        const target = await targetOf(c, level.name, c.req.valid('param'), 'iam.read');
        return c.json(presentPolicy(await readPolicy(c.var.services, target)), 200);
      },
    );
    app.openapi(
      createRoute({
        operationId: `Set${level.name}IamPolicy`,
        method: 'put',
        path: `${level.path}/iam-policy`,
        tags,
        security: bearer,
        description:
          'Replaces the policy. Send the etag you read; a stale etag is 409 ABORTED and changes nothing.',
        request: { params, body: jsonBody(SetPolicyBody) },
        responses: { ...ok(z.object({ policy: Policy }), 'the new policy'), ...errors, ...conflict },
      }),
      async (c) => {
        const { policy } = c.req.valid('json');
        const target = await targetOf(c, level.name, c.req.valid('param'), 'iam.manage');
        return c.json(
          presentPolicy(await setPolicy(c.var.services, target, policy.bindings, policy.etag)),
          200,
        );
      },
    );
  }

  // Break-glass locks, on organizations and projects.
  for (const level of LEVELS.slice(0, 2)) {
    const params = level.params as typeof OrgParams & typeof ProjectIdParams;
    for (const [verb, locked] of [
      ['lock', true],
      ['unlock', false],
    ] as const) {
      app.openapi(
        createRoute({
          operationId: `${locked ? 'Lock' : 'Unlock'}${level.name}`,
          method: 'post',
          path: `${level.path}/${verb}`,
          tags,
          security: bearer,
          description: locked
            ? 'Break-glass: while locked nobody can open values, write or delete secrets, or change syncs.'
            : 'Lifts a break-glass lock.',
          request: { params },
          responses: { ...ok(LockStatus, 'the lock status'), ...errors },
        }),
        async (c) => {
          const target = await targetOf(c, level.name, c.req.valid('param'), 'lock.manage');
          const now = c.var.services.clock.now().toISOString();
          await setLock(
            c.var.services,
            target,
            locked ? { at: now, by: actorOf(c.var.principal) } : undefined,
          );
          return c.json(presentLock(await readPolicy(c.var.services, target)), 200);
        },
      );
    }
    app.openapi(
      createRoute({
        operationId: `Get${level.name}LockStatus`,
        method: 'get',
        path: `${level.path}/lock-status`,
        tags,
        security: bearer,
        request: { params },
        responses: { ...ok(LockStatus, 'the lock status'), ...errors },
      }),
      async (c) => {
        const target = await targetOf(c, level.name, c.req.valid('param'), 'lock.manage');
        return c.json(presentLock(await readPolicy(c.var.services, target)), 200);
      },
    );
  }
};
