import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  createIntegration,
  createSync,
  deleteIntegration,
  deleteSync,
  getAppSyncs,
  replaceIntegrationConnection,
  requireIntegration,
  requireSync,
  triggerAppSync,
} from '../../../shared/domain/sync/manage.js';
import { actorOf } from '../../../shared/domain/principal.js';
import type { AppEnv } from '../env.js';
import { SECRETS_PREFIX as P, withVerb } from '../paths.js';
import { presentAppSync, presentIntegration, presentSync } from '../presenters/sync.js';
import { authorizeApp, authorizeProject, bearer, errors, jsonBody, ok, okEmpty } from '../route-kit.js';
import { AppParams, ProjectParams } from '../schemas/common.js';
import {
  AppSyncsResponse,
  CreateIntegrationBody,
  CreateSyncBody,
  IntegrationResponse,
  ListIntegrationsResponse,
  ListSyncsResponse,
  SyncPlan,
  SyncResponse,
  UpdateIntegrationBody,
} from '../schemas/sync.js';

/** Integrations (destination connections), syncs (destination settings) and per-app sync control. */
const tags = ['Sync'];
const nameParam = (name: string) =>
  z
    .string()
    .max(64)
    .openapi({ param: { name, in: 'path' } });
const IntegrationParams = ProjectParams.extend({ integration_name: nameParam('integration_name') });
const SyncParams = ProjectParams.extend({ sync_name: nameParam('sync_name') });
const AppSyncParams = AppParams.extend({ sync_name: nameParam('sync_name') });
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags, security: bearer, ...r });
const conflict = { 409: { description: 'the name is taken', content: errors[400].content } };

export const ListIntegrations = route({
  operationId: 'ListIntegrations',
  summary: 'List a project’s integrations',
  method: 'get',
  path: `${P}/integrations`,
  request: { params: ProjectParams },
  responses: { ...ok(ListIntegrationsResponse, 'integrations (never their credentials)'), ...errors },
});
export const CreateIntegration = route({
  operationId: 'CreateIntegration',
  summary: 'Create an integration (a destination connection)',
  method: 'post',
  path: `${P}/integrations`,
  request: { params: ProjectParams, body: jsonBody(CreateIntegrationBody) },
  responses: {
    ...ok(IntegrationResponse, 'the integration; credentials are sealed'),
    ...errors,
    ...conflict,
  },
});
export const GetIntegration = route({
  operationId: 'GetIntegration',
  summary: 'Get an integration',
  method: 'get',
  path: `${P}/integrations/{integration_name}`,
  request: { params: IntegrationParams },
  responses: { ...ok(IntegrationResponse, 'the integration'), ...errors },
});
export const UpdateIntegration = route({
  operationId: 'UpdateIntegration',
  summary: 'Replace an integration’s credentials',
  description: 'The old credentials are not kept.',
  method: 'patch',
  path: `${P}/integrations/{integration_name}`,
  request: { params: IntegrationParams, body: jsonBody(UpdateIntegrationBody) },
  responses: { ...ok(IntegrationResponse, 'the integration'), ...errors },
});
export const DeleteIntegration = route({
  operationId: 'DeleteIntegration',
  summary: 'Delete an integration',
  method: 'delete',
  path: `${P}/integrations/{integration_name}`,
  request: { params: IntegrationParams },
  responses: { ...okEmpty('deleted (412 while a sync uses it)'), ...errors },
});
export const ListSyncs = route({
  operationId: 'ListSyncs',
  summary: 'List a project’s syncs',
  method: 'get',
  path: `${P}/syncs`,
  request: { params: ProjectParams },
  responses: { ...ok(ListSyncsResponse, 'syncs of the project'), ...errors },
});
export const CreateSync = route({
  operationId: 'CreateSync',
  summary: 'Create a sync (where an integration’s destination receives secrets)',
  method: 'post',
  path: `${P}/syncs`,
  request: { params: ProjectParams, body: jsonBody(CreateSyncBody) },
  responses: { ...ok(SyncResponse, 'the sync'), ...errors, ...conflict },
});
export const GetSync = route({
  operationId: 'GetSync',
  summary: 'Get a sync',
  method: 'get',
  path: `${P}/syncs/{sync_name}`,
  request: { params: SyncParams },
  responses: { ...ok(SyncResponse, 'the sync'), ...errors },
});
export const DeleteSync = route({
  operationId: 'DeleteSync',
  summary: 'Delete a sync',
  method: 'delete',
  path: `${P}/syncs/{sync_name}`,
  request: { params: SyncParams },
  responses: { ...okEmpty('deleted (412 while an app is connected to it)'), ...errors },
});
export const GetAppSyncs = route({
  operationId: 'GetAppSyncs',
  summary: 'An app’s syncs with their last run',
  method: 'get',
  path: `${P}/apps/{app_name}/syncs`,
  request: { params: AppParams },
  responses: { ...ok(AppSyncsResponse, 'one entry per connected sync'), ...errors },
});
export const PlanAppSync = route({
  operationId: 'PlanAppSync',
  summary: 'Dry-run a sync (Coffer)',
  description: 'What the next run would do, per secret (names and actions, never values).',
  method: 'get',
  path: withVerb(`${P}/apps/{app_name}/syncs/{sync_name}`, 'plan'),
  request: { params: AppSyncParams },
  responses: { ...ok(SyncPlan, 'the plan'), ...errors },
});
export const TriggerAppSync = route({
  operationId: 'TriggerAppSync',
  summary: 'Run a sync now (Coffer)',
  description: 'Runs are also queued on every change and on a schedule.',
  method: 'post',
  path: withVerb(`${P}/apps/{app_name}/syncs/{sync_name}`, 'sync'),
  request: { params: AppSyncParams },
  responses: { ...okEmpty('queued'), ...errors },
});

