import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CofferError } from '../../../shared/domain/errors.js';
import { AppName, ResourceId, SecretName } from '../../../shared/domain/names.js';
import { actorOf } from '../../../shared/domain/principal.js';
import {
  bulkCreateAppKVSecrets,
  createAppKVSecret,
  deleteAppSecret,
  deleteAppSecretVersion,
  getAppSecret,
  getAppSecretVersion,
  listAppSecrets,
  listAppSecretVersions,
  listOpenAppSecretVersions,
  openAppSecret,
  openAppSecrets,
  openAppSecretVersion,
  STATIC_SECRET_TYPE,
} from '../../../shared/domain/secrets/secret-operations.js';
import type { AppEnv } from '../env.js';
import { pageRequestOf, paginationOf } from '../pagination.js';
import { SECRETS_PREFIX as P, withVerb } from '../paths.js';
import {
  presentOpenSecret,
  presentOpenVersion,
  presentSecret,
  presentVersion,
  presentVersionList,
} from '../presenters/secrets.js';
import { authorizeApp, bearer, errors, jsonBody, ok, okEmpty, revealsValues } from '../route-kit.js';
import { AppParams, PageQuery, SecretParams, VersionParams } from '../schemas/common.js';
import {
  BulkCreateAppKVSecretsBody,
  CreateAppKVSecretBody,
  ListOpenVersionsResponse,
  ListSecretsQuery,
  ListSecretsResponse,
  ListVersionsResponse,
  OpenSecretResponse,
  OpenSecretsResponse,
  OpenVersionResponse,
  SecretResponse,
  SecretsResponse,
  VersionResponse,
} from '../schemas/secrets.js';

/** Static secrets and their versions; each route constant is named after its HCP operationId. */
const tags = ['Secrets'];
const APP = `${P}/apps/{app_name}`;
const SECRET = `${APP}/secrets/{secret_name}`;
const VERSION = `${SECRET}/versions/{version}`;
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags, security: bearer, ...r });
const conflict = {
  409: { description: 'already exists, or expected_version did not match', content: errors[400].content },
};

export const CreateAppKVSecret = route({
  operationId: 'CreateAppKVSecret',
  summary: 'Create a secret or a new version of it',
  method: 'post',
  path: `${APP}/secret/kv`,
  request: { params: AppParams, body: jsonBody(CreateAppKVSecretBody) },
  responses: { ...ok(SecretResponse, 'the secret at its new version'), ...errors, ...conflict },
});
export const BulkCreateAppKVSecrets = route({
  operationId: 'BulkCreateAppKVSecrets',
  summary: 'Create up to 100 secrets at once',
  method: 'post',
  path: withVerb(`${APP}/secret/kv`, 'batch'),
  description: 'With `conflicts: FAIL` (the default) nothing is written if any name exists.',
  request: { params: AppParams, body: jsonBody(BulkCreateAppKVSecretsBody) },
  responses: { ...ok(SecretsResponse, 'the secrets written'), ...errors, ...conflict },
});
export const ListAppSecrets = route({
  operationId: 'ListAppSecrets',
  summary: 'List the secrets of an app (metadata only)',
  method: 'get',
  path: `${APP}/secrets`,
  request: { params: AppParams, query: ListSecretsQuery },
  responses: { ...ok(ListSecretsResponse, 'metadata, never values'), ...errors },
});
export const OpenAppSecrets = route({
  operationId: 'OpenAppSecrets',
  ...revealsValues,
  summary: 'Read the latest values of an app’s secrets',
  method: 'get',
  path: withVerb(`${APP}/secrets`, 'open'),
  request: { params: AppParams, query: ListSecretsQuery },
  responses: { ...ok(OpenSecretsResponse, 'secrets with values'), ...errors },
});
export const GetAppSecret = route({
  operationId: 'GetAppSecret',
  summary: 'Get a secret’s metadata',
  method: 'get',
  path: SECRET,
  request: { params: SecretParams },
  responses: { ...ok(SecretResponse, 'metadata'), ...errors },
});
export const OpenAppSecret = route({
  operationId: 'OpenAppSecret',
  ...revealsValues,
  summary: 'Read a secret’s latest value',
  method: 'get',
  path: withVerb(SECRET, 'open'),
  request: { params: SecretParams },
  responses: { ...ok(OpenSecretResponse, 'the latest value'), ...errors },
});
export const DeleteAppSecret = route({
  operationId: 'DeleteAppSecret',
  summary: 'Delete a secret with all its versions',
  method: 'delete',
  path: SECRET,
  request: { params: SecretParams },
  responses: { ...okEmpty('deleted with all versions'), ...errors },
});
export const ListAppSecretVersions = route({
  operationId: 'ListAppSecretVersions',
  summary: 'List a secret’s kept versions (metadata only)',
  method: 'get',
  path: `${SECRET}/versions`,
  request: { params: SecretParams, query: PageQuery },
  responses: { ...ok(ListVersionsResponse, 'kept versions, oldest first'), ...errors },
});
export const ListOpenAppSecretVersions = route({
  operationId: 'ListOpenAppSecretVersions',
  ...revealsValues,
  summary: 'Read a secret’s kept versions with their values',
  method: 'get',
  path: withVerb(`${SECRET}/versions`, 'open'),
  request: { params: SecretParams, query: PageQuery },
  responses: { ...ok(ListOpenVersionsResponse, 'kept versions with values, oldest first'), ...errors },
});
export const GetAppSecretVersion = route({
  operationId: 'GetAppSecretVersion',
  summary: 'Get one version’s metadata',
  method: 'get',
  path: VERSION,
  request: { params: VersionParams },
  responses: { ...ok(VersionResponse, 'one version'), ...errors },
});
export const OpenAppSecretVersion = route({
  operationId: 'OpenAppSecretVersion',
  ...revealsValues,
  summary: 'Read one version’s value',
  method: 'get',
  path: withVerb(VERSION, 'open'),
  request: { params: VersionParams },
  responses: { ...ok(OpenVersionResponse, 'one version with its value'), ...errors },
});
export const DeleteAppSecretVersion = route({
  operationId: 'DeleteAppSecretVersion',
  summary: 'Delete one older version of a secret',
  method: 'delete',
  path: VERSION,
  description: 'The latest version cannot be deleted (412): write a new version or delete the secret.',
  request: { params: VersionParams },
  responses: { ...okEmpty('deleted'), ...errors },
});

