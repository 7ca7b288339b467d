import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  createOrganization,
  createProject,
  listOrganizations,
  listProjects,
} from '../../../shared/domain/directory/organizations.js';
import type { AppEnv } from '../env.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { pagination, presentOrganization, presentProject } from '../present.js';
import { authorizeOrg, bearer, errors, jsonBody, ok, pageRequest } from '../route-kit.js';
import {
  CreateOrganizationBody,
  CreateProjectBody,
  Organization,
  Pagination,
  Project,
  ProjectListQuery,
} from '../schemas.js';

const RM = '/resource-manager/2019-12-10';
const tags = ['Resource manager'];

const listOrgs = createRoute({
  operationId: 'ListOrganizations',
  method: 'get',
  path: `${RM}/organizations`,
  tags,
  security: bearer,
  responses: {
    ...ok(z.object({ organizations: z.array(Organization) }), 'organizations the caller holds a grant in'),
    ...errors,
  },
});
const createOrg = createRoute({
  operationId: 'CreateOrganization',
  method: 'post',
  path: `${RM}/organizations`,
  tags,
  security: bearer,
  request: { body: jsonBody(CreateOrganizationBody) },
  responses: {
    ...ok(z.object({ organization: Organization }), 'the new organization; the caller is its admin'),
    ...errors,
  },
});
const listProj = createRoute({
  operationId: 'ListProjects',
  method: 'get',
  path: `${RM}/projects`,
  tags,
  security: bearer,
  request: { query: ProjectListQuery },
  responses: {
    ...ok(z.object({ projects: z.array(Project), pagination: Pagination }), 'projects of the organization'),
    ...errors,
  },
});
const createProj = createRoute({
  operationId: 'CreateProject',
  method: 'post',
  path: `${RM}/projects`,
  tags,
  security: bearer,
  request: { body: jsonBody(CreateProjectBody) },
  responses: { ...ok(z.object({ project: Project }), 'the new project'), ...errors },
});

export const registerResourceManagerRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(listOrgs, async (c) => {
    const orgs = await listOrganizations(c.var.services, c.var.principal);
    return c.json({ organizations: orgs.map(presentOrganization) }, 200);
  });

  app.openapi(createOrg, async (c) => {
    const { name } = c.req.valid('json');
    const org = await createOrganization(c.var.services, name, c.var.principal);
    c.set('auditTarget', { orgId: org.id });
    return c.json({ organization: presentOrganization(org) }, 200);
  });

  app.openapi(listProj, async (c) => {
    const q = c.req.valid('query');
    const scope = await authorizeOrg(c, q['scope.id'], 'organization.read');
    const listing = `projects:${q['scope.id']}`;
    const page = await listProjects(
      c.var.services,
      scope,
      pageRequest(q, decodePageToken(listing, q['pagination.next_page_token'])),
    );
    return c.json(
      {
        projects: page.items.map(presentProject),
        pagination: pagination(encodePageToken(listing, page.nextCursor)),
      },
      200,
    );
  });

  app.openapi(createProj, async (c) => {
    const body = c.req.valid('json');
    const scope = await authorizeOrg(c, body.parent.id, 'organization.manage');
    const project = await createProject(c.var.services, scope, {
      name: body.name,
      description: body.description,
    });
    return c.json({ project: presentProject(project) }, 200);
  });
};
