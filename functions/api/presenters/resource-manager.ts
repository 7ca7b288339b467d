import type { Organization, Project } from '../../../shared/domain/records.js';

/** HashicorpCloudResourcemanagerOrganization. Coffer has no pending deletion: always ACTIVE. */
export const presentOrganization = (o: Organization) => ({
  id: o.id,
  name: o.name,
  created_at: o.createdAt,
  state: 'ACTIVE' as const,
});

/** HashicorpCloudResourcemanagerProject: projects always sit directly in an organization. */
export const presentProject = (p: Project) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  created_at: p.createdAt,
  parent: { type: 'ORGANIZATION' as const, id: p.orgId },
  state: 'ACTIVE' as const,
});