const ResourceNameParams = z.object({
  resource_name: z.string().openapi({
    param: { name: 'resource_name', in: 'path' },
    description: 'secrets/project/{project_id}/app/{app_name}/secret/{secret_name}',
    example: 'secrets/project/0b4f7c38-7a39-4e3e-bf38-2b1d5b0d6c11/app/web/secret/DB_PASSWORD',
  }),
});
export const OpenAppSecretByResourceName = route({
  operationId: 'OpenAppSecretByResourceName',
  ...revealsValues,
  summary: 'Read a secret’s latest value by its resource name',
  method: 'get',
  path: withVerb('/2023-11-28/{resource_name}', 'open'),
  request: { params: ResourceNameParams },
  responses: { ...ok(OpenSecretResponse, 'the latest value'), ...errors },
});

const SECRET_RESOURCE_NAME = /^secrets\/project\/([^/]+)\/app\/([^/]+)\/secret\/([^/]+)$/;
const ParsedResourceName = z.object({ project: ResourceId, app: AppName, secret: SecretName });

/**
 * The resource name arrives with its slashes as they are or percent-encoded (HCP's Go client
 * escapes path parameters), so the route matches anything under the prefix and parses it here.
 */
const secretByResourceName = async (c: Context<AppEnv>) => {
  const path = new URL(c.req.url).pathname;
  let name: string;
  try {
    name = decodeURIComponent(path.slice('/2023-11-28/'.length).replace(/:open$/, ''));
  } catch {
    throw new CofferError('INVALID_ARGUMENT', 'resource_name is not valid percent-encoding');
  }
  const m = SECRET_RESOURCE_NAME.exec(name);
  const parsed = ParsedResourceName.safeParse({ project: m?.[1], app: m?.[2], secret: m?.[3] });
  if (!parsed.success)
    throw new CofferError(
      'INVALID_ARGUMENT',
      'resource_name must be secrets/project/{project_id}/app/{app_name}/secret/{secret_name}',
    );
  const { project, app, secret } = parsed.data;
  const orgId = await c.get('services').directory.findProjectOrg(project);
  if (!orgId) throw new CofferError('PROJECT_NOT_FOUND', `project ${project} not found`);
  const params = { organization_id: orgId, project_id: project, app_name: app };
  return { scope: await authorizeApp(c, params, 'secret.open'), secret };
};

