import { randomUUID } from 'node:crypto';
import type { Clock, Page, PageRequest } from '../ports.js';
import type { Principal } from '../principal.js';
import { CofferError } from '../errors.js';
import type { Organization, Project } from '../records.js';
import { membersOf } from '../access/members.js';
import { unsafeOrgScope, type OrgScope, type ProjectScope } from '../scope.js';
import type { AccessStore, DirectoryStore } from '../stores.js';

/** Whether users may create organizations themselves, and how many each (config). */
export interface SelfServicePolicy {
  readonly enabled: boolean;
  readonly perUser: number;
}

/**
 * Self-service organization creation. Only a user can found an organization (a service principal or
 * workload acts inside one, it does not start new tenants), only where the deployment allows it, and
 * at most `perUser` times: the count is taken with a conditional write before the organization is
 * made, so concurrent requests cannot exceed it. Organizations made by an operator (the local
 * bootstrap) do not go through here and do not count.
 */
export const createOrganization = async (
  deps: { directory: DirectoryStore; clock: Clock; organizationSelfService: SelfServicePolicy },
  name: string,
  creator: Principal,
): Promise<Organization> => {
  if (creator.type !== 'USER') {
    throw new CofferError('PERMISSION_DENIED', 'only users can create organizations');
  }
  const policy = deps.organizationSelfService;
  if (!policy.enabled) {
    throw new CofferError('PERMISSION_DENIED', 'this deployment does not allow creating organizations');
  }
  if (!(await deps.directory.countOrganizationCreated(creator.id, policy.perUser))) {
    throw new CofferError(
      'ORGANIZATION_QUOTA_EXCEEDED',
      `a user may create at most ${policy.perUser} organizations`,
    );
  }
  const org: Organization = { id: randomUUID(), name, createdAt: deps.clock.now().toISOString() };
  await deps.directory.createOrganization(org, { id: creator.id, type: 'USER' });
  return org;
};

/** Organizations where the caller holds a grant (each grant proves the caller may see it). */
export const listOrganizations = async (
  deps: { directory: DirectoryStore; access: AccessStore },
  caller: Principal,
): Promise<Organization[]> => {
  const ids = await deps.access.listOrganizationsOf(membersOf(caller));
  const orgs = await Promise.all(ids.map((id) => deps.directory.getOrganization(unsafeOrgScope(id))));
  return orgs
    .filter((o): o is Organization => o !== undefined)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

export const createProject = async (
  deps: { directory: DirectoryStore; clock: Clock },
  org: OrgScope,
  input: { name: string; description: string },
): Promise<Project> => {
  const project: Project = {
    id: randomUUID(),
    orgId: org.orgId,
    name: input.name,
    description: input.description,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.directory.createProject(project, org);
  return project;
};

export const listProjects = (
  deps: { directory: DirectoryStore },
  org: OrgScope,
  page: PageRequest,
): Promise<Page<Project>> => deps.directory.listProjects(org, page);

/** GetOrganization. */
export const getOrganization = async (
  deps: { directory: DirectoryStore },
  org: OrgScope,
): Promise<Organization> => {
  const found = await deps.directory.getOrganization(org);
  if (!found) throw new CofferError('ORGANIZATION_NOT_FOUND', `organization ${org.orgId} not found`);
  return found;
};

/** GetProject. */
export const getProject = async (
  deps: { directory: DirectoryStore },
  scope: ProjectScope,
): Promise<Project> => {
  const found = await deps.directory.getProject(scope);
  if (!found) throw new CofferError('PROJECT_NOT_FOUND', `project ${scope.projectId} not found`);
  return found;
};
