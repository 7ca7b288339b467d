import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  createIntegration,
  createSync,
  deleteIntegration,
  deleteSync,
  replaceIntegrationConnection,
  requireIntegration,
  requireSync,
} from '../../../shared/domain/sync/manage.js';
import type { Integration as IntegrationRecord, SyncConfig } from '../../../shared/domain/sync/records.js';
import { CofferError } from '../../../shared/domain/errors.js';
import { actorOf } from '../../../shared/domain/principal.js';
import { getApp } from '../../../shared/domain/apps/manage-apps.js';
import type { AppEnv } from '../env.js';
import { SECRETS_PREFIX as P, withVerb } from '../paths.js';
import { authorizeApp, authorizeProject, bearer, errors, jsonBody, ok } from '../route-kit.js';
import {
  AppParams,
  AppSyncStatus,
  CreateIntegrationBody,
  CreateSyncBody,
  Integration,
  ProjectParams,
  Sync,
  SyncPlan,
  UpdateIntegrationBody,
} from '../schemas.js';

const tags = ['Sync'];
const IntegrationParams = ProjectParams.extend({
  integration_name: z
    .string()
    .max(64)
    .openapi({ param: { name: 'integration_name', in: 'path' } }),
});
const SyncParams = ProjectParams.extend({
  sync_name: z
    .string()
    .max(64)
    .openapi({ param: { name: 'sync_name', in: 'path' } }),
});
const AppSyncParams = AppParams.extend({
  sync_name: z
    .string()
    .max(64)
    .openapi({ param: { name: 'sync_name', in: 'path' } }),
});
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags, security: bearer, ...r });

const presentIntegration = (i: IntegrationRecord) => ({
  name: i.name,
  provider: i.provider,
  created_at: i.createdAt,
  created_by: i.createdBy,
  updated_at: i.updatedAt,
});
const presentSync = (s: SyncConfig) => ({
  name: s.name,
  integration_name: s.integrationName,
  provider: s.provider,
  target: { ...s.target },
  delete_behavior: s.deleteBehavior,
  created_at: s.createdAt,
  created_by: s.createdBy,
});
const conflict = { 409: { description: 'the name is taken', content: errors[400].content } };