export const registerSecretRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(CreateAppKVSecret, async (c) => {
    const { name, value, expected_version } = c.req.valid('json');
    const scope = await authorizeApp(c, c.req.valid('param'), 'secret.write');
    const input = { name, value, expectedVersion: expected_version };
    const head = await createAppKVSecret(c.get('services'), scope, input, actorOf(c.get('principal')));
    return c.json({ secret: presentSecret(head) }, 200);
  });

  app.openapi(BulkCreateAppKVSecrets, async (c) => {
    const body = c.req.valid('json');
    const scope = await authorizeApp(c, c.req.valid('param'), 'secret.write');
    const heads = await bulkCreateAppKVSecrets(
      c.get('services'),
      scope,
      body.secrets ?? [],
      body.conflicts ?? 'FAIL',
      actorOf(c.get('principal')),
    );
    return c.json({ secrets: heads.map(presentSecret) }, 200);
  });

  /** The listing id binds page tokens to this app and filter. */
  const secretListing = (p: { organization_id: string; project_id: string; app_name: string }, q: object) =>
    `secrets:${p.organization_id}:${p.project_id}:${p.app_name}:${JSON.stringify(q)}`;

  app.openapi(ListAppSecrets, async (c) => {
    const params = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = await authorizeApp(c, params, 'app.read');
    const filter = { nameContains: q.name_contains || undefined, types: q.types };
    const listing = secretListing(params, filter);
    const page = await listAppSecrets(c.get('services'), scope, pageRequestOf(listing, q), filter);
    return c.json({ secrets: page.items.map(presentSecret), pagination: paginationOf(listing, page) }, 200);
  });

  app.openapi(OpenAppSecrets, async (c) => {
    const params = c.req.valid('param');
    const q = c.req.valid('query');
    const scope = await authorizeApp(c, params, 'secret.open');
    const filter = { nameContains: q.name_contains || undefined, types: q.types };
    const listing = secretListing(params, filter);
    const page = await openAppSecrets(c.get('services'), scope, pageRequestOf(listing, q), filter);
    return c.json(
      { secrets: page.items.map(presentOpenSecret), pagination: paginationOf(listing, page) },
      200,
    );
  });

  app.openapi(GetAppSecret, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'app.read');
    return c.json(
      { secret: presentSecret(await getAppSecret(c.get('services'), scope, params.secret_name)) },
      200,
    );
  });

  app.openapi(OpenAppSecret, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'secret.open');
    const opened = await openAppSecret(c.get('services'), scope, params.secret_name);
    return c.json({ secret: presentOpenSecret(opened) }, 200);
  });

  app.openAPIRegistry.registerPath(OpenAppSecretByResourceName);
  app.get('/2023-11-28/*', async (c) => {
    const { scope, secret } = await secretByResourceName(c);
    const opened = await openAppSecret(c.get('services'), scope, secret);
    return c.json({ secret: presentOpenSecret(opened) }, 200);
  });

  app.openapi(DeleteAppSecret, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'secret.delete');
    await deleteAppSecret(c.get('services'), scope, params.secret_name);
    return c.json({}, 200);
  });

  const versionListing = (p: {
    organization_id: string;
    project_id: string;
    app_name: string;
    secret_name: string;
  }) => `versions:${p.organization_id}:${p.project_id}:${p.app_name}:${p.secret_name}`;

  app.openapi(ListAppSecretVersions, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'app.read');
    const listing = versionListing(params);
    const page = await listAppSecretVersions(
      c.get('services'),
      scope,
      params.secret_name,
      pageRequestOf(listing, c.req.valid('query')),
    );
    return c.json(
      { ...presentVersionList(page.items.map(presentVersion)), pagination: paginationOf(listing, page) },
      200,
    );
  });

  app.openapi(ListOpenAppSecretVersions, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'secret.open');
    const listing = versionListing(params);
    const page = await listOpenAppSecretVersions(
      c.get('services'),
      scope,
      params.secret_name,
      pageRequestOf(listing, c.req.valid('query')),
    );
    return c.json(
      { ...presentVersionList(page.items.map(presentOpenVersion)), pagination: paginationOf(listing, page) },
      200,
    );
  });

  app.openapi(GetAppSecretVersion, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'app.read');
    const record = await getAppSecretVersion(c.get('services'), scope, params.secret_name, params.version);
    return c.json({ type: STATIC_SECRET_TYPE, static_version: presentVersion(record) }, 200);
  });

  app.openapi(OpenAppSecretVersion, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'secret.open');
    const opened = await openAppSecretVersion(c.get('services'), scope, params.secret_name, params.version);
    return c.json({ type: STATIC_SECRET_TYPE, static_version: presentOpenVersion(opened) }, 200);
  });

  app.openapi(DeleteAppSecretVersion, async (c) => {
    const params = c.req.valid('param');
    const scope = await authorizeApp(c, params, 'secret.delete');
    await deleteAppSecretVersion(c.get('services'), scope, params.secret_name, params.version);
    return c.json({}, 200);
  });
};
