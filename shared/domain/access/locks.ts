import type { Clock } from '../ports.js';
import type { ActorRef } from '../principal.js';
import type { AccessState } from '../records.js';
import type { OrgScope, ProjectScope } from '../scope.js';
import type { AccessStore, AccessTarget, DirectoryStore } from '../stores.js';
import type { Authorizer } from './authorizer.js';
import { readPolicy, setLock } from './policies.js';

/**
 * Break-glass locks (HCP's LockOrganization, UnlockOrganization, GetOrganizationLockStatus and the
 * project variants). While an organization or project is locked nobody can open values, write or
 * delete secrets, delete apps or change syncs; metadata stays readable. Callers have authorized.
 */

/** One lock as HCP reports it; Coffer's locks are always the customer's own. */
export interface LockView {
  readonly origin: 'CUSTOMER';
  readonly reason: string;
}

type LockDeps = { access: AccessStore; authorizer: Authorizer; clock: Clock };

const lockOf = (s: AccessState): LockView | undefined =>
  s.locked ? { origin: 'CUSTOMER', reason: s.locked.reason } : undefined;

const lock = (deps: LockDeps, target: AccessTarget, reason: string, by: ActorRef) =>
  setLock(deps, target, { at: deps.clock.now().toISOString(), by, reason });

/** LockOrganization. Locking what is already locked replaces the reason. */
export const lockOrganization = (deps: LockDeps, org: OrgScope, reason: string, by: ActorRef) =>
  lock(deps, { orgId: org.orgId }, reason, by);

/** UnlockOrganization. */
export const unlockOrganization = (deps: LockDeps, org: OrgScope) =>
  setLock(deps, { orgId: org.orgId }, undefined);

/** LockProject. */
export const lockProject = (deps: LockDeps, project: ProjectScope, reason: string, by: ActorRef) =>
  lock(deps, { orgId: project.orgId, projectId: project.projectId }, reason, by);

/** UnlockProject. */
export const unlockProject = (deps: LockDeps, project: ProjectScope) =>
  setLock(deps, { orgId: project.orgId, projectId: project.projectId }, undefined);

/** GetOrganizationLockStatus: the organization's lock and, per locked project, its lock. */
export const getOrganizationLockStatus = async (
  deps: { access: AccessStore; directory: DirectoryStore },
  org: OrgScope,
): Promise<{ locks: LockView[]; projectLocks: Record<string, LockView[]> }> => {
  const own = lockOf(await readPolicy(deps, { orgId: org.orgId }));
  const projectLocks: Record<string, LockView[]> = {};
  let cursor: string | undefined;
  do {
    const page = await deps.directory.listProjects(org, { limit: 100, cursor });
    for (const p of page.items) {
      const state = (await deps.access.getAccess({ orgId: org.orgId, projectId: p.id })).project;
      const l = state && lockOf(state);
      if (l) projectLocks[p.id] = [l];
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { locks: own ? [own] : [], projectLocks };
};

/** GetProjectLockStatus: the project's lock and the organization's, which applies to it too. */
export const getProjectLockStatus = async (
  deps: { access: AccessStore },
  project: ProjectScope,
): Promise<{ locks: LockView[]; organizationLock?: LockView }> => {
  const records = await deps.access.getAccess({ orgId: project.orgId, projectId: project.projectId });
  const own = records.project && lockOf(records.project);
  const orgLock = records.org && lockOf(records.org);
  return { locks: own ? [own] : [], ...(orgLock ? { organizationLock: orgLock } : {}) };
};