/** Integrations (destination connections), syncs (destination settings) and per-app sync control. */
export const registerSyncRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    route({
      operationId: 'ListIntegrations',
      method: 'get',
      path: `${P}/integrations`,
      request: { params: ProjectParams },
      responses: {
        ...ok(z.object({ integrations: z.array(Integration) }), 'integrations (never their credentials)'),
        ...errors,
      },
    }),
    async (c) => {
      const scope = await authorizeProject(c, c.req.valid('param'), 'project.read');
      return c.json(
        { integrations: (await c.var.services.syncs.listIntegrations(scope)).map(presentIntegration) },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'CreateIntegration',
      method: 'post',
      path: `${P}/integrations`,
      request: { params: ProjectParams, body: jsonBody(CreateIntegrationBody) },
      responses: {
        ...ok(
          z.object({ integration: Integration }),
          'the integration; its credentials are sealed and never returned',
        ),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const scope = await authorizeProject(c, c.req.valid('param'), 'integration.manage');
      const input = { name: body.name, provider: body.provider, connection: body.connection };
      const created = await createIntegration(c.var.services, scope, input, actorOf(c.var.principal));
      return c.json({ integration: presentIntegration(created) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'GetIntegration',
      method: 'get',
      path: `${P}/integrations/{integration_name}`,
      request: { params: IntegrationParams },
      responses: { ...ok(z.object({ integration: Integration }), 'the integration'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const scope = await authorizeProject(c, p, 'project.read');
      return c.json(
        {
          integration: presentIntegration(
            await requireIntegration(c.var.services, scope, p.integration_name),
          ),
        },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'UpdateIntegration',
      method: 'patch',
      path: `${P}/integrations/{integration_name}`,
      description: 'Replaces the credentials (admins). The old ones are not kept.',
      request: { params: IntegrationParams, body: jsonBody(UpdateIntegrationBody) },
      responses: { ...ok(z.object({ integration: Integration }), 'the integration'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const scope = await authorizeProject(c, p, 'integration.manage');
      const updated = await replaceIntegrationConnection(
        c.var.services,
        scope,
        p.integration_name,
        c.req.valid('json').connection,
      );
      return c.json({ integration: presentIntegration(updated) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'DeleteIntegration',
      method: 'delete',
      path: `${P}/integrations/{integration_name}`,
      request: { params: IntegrationParams },
      responses: { ...ok(z.object({}), 'deleted (412 while a sync uses it)'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      await deleteIntegration(
        c.var.services,
        await authorizeProject(c, p, 'integration.manage'),
        p.integration_name,
      );
      return c.json({}, 200);
    },
  );

  app.openapi(
    route({
      operationId: 'ListSyncs',
      method: 'get',
      path: `${P}/syncs`,
      request: { params: ProjectParams },
      responses: { ...ok(z.object({ syncs: z.array(Sync) }), 'syncs of the project'), ...errors },
    }),
    async (c) => {
      const scope = await authorizeProject(c, c.req.valid('param'), 'project.read');
      return c.json({ syncs: (await c.var.services.syncs.listSyncs(scope)).map(presentSync) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'CreateSync',
      method: 'post',
      path: `${P}/syncs`,
      request: { params: ProjectParams, body: jsonBody(CreateSyncBody) },
      responses: { ...ok(z.object({ sync: Sync }), 'the sync'), ...errors, ...conflict },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const scope = await authorizeProject(c, c.req.valid('param'), 'sync.manage');
      const input = {
        name: b.name,
        integrationName: b.integration_name,
        target: b.target,
        deleteBehavior: b.delete_behavior,
      };
      return c.json(
        { sync: presentSync(await createSync(c.var.services, scope, input, actorOf(c.var.principal))) },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'GetSync',
      method: 'get',
      path: `${P}/syncs/{sync_name}`,
      request: { params: SyncParams },
      responses: { ...ok(z.object({ sync: Sync }), 'the sync'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const scope = await authorizeProject(c, p, 'project.read');
      return c.json({ sync: presentSync(await requireSync(c.var.services, scope, p.sync_name)) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'DeleteSync',
      method: 'delete',
      path: `${P}/syncs/{sync_name}`,
      request: { params: SyncParams },
      responses: { ...ok(z.object({}), 'deleted (412 while an app is connected to it)'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      await deleteSync(c.var.services, await authorizeProject(c, p, 'sync.manage'), p.sync_name);
      return c.json({}, 200);
    },
  );

  app.openapi(
    route({
      operationId: 'ListAppSyncs',
      method: 'get',
      path: `${P}/apps/{app_name}/syncs`,
      request: { params: AppParams },
      responses: {
        ...ok(z.object({ syncs: z.array(AppSyncStatus) }), 'the app’s syncs with their last run'),
        ...errors,
      },
    }),
    async (c) => {
      const scope = await authorizeApp(c, c.req.valid('param'), 'app.read');
      const app = await getApp(c.var.services, scope);
      const runs = new Map((await c.var.services.syncs.listAppSyncStatuses(scope)).map((s) => [s.sync, s]));
      const syncs = app.syncNames.map((name) => {
        const run = runs.get(name);
        return {
          name,
          status: run?.status ?? 'PENDING',
          last_sync_at: run?.lastSyncAt ?? '',
          last_error_code: run?.lastErrorCode ?? '',
          counts: { ...run?.counts },
        };
      });
      return c.json({ syncs }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'PlanAppSync',
      method: 'get',
      path: withVerb(`${P}/apps/{app_name}/syncs/{sync_name}`, 'plan'),
      description: 'Dry run: what the next run would do, per secret (names and actions, never values).',
      request: { params: AppSyncParams },
      responses: { ...ok(SyncPlan, 'the plan'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const scope = await authorizeApp(c, p, 'app.read');
      const actions = await c.var.services.planner.plan({
        orgId: scope.orgId,
        projectId: scope.projectId,
        app: scope.app,
        sync: p.sync_name,
        reason: 'manual',
      });
      return c.json(
        {
          actions: actions.map((a) => ({
            secret_name: a.secretName,
            destination_name: a.destinationName,
            action: a.action,
            ...(a.reason ? { reason: a.reason } : {}),
          })),
        },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'TriggerAppSync',
      method: 'post',
      path: withVerb(`${P}/apps/{app_name}/syncs/{sync_name}`, 'sync'),
      description: 'Queues a run now (runs are also queued on every change and on a schedule).',
      request: { params: AppSyncParams },
      responses: { ...ok(z.object({}), 'queued'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const scope = await authorizeApp(c, p, 'sync.manage');
      const app = await getApp(c.var.services, scope);
      if (!app.syncNames.includes(p.sync_name))
        throw new CofferError('SYNC_NOT_FOUND', `app ${p.app_name} is not connected to sync ${p.sync_name}`);
      await c.var.services.syncQueue.enqueue({
        orgId: scope.orgId,
        projectId: scope.projectId,
        app: scope.app,
        sync: p.sync_name,
        reason: 'manual',
      });
      return c.json({}, 200);
    },
  );
};
