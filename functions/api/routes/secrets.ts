import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Action } from '../../../shared/domain/access/permissions.js';
import { bulkWrite } from '../../../shared/domain/secrets/bulk-write.js';
import { deleteSecret } from '../../../shared/domain/secrets/delete-secret.js';
import {
  getSecret,
  getVersion,
  listSecrets,
  listVersions,
  openHead,
  openVersionRecord,
} from '../../../shared/domain/secrets/read-secrets.js';
import { writeSecret } from '../../../shared/domain/secrets/write-secret.js';
import { enqueueAppSyncs } from '../../../shared/domain/sync/triggers.js';
import { actorOf } from '../../../shared/domain/principal.js';
import type { AppEnv } from '../env.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { SECRETS_PREFIX as P, withVerb } from '../paths.js';
import {
  pagination,
  presentOpenSecret,
  presentOpenVersion,
  presentSecret,
  presentVersion,
} from '../present.js';
import { authorizeApp, bearer, errors, jsonBody, ok, pageRequest, revealsValues } from '../route-kit.js';
import {
  AppParams,
  BatchBody,
  CreateSecretBody,
  OpenSecret,
  OpenVersion,
  Pagination,
  PageQuery,
  Secret,
  SecretListQuery,
  SecretParams,
  Version,
  VersionParams,
} from '../schemas.js';

const tags = ['Secrets'];
const APP = `${P}/apps/{app_name}`;
const SECRET = `${APP}/secrets/{secret_name}`;
const conflict = {
  409: { description: 'already exists, or expected_version did not match', content: errors[400].content },
};

const createSecret = createRoute({
  operationId: 'CreateAppKVSecret',
  method: 'post',
  path: `${APP}/secret/kv`,
  tags,
  security: bearer,
  request: { params: AppParams, body: jsonBody(CreateSecretBody) },
  responses: { ...ok(z.object({ secret: Secret }), 'the new version'), ...errors, ...conflict },
});
const batch = createRoute({
  operationId: 'CreateAppKVSecretsBatch',
  method: 'post',
  path: withVerb(`${APP}/secret/kv`, 'batch'),
  tags,
  security: bearer,
  request: { params: AppParams, body: jsonBody(BatchBody) },
  responses: { ...ok(z.object({ secrets: z.array(Secret) }), 'the secrets written'), ...errors, ...conflict },
});
const list = createRoute({
  operationId: 'ListAppSecrets',
  method: 'get',
  path: `${APP}/secrets`,
  tags,
  security: bearer,
  request: { params: AppParams, query: SecretListQuery },
  responses: {
    ...ok(z.object({ secrets: z.array(Secret), pagination: Pagination }), 'metadata, never values'),
    ...errors,
  },
});
const openAll = createRoute({
  operationId: 'OpenAppSecrets',
  ...revealsValues,
  method: 'get',
  path: withVerb(`${APP}/secrets`, 'open'),
  tags,
  security: bearer,
  request: { params: AppParams, query: SecretListQuery },
  responses: {
    ...ok(z.object({ secrets: z.array(OpenSecret), pagination: Pagination }), 'secrets with values'),
    ...errors,
  },
});
const get = createRoute({
  operationId: 'GetAppSecret',
  method: 'get',
  path: SECRET,
  tags,
  security: bearer,
  request: { params: SecretParams },
  responses: { ...ok(z.object({ secret: Secret }), 'metadata'), ...errors },
});
const openOne = createRoute({
  operationId: 'OpenAppSecret',
  ...revealsValues,
  method: 'get',
  path: withVerb(SECRET, 'open'),
  tags,
  security: bearer,
  request: { params: SecretParams },
  responses: { ...ok(z.object({ secret: OpenSecret }), 'the latest value'), ...errors },
});
const remove = createRoute({
  operationId: 'DeleteAppSecret',
  method: 'delete',
  path: SECRET,
  tags,
  security: bearer,
  request: { params: SecretParams },
  responses: { ...ok(z.object({}), 'deleted with all versions'), ...errors },
});
const versions = createRoute({
  operationId: 'ListAppSecretVersions',
  method: 'get',
  path: `${SECRET}/versions`,
  tags,
  security: bearer,
  request: { params: SecretParams, query: PageQuery },
  responses: {
    ...ok(
      z.object({ static_versions: z.array(Version), pagination: Pagination }),
      'kept versions, oldest first',
    ),
    ...errors,
  },
});
const openVersions = createRoute({
  operationId: 'OpenAppSecretVersions',
  ...revealsValues,
  method: 'get',
  path: withVerb(`${SECRET}/versions`, 'open'),
  tags,
  security: bearer,
  request: { params: SecretParams, query: PageQuery },
  responses: {
    ...ok(
      z.object({ static_versions: z.array(OpenVersion), pagination: Pagination }),
      'kept versions with values',
    ),
    ...errors,
  },
});
const version = createRoute({
  operationId: 'GetAppSecretVersion',
  method: 'get',
  path: `${SECRET}/versions/{version}`,
  tags,
  security: bearer,
  request: { params: VersionParams },
  responses: { ...ok(z.object({ static_version: Version }), 'one version'), ...errors },
});
const openVersion = createRoute({
  operationId: 'OpenAppSecretVersion',
  ...revealsValues,
  method: 'get',
  path: withVerb(`${SECRET}/versions/{version}`, 'open'),
  tags,
  security: bearer,
  request: { params: VersionParams },
  responses: { ...ok(z.object({ static_version: OpenVersion }), 'one version with its value'), ...errors },
});

