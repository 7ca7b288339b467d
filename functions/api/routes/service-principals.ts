import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Action } from '../../../shared/domain/access/permissions.js';
import type { OrgScope } from '../../../shared/domain/scope.js';
import { CofferError } from '../../../shared/domain/errors.js';
import { ResourceId } from '../../../shared/domain/names.js';
import { actorOf } from '../../../shared/domain/principal.js';
import type {
  ServicePrincipal as SpRecord,
  WorkloadIdentityProvider,
} from '../../../shared/domain/records.js';
import {
  createClientKey,
  createServicePrincipal,
  createWorkloadProvider,
  deleteClientKey,
  deleteServicePrincipal,
  requireServicePrincipal,
} from '../../../shared/domain/identity/service-principals.js';
import { providerResourceName } from '../../../shared/domain/identity/token-exchange.js';
import type { AppEnv } from '../env.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { pagination } from '../present.js';
import { authorizeOrg, authorizeProject, bearer, errors, jsonBody, ok, pageRequest } from '../route-kit.js';
import {
  ClientKey,
  CreateClientKeyBody,
  CreateServicePrincipalBody,
  CreateWorkloadProviderBody,
  NewClientKey,
  OrgParams,
  PageQuery,
  ProjectParams,
  Pagination,
  ServicePrincipal,
  WorkloadProvider,
} from '../schemas.js';

const tags = ['Service principals'];
const withPrincipal = <T extends typeof OrgParams>(params: T) => {
  const sp = params.extend({
    principal_id: ResourceId.openapi({ param: { name: 'principal_id', in: 'path' } }),
  });
  return {
    level: params,
    sp,
    key: sp.extend({
      client_id: z
        .string()
        .max(256)
        .openapi({ param: { name: 'client_id', in: 'path' } }),
    }),
    provider: sp.extend({
      provider_name: z
        .string()
        .max(64)
        .openapi({ param: { name: 'provider_name', in: 'path' } }),
    }),
  };
};

/**
 * Service principals are managed at two levels: the organization's (its admins manage every
 * principal) and a project's (the project's admins manage the principals created for that project,
 * and only those; a principal of another project or of the organization is not found there).
 */
const LEVELS = [
  {
    prefix: '',
    base: '/iam/2019-12-10/organizations/{organization_id}/service-principals',
    params: withPrincipal(OrgParams),
  },
  {
    prefix: 'Project',
    base: '/iam/2019-12-10/organizations/{organization_id}/projects/{project_id}/service-principals',
    params: withPrincipal(ProjectParams as unknown as typeof OrgParams),
  },
];

interface At {
  readonly org: OrgScope;
  /** Set at project level: only this project's principals are visible. */
  readonly projectId?: string;
}

const authorizeLevel = async (
  c: Context<AppEnv>,
  p: { organization_id: string; project_id?: string },
  action: Action,
): Promise<At> => {
  if (p.project_id === undefined) return { org: await authorizeOrg(c, p.organization_id, action) };
  const scope = await authorizeProject(
    c,
    { organization_id: p.organization_id, project_id: p.project_id },
    action,
  );
  return { org: scope, projectId: p.project_id };
};

/** The principal, if it is visible at this level. */
const principalAt = async (c: Context<AppEnv>, at: At, principalId: string) => {
  const sp = await requireServicePrincipal(c.var.services, at.org, principalId);
  if (at.projectId !== undefined && sp.projectId !== at.projectId) {
    throw new CofferError('SERVICE_PRINCIPAL_NOT_FOUND', `service principal ${principalId} not found`);
  }
  return sp;
};
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags, security: bearer, ...r });