export const registerSyncRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(ListIntegrations, async (c) => {
    const scope = await authorizeProject(c, c.req.valid('param'), 'project.read');
    const all = await c.get('services').syncs.listIntegrations(scope);
    return c.json({ integrations: all.map((i) => presentIntegration(scope.projectId, i)) }, 200);
  });
  app.openapi(CreateIntegration, async (c) => {
    const body = c.req.valid('json');
    const scope = await authorizeProject(c, c.req.valid('param'), 'integration.manage');
    const input = { name: body.name, provider: body.provider, connection: body.connection };
    const created = await createIntegration(c.get('services'), scope, input, actorOf(c.get('principal')));
    return c.json({ integration: presentIntegration(scope.projectId, created) }, 200);
  });
  app.openapi(GetIntegration, async (c) => {
    const p = c.req.valid('param');
    const scope = await authorizeProject(c, p, 'project.read');
    const found = await requireIntegration(c.get('services'), scope, p.integration_name);
    return c.json({ integration: presentIntegration(scope.projectId, found) }, 200);
  });
  app.openapi(UpdateIntegration, async (c) => {
    const p = c.req.valid('param');
    const scope = await authorizeProject(c, p, 'integration.manage');
    const updated = await replaceIntegrationConnection(
      c.get('services'),
      scope,
      p.integration_name,
      c.req.valid('json').connection,
    );
    return c.json({ integration: presentIntegration(scope.projectId, updated) }, 200);
  });
  app.openapi(DeleteIntegration, async (c) => {
    const p = c.req.valid('param');
    const scope = await authorizeProject(c, p, 'integration.manage');
    await deleteIntegration(c.get('services'), scope, p.integration_name);
    return c.json({}, 200);
  });

  app.openapi(ListSyncs, async (c) => {
    const scope = await authorizeProject(c, c.req.valid('param'), 'project.read');
    const all = await c.get('services').syncs.listSyncs(scope);
    return c.json({ syncs: all.map((s) => presentSync(scope.projectId, s)) }, 200);
  });
  app.openapi(CreateSync, async (c) => {
    const b = c.req.valid('json');
    const scope = await authorizeProject(c, c.req.valid('param'), 'sync.manage');
    const input = {
      name: b.name,
      integrationName: b.integration_name,
      target: b.target,
      deleteBehavior: b.delete_behavior ?? 'DELETE',
    };
    const created = await createSync(c.get('services'), scope, input, actorOf(c.get('principal')));
    return c.json({ sync: presentSync(scope.projectId, created) }, 200);
  });
  app.openapi(GetSync, async (c) => {
    const p = c.req.valid('param');
    const scope = await authorizeProject(c, p, 'project.read');
    return c.json(
      { sync: presentSync(scope.projectId, await requireSync(c.get('services'), scope, p.sync_name)) },
      200,
    );
  });
  app.openapi(DeleteSync, async (c) => {
    const p = c.req.valid('param');
    await deleteSync(c.get('services'), await authorizeProject(c, p, 'sync.manage'), p.sync_name);
    return c.json({}, 200);
  });

  app.openapi(GetAppSyncs, async (c) => {
    const scope = await authorizeApp(c, c.req.valid('param'), 'app.read');
    const { app: record, syncs } = await getAppSyncs(c.get('services'), scope);
    return c.json({ syncs: syncs.map((s) => presentAppSync(record, s.name, s.run)) }, 200);
  });
  app.openapi(PlanAppSync, async (c) => {
    const p = c.req.valid('param');
    const scope = await authorizeApp(c, p, 'app.read');
    const actions = await c.get('services').planner.plan({
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
  });
  app.openapi(TriggerAppSync, async (c) => {
    const p = c.req.valid('param');
    await triggerAppSync(c.get('services'), await authorizeApp(c, p, 'sync.manage'), p.sync_name);
    return c.json({}, 200);
  });
};
