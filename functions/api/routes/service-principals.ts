import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Action } from '../../../shared/domain/access/permissions.js';
import { CofferError } from '../../../shared/domain/errors.js';
import { ResourceId } from '../../../shared/domain/names.js';
import { actorOf } from '../../../shared/domain/principal.js';
import type { OrgScope } from '../../../shared/domain/scope.js';
import type { WorkloadIdentityProvider } from '../../../shared/domain/records.js';
import {
  createClientKey,
  createServicePrincipal,
  createWorkloadProvider,
  deleteServicePrincipal,
  requireServicePrincipal,
} from '../../../shared/domain/identity/service-principals.js';
import { providerResourceName } from '../../../shared/domain/identity/token-exchange.js';
import type { AppEnv } from '../env.js';
import { pageRequestOf, paginationOf } from '../pagination.js';
import { authorizeOrg, authorizeProject, bearer, errors, jsonBody, ok, okEmpty } from '../route-kit.js';
import { OrgParams, PageQuery, ProjectParams } from '../schemas/common.js';
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

const tags = ['Service principals'];
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags, security: bearer, ...r });

const paramsAt = <T extends typeof OrgParams>(level: T) => {
  const sp = level.extend({
    principal_id: ResourceId.openapi({ param: { name: 'principal_id', in: 'path' } }),
  });
  return {
    level,
    sp,
    key: level.extend({
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
 * Service principals are managed at HCP's two levels: the organization's (its admins manage every
 * principal) and a project's (the project's admins manage the principals created for that project,
 * and only those: a principal of another project or of the organization is not found there).
 */
const LEVELS = [
  {
    level: 'Organization',
    base: '/iam/2019-12-10/organizations/{organization_id}',
    params: paramsAt(OrgParams),
  },
  {
    level: 'Project',
    base: '/iam/2019-12-10/organizations/{organization_id}/projects/{project_id}',
    params: paramsAt(ProjectParams as unknown as typeof OrgParams),
  },
] as const;

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
  const sp = await requireServicePrincipal(c.get('services'), at.org, principalId);
  if (at.projectId !== undefined && sp.projectId !== at.projectId) {
    throw new CofferError('SERVICE_PRINCIPAL_NOT_FOUND', `service principal ${principalId} not found`);
  }
  return sp;
};

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

const registerLevel = (app: OpenAPIHono<AppEnv>, { level, base, params }: (typeof LEVELS)[number]) => {
  const BASE = `${base}/service-principals`;
  const KEYS = `${base}/service-principal-keys`;
  const at = level === 'Organization' ? 'an organization' : 'a project';
  // Organization-level operations keep their names; project-level ones read as HCP's (ListProject...).
  const op = (name: string) =>
    level === 'Organization' ? name : name.replace(/^(List|Create|Get|Delete)/, '$1Project');
  const { level: LevelParams, sp: SpParams, key: KeyParams, provider: ProviderParams } = params;

  app.openapi(
    route({
      operationId: op('ListServicePrincipals'),
      summary: `List ${at}’s service principals`,
      description: `HCP: ServicePrincipalsService_List${level}ServicePrincipals.`,
      method: 'get',
      path: BASE,
      request: { params: LevelParams, query: PageQuery },
      responses: { ...ok(ListServicePrincipalsResponse, 'one page of principals'), ...errors },
    }),
    async (c) => {
      const p: { organization_id: string; project_id?: string } = c.req.valid('param');
      const where = await authorizeLevel(c, p, 'iam.read');
      const listing = `service-principals:${p.organization_id}:${where.projectId ?? ''}`;
      const { principals } = c.get('services');
      const page = await principals.listServicePrincipals(
        where.org,
        pageRequestOf(listing, c.req.valid('query')),
        where.projectId,
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
      operationId: op('CreateServicePrincipal'),
      summary: `Create a service principal in ${at}`,
      description: `HCP: ServicePrincipalsService_Create${level}ServicePrincipal. Grant it roles with an IAM policy.`,
      method: 'post',
      path: BASE,
      request: { params: LevelParams, body: jsonBody(CreateServicePrincipalBody) },
      responses: { ...ok(ServicePrincipalResponse, 'the new principal'), ...errors },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const where = await authorizeLevel(c, c.req.valid('param'), 'iam.manage');
      if (
        where.projectId !== undefined &&
        body.project_id !== undefined &&
        body.project_id !== where.projectId
      ) {
        throw new CofferError('INVALID_ARGUMENT', 'project_id must be the project in the path');
      }
      const sp = await createServicePrincipal(
        c.get('services'),
        where.org,
        { name: body.name, projectId: where.projectId ?? body.project_id },
        actorOf(c.get('principal')),
      );
      return c.json({ service_principal: presentServicePrincipal(sp) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: op('GetServicePrincipal'),
      summary: 'Get a service principal with its keys',
      description: `HCP: ServicePrincipalsService_Get${level}ServicePrincipal.`,
      method: 'get',
      path: `${BASE}/{principal_id}`,
      request: { params: SpParams },
      responses: { ...ok(GetServicePrincipalResponse, 'the principal and its keys'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const where = await authorizeLevel(c, p, 'iam.read');
      const sp = await principalAt(c, where, p.principal_id);
      const keys = await c.get('services').principals.listClientKeys(where.org, p.principal_id);
      return c.json(
        {
          service_principal: presentServicePrincipal(sp),
          keys: keys.map((k) => presentKey(sp, k)),
          ...(where.projectId !== undefined ? { project_id: where.projectId } : {}),
        },
        200,
      );
    },
  );
  app.openapi(
    route({
      operationId: op('DeleteServicePrincipal'),
      summary: 'Delete a service principal',
      description:
        `HCP: ServicePrincipalsService_Delete${level}ServicePrincipal. Its keys, providers and policy ` +
        'bindings go too, and the tokens it holds stop working within the authorization cache window.',
      method: 'delete',
      path: `${BASE}/{principal_id}`,
      request: { params: SpParams },
      responses: { ...okEmpty('deleted; its tokens stop working'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const where = await authorizeLevel(c, p, 'iam.manage');
      await principalAt(c, where, p.principal_id);
      await deleteServicePrincipal(c.get('services'), where.org, p.principal_id);
      return c.json({}, 200);
    },
  );
  app.openapi(
    route({
      operationId: op('ListServicePrincipalKeys'),
      summary: 'List a service principal’s keys (Coffer)',
      method: 'get',
      path: `${BASE}/{principal_id}/keys`,
      request: { params: SpParams },
      responses: { ...ok(KeysResponse, 'client ids; secrets are never shown again'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const where = await authorizeLevel(c, p, 'iam.read');
      const sp = await principalAt(c, where, p.principal_id);
      const keys = await c.get('services').principals.listClientKeys(where.org, p.principal_id);
      return c.json({ keys: keys.map((k) => presentKey(sp, k)) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: op('CreateServicePrincipalKey'),
      summary: 'Create a key for a service principal',
      description: `HCP: ServicePrincipalsService_Create${level}ServicePrincipalKey. Store the secret now: it is shown once.`,
      method: 'post',
      path: KEYS,
      request: { params: LevelParams, body: jsonBody(CreateKeyBody) },
      responses: { ...ok(NewKeyResponse, 'the key and its secret'), ...errors },
    }),
    async (c) => {
      const { principal_id } = c.req.valid('json');
      const where = await authorizeLevel(c, c.req.valid('param'), 'iam.manage');
      const sp = await principalAt(c, where, principal_id);
      const key = await createClientKey(c.get('services'), where.org, principal_id);
      c.header('cache-control', 'no-store');
      return c.json({ key: presentKey(sp, key), client_secret: key.clientSecret }, 200);
    },
  );
  app.openapi(
    route({
      operationId: op('DeleteServicePrincipalKey'),
      summary: 'Delete a service principal key',
      description:
        `HCP: ServicePrincipalsService_Delete${level}ServicePrincipalKey. No new token can be obtained ` +
        'with it, and the tokens it gave stop working within the authorization cache window.',
      method: 'delete',
      path: `${KEYS}/{client_id}`,
      request: { params: KeyParams },
      responses: { ...okEmpty('revoked'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const where = await authorizeLevel(c, p, 'iam.manage');
      await deleteServicePrincipalKeyByClientId(c.get('services'), where.org, p.client_id, where.projectId);
      return c.json({}, 200);
    },
  );
  app.openapi(
    route({
      operationId: op('ListWorkloadIdentityProviders'),
      summary: 'List a service principal’s workload identity providers (Coffer)',
      method: 'get',
      path: `${BASE}/{principal_id}/workload-identity-providers`,
      request: { params: SpParams },
      responses: { ...ok(z.object({ providers: z.array(WorkloadProvider) }), 'providers'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const where = await authorizeLevel(c, p, 'iam.read');
      await principalAt(c, where, p.principal_id);
      const providers = await c.get('services').principals.listProviders(where.org, p.principal_id);
      return c.json({ providers: providers.map(presentProvider) }, 200);
    },
  );
  app.openapi(
    route({
      operationId: op('CreateWorkloadIdentityProvider'),
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
      const where = await authorizeLevel(c, p, 'iam.manage');
      await principalAt(c, where, p.principal_id);
      const provider = await createWorkloadProvider(c.get('services'), where.org, p.principal_id, {
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
      operationId: op('DeleteWorkloadIdentityProvider'),
      summary: 'Delete a workload identity provider (Coffer)',
      method: 'delete',
      path: `${BASE}/{principal_id}/workload-identity-providers/{provider_name}`,
      request: { params: ProviderParams },
      responses: { ...ok(z.object({}), 'deleted'), ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const where = await authorizeLevel(c, p, 'iam.manage');
      await principalAt(c, where, p.principal_id);
      if (!(await c.get('services').principals.deleteProvider(where.org, p.principal_id, p.provider_name))) {
        throw new CofferError('PROVIDER_NOT_FOUND', `provider ${p.provider_name} not found`);
      }
      return c.json({}, 200);
    },
  );
};
