import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  createApp,
  deleteApp,
  getApp,
  purgeApp,
  updateApp,
} from '../../../shared/domain/apps/manage-apps.js';
import { actorOf } from '../../../shared/domain/principal.js';
import { appScope } from '../../../shared/domain/scope.js';
import { setAppSyncs } from '../../../shared/domain/sync/manage.js';
import { enqueueAppSyncs } from '../../../shared/domain/sync/triggers.js';
import type { AppEnv } from '../env.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { SECRETS_PREFIX as P, withVerb } from '../paths.js';
import { pagination, presentApp } from '../present.js';
import { authorizeApp, authorizeProject, bearer, errors, jsonBody, ok, pageRequest } from '../route-kit.js';
import {
  App,
  AppParams,
  CreateAppBody,
  Pagination,
  PageQuery,
  ProjectParams,
  UpdateAppBody,
} from '../schemas.js';

const tags = ['Apps'];
const APP = `${P}/apps/{app_name}`;
const extra = {
  409: { description: 'an app of that name exists', content: errors[400].content },
  412: { description: 'the app still holds secrets (use :purge)', content: errors[400].content },
};

const list = createRoute({
  operationId: 'ListApps',
  method: 'get',
  path: `${P}/apps`,
  tags,
  security: bearer,
  request: { params: ProjectParams, query: PageQuery },
  responses: {
    ...ok(z.object({ apps: z.array(App), pagination: Pagination }), 'apps of the project'),
    ...errors,
  },
});
const create = createRoute({
  operationId: 'CreateApp',
  method: 'post',
  path: `${P}/apps`,
  tags,
  security: bearer,
  request: { params: ProjectParams, body: jsonBody(CreateAppBody) },
  responses: { ...ok(z.object({ app: App }), 'the new app'), ...errors, 409: extra[409] },
});
const get = createRoute({
  operationId: 'GetApp',
  method: 'get',
  path: APP,
  tags,
  security: bearer,
  request: { params: AppParams },
  responses: { ...ok(z.object({ app: App }), 'the app'), ...errors },
});
const update = createRoute({
  operationId: 'UpdateApp',
  method: 'patch',
  path: APP,
  tags,
  security: bearer,
  description: 'Fields left out keep their values (HCP dropped sync_names on PATCH; Coffer does not).',
  request: { params: AppParams, body: jsonBody(UpdateAppBody) },
  responses: { ...ok(z.object({ app: App }), 'the updated app'), ...errors },
});
const remove = createRoute({
  operationId: 'DeleteApp',
  method: 'delete',
  path: APP,
  tags,
  security: bearer,
  request: { params: AppParams },
  responses: { ...ok(z.object({}), 'deleted'), ...errors, 412: extra[412] },
});
const purge = createRoute({
  operationId: 'PurgeApp',
  method: 'delete',
  path: withVerb(APP, 'purge'),
  tags,
  security: bearer,
  request: { params: AppParams },
  responses: { ...ok(z.object({}), 'the app and all its secrets are deleted'), ...errors },
});

export const registerAppRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(list, async (c) => {
    const params = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = await authorizeProject(c, params, 'project.read');
    const listing = `apps:${params.organization_id}:${params.project_id}`;
    const page = await c.var.services.apps.listApps(
      scope,
      pageRequest(q, decodePageToken(listing, q['pagination.next_page_token'])),
    );
    return c.json(
      { apps: page.items.map(presentApp), pagination: pagination(encodePageToken(listing, page.nextCursor)) },
      200,
    );
  });

  app.openapi(create, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const scope = appScope(await authorizeProject(c, params, 'app.create'), body.name);
    const created = await createApp(
      c.var.services,
      scope,
      { description: body.description },
      actorOf(c.var.principal),
    );
    return c.json({ app: presentApp(created) }, 200);
  });

  app.openapi(get, async (c) => {
    const scope = await authorizeApp(c, c.req.valid('param'), 'app.read');
    return c.json({ app: presentApp(await getApp(c.var.services, scope)) }, 200);
  });

  app.openapi(update, async (c) => {
    const { description, sync_names } = c.req.valid('json');
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'app.update');
    if (sync_names !== undefined) {
      // Connecting syncs sends secrets elsewhere: it needs the sync permission too (and no lock).
      await authorizeApp(c, params, 'sync.manage');
      await setAppSyncs(c.var.services, scope, sync_names);
      await enqueueAppSyncs(c.var.services, scope);
    }
    const updated = await updateApp(
      c.var.services,
      scope,
      description === undefined ? {} : { description },
      actorOf(c.var.principal),
    );
    return c.json({ app: presentApp(updated) }, 200);
  });

  app.openapi(remove, async (c) => {
    await deleteApp(c.var.services, await authorizeApp(c, c.req.valid('param'), 'app.delete'));
    return c.json({}, 200);
  });

  app.openapi(purge, async (c) => {
    await purgeApp(c.var.services, await authorizeApp(c, c.req.valid('param'), 'app.delete'));
    return c.json({}, 200);
  });
};
