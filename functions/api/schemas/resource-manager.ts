import { z } from '@hono/zod-openapi';
import { Description, DisplayName, ResourceId } from '../../../shared/domain/names.js';
import { PageQuery, Pagination, Timestamp } from './common.js';

/** Organizations and projects: HCP resource-manager 2019-12-10 shapes. */

export const Organization = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: Timestamp,
    state: z.enum(['UNKNOWN', 'ACTIVE', 'PENDING_DELETE']),
  })
  .openapi('Organization');
export const Project = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    created_at: Timestamp,
    parent: z.object({ type: z.enum(['UNKNOWN', 'ORGANIZATION', 'PROJECT']), id: z.string() }),
    state: z.enum(['UNKNOWN', 'ACTIVE', 'DELETING', 'DELETED']),
  })
  .openapi('Project');

/** HCP's OrganizationCreateRequest; billing and ownership details are accepted and ignored. */
export const CreateOrganizationBody = z
  .strictObject({
    name: DisplayName,
    billing_account_details: z.unknown().optional(),
    organization_ownership_details: z.unknown().optional(),
  })
  .openapi('CreateOrganizationRequest');
export const CreateProjectBody = z
  .strictObject({
    name: DisplayName,
    description: Description.optional(),
    parent: z.strictObject({ type: z.literal('ORGANIZATION'), id: ResourceId }),
  })
  .openapi('CreateProjectRequest');
export const ProjectListQuery = PageQuery.extend({
  'scope.type': z.literal('ORGANIZATION').openapi({ param: { name: 'scope.type', in: 'query' } }),
  'scope.id': ResourceId.openapi({ param: { name: 'scope.id', in: 'query' } }),
});

export const OrganizationResponse = z.object({ organization: Organization });
export const ListOrganizationsResponse = z.object({
  organizations: z.array(Organization),
  pagination: Pagination,
});
export const ProjectResponse = z.object({ project: Project });
export const ListProjectsResponse = z.object({ projects: z.array(Project), pagination: Pagination });
