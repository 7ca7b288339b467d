import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
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
  requireServicePrincipal,
} from '../../../shared/domain/identity/service-principals.js';
import { providerResourceName } from '../../../shared/domain/identity/token-exchange.js';
import type { AppEnv } from '../env.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { pagination } from '../present.js';
import { authorizeOrg, bearer, errors, jsonBody, ok, pageRequest } from '../route-kit.js';
import {
  ClientKey,
  CreateServicePrincipalBody,
  CreateWorkloadProviderBody,
  NewClientKey,
  OrgParams,
  PageQuery,
  Pagination,
  ServicePrincipal,
  WorkloadProvider,
} from '../schemas.js';

const BASE = '/iam/2019-12-10/organizations/{organization_id}/service-principals';
const tags = ['Service principals'];
const SpParams = OrgParams.extend({
  principal_id: ResourceId.openapi({ param: { name: 'principal_id', in: 'path' } }),
});
const KeyParams = SpParams.extend({
  client_id: z
    .string()
    .max(256)
    .openapi({ param: { name: 'client_id', in: 'path' } }),
});
const ProviderParams = SpParams.extend({
  provider_name: z
    .string()
    .max(64)
    .openapi({ param: { name: 'provider_name', in: 'path' } }),
});
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

/** Service principals, their keys and their federation providers: organization admins only. */
export const registerServicePrincipalRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    route({
      operationId: 'ListServicePrincipals',
      method: 'get',
      path: BASE,
      request: { params: OrgParams, query: PageQuery },
      responses: {
        ...ok(
          z.object({ service_principals: z.array(ServicePrincipal), pagination: Pagination }),
          'principals',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { organization_id } = c.req.valid('param');
      const q = c.req.valid('query');
      const org = await authorizeOrg(c, organization_id, 'iam.read');
      const listing = `service-principals:${organization_id}`;
      const page = await c.var.services.principals.listServicePrincipals(
        org,
        pageRequest(q, decodePageToken(listing, q['pagination.next_page_token'])),
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
      operationId: 'CreateServicePrincipal',
      method: 'post',
      path: BASE,
      request: { params: OrgParams, body: jsonBody(CreateServicePrincipalBody) },
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
      const org = await authorizeOrg(c, c.req.valid('param').organization_id, 'iam.manage');
      const sp = await createServicePrincipal(
        c.var.services,
        org,
        { name: body.name, projectId: body.project_id },
        actorOf(c.var.principal),
      );
      return c.json({ service_principal: presentSp(sp) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'GetServicePrincipal',
      method: 'get',
      path: `${BASE}/{principal_id}`,
      request: { params: SpParams },
      responses: { ...ok(z.object({ service_principal: ServicePrincipal }), 'the principal'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.read');
      return c.json(
        { service_principal: presentSp(await requireServicePrincipal(c.var.services, org, p.principal_id)) },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'DeleteServicePrincipal',
      method: 'delete',
      path: `${BASE}/{principal_id}`,
      request: { params: SpParams },
      responses: {
        ...ok(z.object({}), 'deleted with its keys and providers; its tokens stop being renewable'),
        ...errors,
      },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.manage');
      await requireServicePrincipal(c.var.services, org, p.principal_id);
      await c.var.services.principals.deleteServicePrincipal(org, p.principal_id);
      return c.json({}, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'ListServicePrincipalKeys',
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
      const org = await authorizeOrg(c, p.organization_id, 'iam.read');
      await requireServicePrincipal(c.var.services, org, p.principal_id);
      const keys = await c.var.services.principals.listClientKeys(org, p.principal_id);
      return c.json({ keys: keys.map((k) => ({ client_id: k.clientId, created_at: k.createdAt })) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'CreateServicePrincipalKey',
      method: 'post',
      path: `${BASE}/{principal_id}/keys`,
      request: { params: SpParams },
      responses: {
        ...ok(z.object({ key: NewClientKey }), 'a new key; store the secret now, it is shown once'),
        ...errors,
      },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.manage');
      const key = await createClientKey(c.var.services, org, p.principal_id);
      c.header('cache-control', 'no-store');
      return c.json(
        { key: { client_id: key.clientId, client_secret: key.clientSecret, created_at: key.createdAt } },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'DeleteServicePrincipalKey',
      method: 'delete',
      path: `${BASE}/{principal_id}/keys/{client_id}`,
      request: { params: KeyParams },
      responses: { ...ok(z.object({}), 'revoked: no new token can be obtained with it'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.manage');
      await deleteClientKey(c.var.services, org, p.principal_id, p.client_id);
      return c.json({}, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'ListWorkloadIdentityProviders',
      method: 'get',
      path: `${BASE}/{principal_id}/workload-identity-providers`,
      request: { params: SpParams },
      responses: { ...ok(z.object({ providers: z.array(WorkloadProvider) }), 'providers'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.read');
      await requireServicePrincipal(c.var.services, org, p.principal_id);
      return c.json(
        {
          providers: (await c.var.services.principals.listProviders(org, p.principal_id)).map(
            presentProvider,
          ),
        },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'CreateWorkloadIdentityProvider',
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
      const org = await authorizeOrg(c, p.organization_id, 'iam.manage');
      const provider = await createWorkloadProvider(c.var.services, org, p.principal_id, {
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
      operationId: 'DeleteWorkloadIdentityProvider',
      method: 'delete',
      path: `${BASE}/{principal_id}/workload-identity-providers/{provider_name}`,
      request: { params: ProviderParams },
      responses: { ...ok(z.object({}), 'deleted'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.manage');
      if (!(await c.var.services.principals.deleteProvider(org, p.principal_id, p.provider_name))) {
        throw new CofferError('PROVIDER_NOT_FOUND', `provider ${p.provider_name} not found`);
      }
      return c.json({}, 200);
    },
  );
};