const presentSp = (sp: SpRecord) => ({
  id: sp.id,
  name: sp.name,
  organization_id: sp.orgId,
  project_id: sp.projectId ?? '',
  created_at: sp.createdAt,
  created_by: sp.createdBy,
});
const presentProvider = (p: WorkloadIdentityProvider) => ({
  name: p.name,
  resource_name: providerResourceName(p.orgId, p.principalId, p.name),
  issuer: p.issuer,
  allowed_audiences: [...p.audiences],
  conditional_access: p.conditionalAccess,
  description: p.description,
  created_at: p.createdAt,
});

/** Service principals, their keys and their federation providers, at organization and project level. */
export const registerServicePrincipalRoutes = (app: OpenAPIHono<AppEnv>) => {
  for (const level of LEVELS) registerLevel(app, level);
};

const registerLevel = (app: OpenAPIHono<AppEnv>, { prefix, base: BASE, params }: (typeof LEVELS)[number]) => {
  const { level: LevelParams, sp: SpParams, key: KeyParams, provider: ProviderParams } = params;
  app.openapi(
    route({
      operationId: `List${prefix}ServicePrincipals`,
      method: 'get',
      path: BASE,
      request: { params: LevelParams, query: PageQuery },
      responses: {
        ...ok(
          z.object({ service_principals: z.array(ServicePrincipal), pagination: Pagination }),
          'principals',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const p: { organization_id: string; project_id?: string } = c.req.valid('param');
      const q = c.req.valid('query');
      const at = await authorizeLevel(c, p, 'iam.read');
      const listing = `service-principals:${p.organization_id}:${at.projectId ?? ''}`;
      const page = await c.var.services.principals.listServicePrincipals(
        at.org,
        pageRequest(q, decodePageToken(listing, q['pagination.next_page_token'])),
        at.projectId,
      );
      return c.json(
        {
          service_principals: page.items.map(presentSp),
          pagination: pagination(encodePageToken(listing, page.nextCursor)),
        },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: `Create${prefix}ServicePrincipal`,
      method: 'post',
      path: BASE,
      request: { params: LevelParams, body: jsonBody(CreateServicePrincipalBody) },
      responses: {
        ...ok(
          z.object({ service_principal: ServicePrincipal }),
          'the new principal (grant it roles with an IAM policy)',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const at = await authorizeLevel(c, c.req.valid('param'), 'iam.manage');
      if (at.projectId !== undefined && body.project_id !== undefined && body.project_id !== at.projectId) {
        throw new CofferError('INVALID_ARGUMENT', 'project_id must be the project in the path');
      }
      const sp = await createServicePrincipal(
        c.var.services,
        at.org,
        { name: body.name, projectId: at.projectId ?? body.project_id },
        actorOf(c.var.principal),
      );
      return c.json({ service_principal: presentSp(sp) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: `Get${prefix}ServicePrincipal`,
      method: 'get',
      path: `${BASE}/{principal_id}`,
      request: { params: SpParams },
      responses: { ...ok(z.object({ service_principal: ServicePrincipal }), 'the principal'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const at = await authorizeLevel(c, p, 'iam.read');
      return c.json({ service_principal: presentSp(await principalAt(c, at, p.principal_id)) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: `Delete${prefix}ServicePrincipal`,
      method: 'delete',
      path: `${BASE}/{principal_id}`,
      request: { params: SpParams },
      responses: {
        ...ok(
          z.object({}),
          'deleted with its keys, providers and policy bindings; its tokens stop working within the policy cache window',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const at = await authorizeLevel(c, p, 'iam.manage');
      await principalAt(c, at, p.principal_id);
      await deleteServicePrincipal(c.var.services, at.org, p.principal_id);
      return c.json({}, 200);
    },
  );
  app.openapi(
    route({
      operationId: `List${prefix}ServicePrincipalKeys`,
      method: 'get',
      path: `${BASE}/{principal_id}/keys`,
      request: { params: SpParams },
      responses: {
        ...ok(z.object({ keys: z.array(ClientKey) }), 'client ids; secrets are never shown again'),
        ...errors,
      },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const at = await authorizeLevel(c, p, 'iam.read');
      await principalAt(c, at, p.principal_id);
      const keys = await c.var.services.principals.listClientKeys(at.org, p.principal_id);
      return c.json({ keys: keys.map((k) => ({ client_id: k.clientId, created_at: k.createdAt })) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: `Create${prefix}ServicePrincipalKey`,
      method: 'post',
      path: `${BASE}/{principal_id}/keys`,
      // No fields today; a body, if sent, must be a JSON object like every other (not null, not a list).
      request: { params: SpParams, body: { ...jsonBody(CreateClientKeyBody), required: false } },
      responses: {
        ...ok(z.object({ key: NewClientKey }), 'a new key; store the secret now, it is shown once'),
        ...errors,
      },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const at = await authorizeLevel(c, p, 'iam.manage');
      await principalAt(c, at, p.principal_id);
      const key = await createClientKey(c.var.services, at.org, p.principal_id);
      c.header('cache-control', 'no-store');
      return c.json(
        { key: { client_id: key.clientId, client_secret: key.clientSecret, created_at: key.createdAt } },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: `Delete${prefix}ServicePrincipalKey`,
      method: 'delete',
      path: `${BASE}/{principal_id}/keys/{client_id}`,
      request: { params: KeyParams },
      responses: {
        ...ok(
          z.object({}),
          'revoked: no new token can be obtained with it, and the tokens it gave stop working',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const at = await authorizeLevel(c, p, 'iam.manage');
      await principalAt(c, at, p.principal_id);
      await deleteClientKey(c.var.services, at.org, p.principal_id, p.client_id);
      return c.json({}, 200);
    },
  );
  app.openapi(
    route({
      operationId: `List${prefix}WorkloadIdentityProviders`,
      method: 'get',
      path: `${BASE}/{principal_id}/workload-identity-providers`,
      request: { params: SpParams },
      responses: { ...ok(z.object({ providers: z.array(WorkloadProvider) }), 'providers'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const at = await authorizeLevel(c, p, 'iam.read');
      await principalAt(c, at, p.principal_id);
      return c.json(
        {
          providers: (await c.var.services.principals.listProviders(at.org, p.principal_id)).map(
            presentProvider,
          ),
        },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: `Create${prefix}WorkloadIdentityProvider`,
      method: 'post',
      path: `${BASE}/{principal_id}/workload-identity-providers`,
      description:
        'Trust tokens from an external OIDC issuer for this principal. `conditional_access` is an expression over ' +
        'the token claims, e.g. `jwt_claims.repository == "acme/api" and jwt_claims.ref == "refs/heads/main"` ' +
        '(grammar: shared/domain/identity/conditions.ts).',
      request: { params: SpParams, body: jsonBody(CreateWorkloadProviderBody) },
      responses: { ...ok(z.object({ provider: WorkloadProvider }), 'the provider'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const body = c.req.valid('json');
      const at = await authorizeLevel(c, p, 'iam.manage');
      await principalAt(c, at, p.principal_id);
      const provider = await createWorkloadProvider(c.var.services, at.org, p.principal_id, {
        name: body.name,
        issuer: body.issuer,
        audiences: body.allowed_audiences,
        conditionalAccess: body.conditional_access,
        description: body.description,
      });
      return c.json({ provider: presentProvider(provider) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: `Delete${prefix}WorkloadIdentityProvider`,
      method: 'delete',
      path: `${BASE}/{principal_id}/workload-identity-providers/{provider_name}`,
      request: { params: ProviderParams },
      responses: { ...ok(z.object({}), 'deleted'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const at = await authorizeLevel(c, p, 'iam.manage');
      await principalAt(c, at, p.principal_id);
      if (!(await c.var.services.principals.deleteProvider(at.org, p.principal_id, p.provider_name))) {
        throw new CofferError('PROVIDER_NOT_FOUND', `provider ${p.provider_name} not found`);
      }
      return c.json({}, 200);
    },
  );
};