type AppParamsT = { organization_id: string; project_id: string; app_name: string };
type PageQueryT = { 'pagination.page_size': number; 'pagination.next_page_token'?: string };

/** One page of an app's secret heads; the listing id binds page tokens to this app and filter. */
const secretPage = async (
  c: Context<AppEnv>,
  params: AppParamsT,
  q: PageQueryT & { name_contains?: string },
  action: Action,
) => {
  const scope = await authorizeApp(c, params, action);
  const listing = `secrets:${params.organization_id}:${params.project_id}:${params.app_name}:${q.name_contains ?? ''}`;
  const cursor = decodePageToken(listing, q['pagination.next_page_token']);
  const page = await listSecrets(c.var.services, scope, pageRequest(q, cursor), {
    nameContains: q.name_contains,
  });
  return { scope, items: page.items, pagination: pagination(encodePageToken(listing, page.nextCursor)) };
};

/** One page of a secret's kept versions. */
const versionPage = async (
  c: Context<AppEnv>,
  params: AppParamsT & { secret_name: string },
  q: PageQueryT,
  action: Action,
) => {
  const scope = await authorizeApp(c, params, action);
  const listing = `versions:${params.organization_id}:${params.project_id}:${params.app_name}:${params.secret_name}`;
  const cursor = decodePageToken(listing, q['pagination.next_page_token']);
  const page = await listVersions(c.var.services, scope, params.secret_name, pageRequest(q, cursor));
  return { scope, items: page.items, pagination: pagination(encodePageToken(listing, page.nextCursor)) };
};

export const registerSecretRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(createSecret, async (c) => {
    const { name, value, expected_version } = c.req.valid('json');
    const scope = await authorizeApp(c, c.req.valid('param'), 'secret.write');
    const input = { name, value, expectedVersion: expected_version };
    const head = await writeSecret(c.var.services, scope, input, actorOf(c.var.principal));
    await enqueueAppSyncs(c.var.services, scope, Object.keys(head.syncStatus ?? {}));
    return c.json({ secret: presentSecret(head) }, 200);
  });

  app.openapi(batch, async (c) => {
    const body = c.req.valid('json');
    const scope = await authorizeApp(c, c.req.valid('param'), 'secret.write');
    const heads = await bulkWrite(
      c.var.services,
      scope,
      body.secrets,
      body.conflicts,
      actorOf(c.var.principal),
    );
    await enqueueAppSyncs(c.var.services, scope, Object.keys(heads[0]?.syncStatus ?? {}));
    return c.json({ secrets: heads.map(presentSecret) }, 200);
  });

  app.openapi(list, async (c) => {
    const page = await secretPage(c, c.req.valid('param'), c.req.valid('query'), 'app.read');
    return c.json({ secrets: page.items.map(presentSecret), pagination: page.pagination }, 200);
  });

  app.openapi(openAll, async (c) => {
    const page = await secretPage(c, c.req.valid('param'), c.req.valid('query'), 'secret.open');
    const opened = await Promise.all(page.items.map((h) => openHead(c.var.services.dataKeys, page.scope, h)));
    return c.json({ secrets: opened.map(presentOpenSecret), pagination: page.pagination }, 200);
  });

  app.openapi(get, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'app.read');
    return c.json({ secret: presentSecret(await getSecret(c.var.services, scope, params.secret_name)) }, 200);
  });

  app.openapi(openOne, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'secret.open');
    const head = await getSecret(c.var.services, scope, params.secret_name);
    return c.json({ secret: presentOpenSecret(await openHead(c.var.services.dataKeys, scope, head)) }, 200);
  });

  app.openapi(remove, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'secret.delete');
    await deleteSecret(c.var.services, scope, params.secret_name);
    await enqueueAppSyncs(c.var.services, scope);
    return c.json({}, 200);
  });

  app.openapi(versions, async (c) => {
    const page = await versionPage(c, c.req.valid('param'), c.req.valid('query'), 'app.read');
    return c.json({ static_versions: page.items.map(presentVersion), pagination: page.pagination }, 200);
  });

  app.openapi(openVersions, async (c) => {
    const params = c.req.valid('param');
    const page = await versionPage(c, params, c.req.valid('query'), 'secret.open');
    const { dataKeys } = c.var.services;
    const opened = await Promise.all(
      page.items.map((v) => openVersionRecord(dataKeys, page.scope, params.secret_name, v)),
    );
    return c.json({ static_versions: opened.map(presentOpenVersion), pagination: page.pagination }, 200);
  });

  app.openapi(version, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'app.read');
    const record = await getVersion(c.var.services, scope, params.secret_name, params.version);
    return c.json({ static_version: presentVersion(record) }, 200);
  });

  app.openapi(openVersion, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'secret.open');
    const record = await getVersion(c.var.services, scope, params.secret_name, params.version);
    const opened = await openVersionRecord(c.var.services.dataKeys, scope, params.secret_name, record);
    return c.json({ static_version: presentOpenVersion(opened) }, 200);
  });
};
