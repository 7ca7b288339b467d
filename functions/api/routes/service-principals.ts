import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CofferError } from '../../../shared/domain/errors.js';
import { ResourceId } from '../../../shared/domain/names.js';
import { actorOf } from '../../../shared/domain/principal.js';
import type { WorkloadIdentityProvider } from '../../../shared/domain/records.js';
import {
  createClientKey,
  createServicePrincipal,
  createWorkloadProvider,
  requireServicePrincipal,
} from '../../../shared/domain/identity/service-principals.js';
import { providerResourceName } from '../../../shared/domain/identity/token-exchange.js';
import type { AppEnv } from '../env.js';
import { pageRequestOf, paginationOf } from '../pagination.js';
import { authorizeOrg, bearer, errors, jsonBody, ok, okEmpty } from '../route-kit.js';
import { OrgParams, PageQuery } from '../schemas/common.js';
import {
  CreateKeyBody,
  CreateServicePrincipalBody,
  CreateWorkloadProviderBody,
  GetServicePrincipalResponse,
  KeysResponse,
  ListServicePrincipalsResponse,
  NewKeyResponse,
  ServicePrincipalResponse,
  WorkloadProvider,
} from '../schemas/service-principals.js';
import { presentKey, presentServicePrincipal } from '../presenters/service-principals.js';
import { deleteServicePrincipalKeyByClientId } from '../../../shared/domain/identity/service-principal-keys.js';

const BASE = '/iam/2019-12-10/organizations/{organization_id}/service-principals';
const KEYS = '/iam/2019-12-10/organizations/{organization_id}/service-principal-keys';
const tags = ['Service principals'];
const SpParams = OrgParams.extend({
  principal_id: ResourceId.openapi({ param: { name: 'principal_id', in: 'path' } }),
});
const KeyParams = OrgParams.extend({
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
      summary: 'List an organization’s service principals',
      description: 'HCP: ServicePrincipalsService_ListOrganizationServicePrincipals.',
      method: 'get',
      path: BASE,
      request: { params: OrgParams, query: PageQuery },
      responses: { ...ok(ListServicePrincipalsResponse, 'one page of principals'), ...errors },
    }),
    async (c) => {
      const { organization_id } = c.req.valid('param');
      const org = await authorizeOrg(c, organization_id, 'iam.read');
      const listing = `service-principals:${organization_id}`;
      const page = await c.var.services.principals.listServicePrincipals(
        org,
        pageRequestOf(listing, c.req.valid('query')),
      );
      return c.json(
        {
          service_principals: page.items.map(presentServicePrincipal),
          pagination: paginationOf(listing, page),
        },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'CreateServicePrincipal',
      summary: 'Create a service principal',
      description:
        'HCP: ServicePrincipalsService_CreateOrganizationServicePrincipal. Grant it roles with an IAM policy.',
      method: 'post',
      path: BASE,
      request: { params: OrgParams, body: jsonBody(CreateServicePrincipalBody) },
      responses: { ...ok(ServicePrincipalResponse, 'the new principal'), ...errors },
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
      return c.json({ service_principal: presentServicePrincipal(sp) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'GetServicePrincipal',
      summary: 'Get a service principal with its keys',
      description: 'HCP: ServicePrincipalsService_GetOrganizationServicePrincipal.',
      method: 'get',
      path: `${BASE}/{principal_id}`,
      request: { params: SpParams },
      responses: { ...ok(GetServicePrincipalResponse, 'the principal and its keys'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.read');
      const sp = await requireServicePrincipal(c.var.services, org, p.principal_id);
      const keys = await c.var.services.principals.listClientKeys(org, p.principal_id);
      return c.json(
        { service_principal: presentServicePrincipal(sp), keys: keys.map((k) => presentKey(sp, k)) },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: 'DeleteServicePrincipal',
      summary: 'Delete a service principal',
      description:
        'HCP: ServicePrincipalsService_DeleteOrganizationServicePrincipal. Its keys and providers go too.',
      method: 'delete',
      path: `${BASE}/{principal_id}`,
      request: { params: SpParams },
      responses: { ...okEmpty('deleted; its tokens stop being renewable'), ...errors },
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
      summary: 'List a service principal’s keys (Coffer)',
      method: 'get',
      path: `${BASE}/{principal_id}/keys`,
      request: { params: SpParams },
      responses: { ...ok(KeysResponse, 'client ids; secrets are never shown again'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.read');
      const sp = await requireServicePrincipal(c.var.services, org, p.principal_id);
      const keys = await c.var.services.principals.listClientKeys(org, p.principal_id);
      return c.json({ keys: keys.map((k) => presentKey(sp, k)) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'CreateServicePrincipalKey',
      summary: 'Create a key for a service principal',
      description:
        'HCP: ServicePrincipalsService_CreateOrganizationServicePrincipalKey. Store the secret now: it is shown once.',
      method: 'post',
      path: `${KEYS}`,
      request: { params: OrgParams, body: jsonBody(CreateKeyBody) },
      responses: { ...ok(NewKeyResponse, 'the key and its secret'), ...errors },
    }),
    async (c) => {
      const { principal_id } = c.req.valid('json');
      const org = await authorizeOrg(c, c.req.valid('param').organization_id, 'iam.manage');
      const sp = await requireServicePrincipal(c.var.services, org, principal_id);
      const key = await createClientKey(c.var.services, org, principal_id);
      c.header('cache-control', 'no-store');
      return c.json({ key: presentKey(sp, key), client_secret: key.clientSecret }, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'DeleteServicePrincipalKey',
      summary: 'Delete a service principal key',
      description: 'HCP: ServicePrincipalsService_DeleteOrganizationServicePrincipalKey.',
      method: 'delete',
      path: `${KEYS}/{client_id}`,
      request: { params: KeyParams },
      responses: { ...okEmpty('revoked: no new token can be obtained with it'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const org = await authorizeOrg(c, p.organization_id, 'iam.manage');
      await deleteServicePrincipalKeyByClientId(c.var.services, org, p.client_id);
      return c.json({}, 200);
    },
  );
  app.openapi(
    route({
      operationId: 'ListWorkloadIdentityProviders',
      summary: 'List a service principal’s workload identity providers (Coffer)',
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
      summary: 'Trust an external OIDC issuer for a service principal (Coffer)',
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
      summary: 'Delete a workload identity provider (Coffer)',
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
