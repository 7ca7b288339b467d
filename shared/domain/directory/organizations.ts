import { randomUUID } from 'node:crypto';
import type { Clock, Page, PageRequest } from '../ports.js';
import type { Principal } from '../principal.js';
import type { Member, Organization, Project } from '../records.js';
import { membersOf } from '../access/members.js';
import { unsafeOrgScope, type OrgScope, type ProjectScope } from '../scope.js';
import { CofferError } from '../errors.js';
import type { AccessStore, DirectoryStore } from '../stores.js';

export const createOrganization = async (
  deps: { directory: DirectoryStore; clock: Clock },
  name: string,
  creator: Principal,
): Promise<Organization> => {
  const org: Organization = { id: randomUUID(), name, createdAt: deps.clock.now().toISOString() };
  await deps.directory.createOrganization(org, membersOf(creator)[0] as Member);
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
