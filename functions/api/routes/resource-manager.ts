import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  createOrganization,
  createProject,
  getOrganization,
  getProject,
  listOrganizations,
  listProjects,
} from '../../../shared/domain/directory/organizations.js';
import { CofferError } from '../../../shared/domain/errors.js';
import type { AppEnv } from '../env.js';
import { pageRequestOf, paginationOf } from '../pagination.js';
import { presentOrganization, presentProject } from '../presenters/resource-manager.js';
import { authorizeOrg, authorizeProject, bearer, errors, jsonBody, ok } from '../route-kit.js';
import { IdParams } from '../schemas/common.js';
import {
  CreateOrganizationBody,
  CreateProjectBody,
  ListOrganizationsResponse,
  ListProjectsResponse,
  OrganizationResponse,
  ProjectListQuery,
  ProjectResponse,
} from '../schemas/resource-manager.js';

/** Organizations and projects (HCP resource-manager 2019-12-10; HCP's operationId in each description). */
const RM = '/resource-manager/2019-12-10';
const tags = ['Resource manager'];
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags, security: bearer, ...r });

export const ListOrganizations = route({
  operationId: 'ListOrganizations',
  summary: 'List the organizations the caller holds a grant in',
  description: 'HCP: OrganizationService_List. Answered in one page.',
  method: 'get',
  path: `${RM}/organizations`,
  responses: { ...ok(ListOrganizationsResponse, 'organizations'), ...errors },
});
export const CreateOrganization = route({
  operationId: 'CreateOrganization',
  summary: 'Create an organization',
  description: 'HCP: OrganizationService_Create. The caller becomes its admin.',
  method: 'post',
  path: `${RM}/organizations`,
  request: { body: jsonBody(CreateOrganizationBody) },
  responses: { ...ok(OrganizationResponse, 'the new organization'), ...errors },
});
export const GetOrganization = route({
  operationId: 'GetOrganization',
  summary: 'Get an organization',
  description: 'HCP: OrganizationService_Get.',
  method: 'get',
  path: `${RM}/organizations/{id}`,
  request: { params: IdParams },
  responses: { ...ok(OrganizationResponse, 'the organization'), ...errors },
});
export const ListProjects = route({
  operationId: 'ListProjects',
  summary: 'List the projects of an organization',
  description: 'HCP: ProjectService_List.',
  method: 'get',
  path: `${RM}/projects`,
  request: { query: ProjectListQuery },
  responses: { ...ok(ListProjectsResponse, 'one page of projects'), ...errors },
});
export const CreateProject = route({
  operationId: 'CreateProject',
  summary: 'Create a project',
  description: 'HCP: ProjectService_Create.',
  method: 'post',
  path: `${RM}/projects`,
  request: { body: jsonBody(CreateProjectBody) },
  responses: { ...ok(ProjectResponse, 'the new project'), ...errors },
});
export const GetProject = route({
  operationId: 'GetProject',
  summary: 'Get a project',
  description: 'HCP: ProjectService_Get.',
  method: 'get',
  path: `${RM}/projects/{id}`,
  request: { params: IdParams },
  responses: { ...ok(ProjectResponse, 'the project'), ...errors },
});

/** HCP's project paths carry no organization; project ids are global, so look it up. */
export const authorizeProjectById = async (
  c: Context<AppEnv>,
  projectId: string,
  action: Parameters<typeof authorizeProject>[2],
) => {
  const orgId = await c.get('services').directory.findProjectOrg(projectId);
  if (!orgId) throw new CofferError('PROJECT_NOT_FOUND', `project ${projectId} not found`);
  return authorizeProject(c, { organization_id: orgId, project_id: projectId }, action);
};

export const registerResourceManagerRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(ListOrganizations, async (c) => {
    const orgs = await listOrganizations(c.get('services'), c.get('principal'));
    return c.json(
      {
        organizations: orgs.map(presentOrganization),
        pagination: { next_page_token: '', previous_page_token: '' },
      },
      200,
    );
  });

  app.openapi(CreateOrganization, async (c) => {
    const { name } = c.req.valid('json');
    const org = await createOrganization(c.get('services'), name, c.get('principal'));
    c.set('auditTarget', { orgId: org.id });
    return c.json({ organization: presentOrganization(org) }, 200);
  });

  app.openapi(GetOrganization, async (c) => {
    const scope = await authorizeOrg(c, c.req.valid('param').id, 'organization.read');
    return c.json(
      { organization: presentOrganization(await getOrganization(c.get('services'), scope)) },
      200,
    );
  });

  app.openapi(ListProjects, async (c) => {
    const q = c.req.valid('query');
    const scope = await authorizeOrg(c, q['scope.id'], 'organization.read');
    const listing = `projects:${q['scope.id']}`;
    const page = await listProjects(c.get('services'), scope, pageRequestOf(listing, q));
    return c.json({ projects: page.items.map(presentProject), pagination: paginationOf(listing, page) }, 200);
  });

  app.openapi(CreateProject, async (c) => {
    const body = c.req.valid('json');
    const scope = await authorizeOrg(c, body.parent.id, 'organization.manage');
    const project = await createProject(c.get('services'), scope, {
      name: body.name,
      description: body.description ?? '',
    });
    return c.json({ project: presentProject(project) }, 200);
  });

  app.openapi(GetProject, async (c) => {
    const scope = await authorizeProjectById(c, c.req.valid('param').id, 'project.read');
    return c.json({ project: presentProject(await getProject(c.get('services'), scope)) }, 200);
  });
};
