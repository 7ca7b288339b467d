import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
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
import { authorizeApp, bearer, errors, jsonBody, ok, pageRequest } from '../route-kit.js';
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
  method: 'get',
  path: withVerb(`${SECRET}/versions/{version}`, 'open'),
  tags,
  security: bearer,
  request: { params: VersionParams },
  responses: { ...ok(z.object({ static_version: OpenVersion }), 'one version with its value'), ...errors },
});

const listingOf = (p: { organization_id: string; project_id: string; app_name: string }, extra = '') =>
  `secrets:${p.organization_id}:${p.project_id}:${p.app_name}:${extra}`;

export const registerSecretRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(createSecret, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const scope = await authorizeApp(c, params);
    const head = await writeSecret(
      c.var.services,
      scope,
      {
        name: body.name,
        value: body.value,
        expectedVersion: body.expected_version,
      },
      actorOf(c.var.principal),
    );
    return c.json({ secret: presentSecret(head) }, 200);
  });

  app.openapi(batch, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const scope = await authorizeApp(c, params);
    const heads = await bulkWrite(
      c.var.services,
      scope,
      body.secrets,
      body.conflicts,
      actorOf(c.var.principal),
    );
    return c.json({ secrets: heads.map(presentSecret) }, 200);
  });

  app.openapi(list, async (c) => {
    const params = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = await authorizeApp(c, params);
    const listing = listingOf(params, q.name_contains);
    const cursor = decodePageToken(listing, q['pagination.next_page_token']);
    const page = await listSecrets(c.var.services, scope, pageRequest(q, cursor), {
      nameContains: q.name_contains,
    });
    return c.json(
      {
        secrets: page.items.map(presentSecret),
        pagination: pagination(encodePageToken(listing, page.nextCursor)),
      },
      200,
    );
  });

  app.openapi(openAll, async (c) => {
    const params = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = await authorizeApp(c, params);
    const listing = listingOf(params, q.name_contains);
    const cursor = decodePageToken(listing, q['pagination.next_page_token']);
    const page = await listSecrets(c.var.services, scope, pageRequest(q, cursor), {
      nameContains: q.name_contains,
    });
    const opened = await Promise.all(page.items.map((h) => openHead(c.var.services.dataKeys, scope, h)));
    return c.json(
      {
        secrets: opened.map(presentOpenSecret),
        pagination: pagination(encodePageToken(listing, page.nextCursor)),
      },
      200,
    );
  });

  app.openapi(get, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params);
    return c.json({ secret: presentSecret(await getSecret(c.var.services, scope, params.secret_name)) }, 200);
  });

  app.openapi(openOne, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params);
    const head = await getSecret(c.var.services, scope, params.secret_name);
    return c.json({ secret: presentOpenSecret(await openHead(c.var.services.dataKeys, scope, head)) }, 200);
  });

  app.openapi(remove, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params);
    await deleteSecret(c.var.services, scope, params.secret_name);
    return c.json({}, 200);
  });

  app.openapi(versions, async (c) => {
    const params = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = await authorizeApp(c, params);
    const listing = `versions:${listingOf(params)}:${params.secret_name}`;
    const page = await listVersions(
      c.var.services,
      scope,
      params.secret_name,
      pageRequest(q, decodePageToken(listing, q['pagination.next_page_token'])),
    );
    return c.json(
      {
        static_versions: page.items.map(presentVersion),
        pagination: pagination(encodePageToken(listing, page.nextCursor)),
      },
      200,
    );
  });

  app.openapi(openVersions, async (c) => {
    const params = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = await authorizeApp(c, params);
    const listing = `versions:${listingOf(params)}:${params.secret_name}`;
    const page = await listVersions(
      c.var.services,
      scope,
      params.secret_name,
      pageRequest(q, decodePageToken(listing, q['pagination.next_page_token'])),
    );
    const opened = await Promise.all(
      page.items.map((v) => openVersionRecord(c.var.services.dataKeys, scope, params.secret_name, v)),
    );
    return c.json(
      {
        static_versions: opened.map(presentOpenVersion),
        pagination: pagination(encodePageToken(listing, page.nextCursor)),
      },
      200,
    );
  });

  app.openapi(version, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params);
    const record = await getVersion(c.var.services, scope, params.secret_name, params.version);
    return c.json({ static_version: presentVersion(record) }, 200);
  });

  app.openapi(openVersion, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params);
    const record = await getVersion(c.var.services, scope, params.secret_name, params.version);
    const opened = await openVersionRecord(c.var.services.dataKeys, scope, params.secret_name, record);
    return c.json({ static_version: presentOpenVersion(opened) }, 200);
  });
};
