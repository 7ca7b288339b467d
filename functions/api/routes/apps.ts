import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  createApp,
  deleteApp,
  getApp,
  listApps,
  purgeAppAndSecrets,
  updateApp,
} from '../../../shared/domain/apps/manage-apps.js';
import { actorOf } from '../../../shared/domain/principal.js';
import { appScope } from '../../../shared/domain/scope.js';
import type { AppEnv } from '../env.js';
import { pageRequestOf, paginationOf } from '../pagination.js';
import { SECRETS_PREFIX as P, withVerb } from '../paths.js';
import { presentApp } from '../presenters/apps.js';
import { authorizeApp, authorizeProject, bearer, errors, jsonBody, ok, okEmpty } from '../route-kit.js';
import {
  AppResponse,
  CreateAppBody,
  ListAppsQuery,
  ListAppsResponse,
  UpdateAppBody,
} from '../schemas/apps.js';
import { AppParams, ProjectParams } from '../schemas/common.js';

/** App operations; each route constant is named after its HCP operationId. */
const tags = ['Apps'];
const APP = `${P}/apps/{app_name}`;
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags, security: bearer, ...r });
const conflict = { 409: { description: 'an app of that name exists', content: errors[400].content } };
const notEmpty = {
  412: { description: 'the app still holds secrets (use :purge)', content: errors[400].content },
};

export const ListApps = route({
  operationId: 'ListApps',
  summary: 'List the apps of a project',
  method: 'get',
  path: `${P}/apps`,
  request: { params: ProjectParams, query: ListAppsQuery },
  responses: { ...ok(ListAppsResponse, 'one page of apps'), ...errors },
});
export const CreateApp = route({
  operationId: 'CreateApp',
  summary: 'Create an app',
  method: 'post',
  path: `${P}/apps`,
  description: 'Non-empty `sync_names` also connects the app to those syncs (needs the sync permission).',
  request: { params: ProjectParams, body: jsonBody(CreateAppBody) },
  responses: { ...ok(AppResponse, 'the new app'), ...errors, ...conflict },
});
export const GetApp = route({
  operationId: 'GetApp',
  summary: 'Get an app',
  method: 'get',
  path: APP,
  description: 'An app that does not exist, or that the caller may not see, is 404 (see docs/MIGRATION.md).',
  request: { params: AppParams },
  responses: { ...ok(AppResponse, 'the app'), ...errors },
});
export const UpdateApp = route({
  operationId: 'UpdateApp',
  summary: 'Update an app',
  method: 'patch',
  path: APP,
  description:
    'Fields left out (or `sync_names: null`) keep their values; `sync_names: []` disconnects every sync.',
  request: { params: AppParams, body: jsonBody(UpdateAppBody) },
  responses: { ...ok(AppResponse, 'the updated app'), ...errors },
});
export const DeleteApp = route({
  operationId: 'DeleteApp',
  summary: 'Delete an empty app',
  method: 'delete',
  path: APP,
  request: { params: AppParams },
  responses: { ...okEmpty('deleted'), ...errors, ...notEmpty },
});
export const PurgeAppAndSecrets = route({
  operationId: 'PurgeAppAndSecrets',
  summary: 'Delete an app with all its secrets',
  method: 'delete',
  path: withVerb(APP, 'purge'),
  request: { params: AppParams },
  responses: { ...okEmpty('the app and all its secrets are deleted'), ...errors },
});

export const registerAppRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(ListApps, async (c) => {
    const params = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = await authorizeProject(c, params, 'project.read');
    const listing = `apps:${params.organization_id}:${params.project_id}:${q.name_contains ?? ''}`;
    const page = await listApps(c.get('services'), scope, pageRequestOf(listing, q), {
      nameContains: q.name_contains || undefined,
    });
    return c.json({ apps: page.items.map(presentApp), pagination: paginationOf(listing, page) }, 200);
  });

  app.openapi(CreateApp, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const project = await authorizeProject(c, params, 'app.create');
    const syncNames = body.sync_names ?? [];
    // Connecting syncs sends secrets elsewhere: it needs the sync permission too.
    if (syncNames.length > 0) await authorizeProject(c, params, 'sync.manage');
    const created = await createApp(
      c.get('services'),
      appScope(project, body.name),
      { description: body.description ?? '', syncNames },
      actorOf(c.get('principal')),
    );
    return c.json({ app: presentApp(created) }, 200);
  });

  app.openapi(GetApp, async (c) => {
    const scope = await authorizeApp(c, c.req.valid('param'), 'app.read');
    return c.json({ app: presentApp(await getApp(c.get('services'), scope)) }, 200);
  });

  app.openapi(UpdateApp, async (c) => {
    const { description, sync_names } = c.req.valid('json');
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'app.update');
    // Connecting syncs sends secrets elsewhere: it needs the sync permission too (and no lock).
    if (sync_names !== null && sync_names !== undefined) await authorizeApp(c, params, 'sync.manage');
    const updated = await updateApp(
      c.get('services'),
      scope,
      { description, syncNames: sync_names ?? undefined },
      actorOf(c.get('principal')),
    );
    return c.json({ app: presentApp(updated) }, 200);
  });

  app.openapi(DeleteApp, async (c) => {
    await deleteApp(c.get('services'), await authorizeApp(c, c.req.valid('param'), 'app.delete'));
    return c.json({}, 200);
  });

  app.openapi(PurgeAppAndSecrets, async (c) => {
    await purgeAppAndSecrets(c.get('services'), await authorizeApp(c, c.req.valid('param'), 'app.delete'));
    return c.json({}, 200);
  });
};
