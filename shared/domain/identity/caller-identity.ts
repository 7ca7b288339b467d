import { membersOf } from '../access/members.js';
import type { Principal } from '../principal.js';
import type { ServicePrincipal } from '../records.js';
import { unsafeOrgScope } from '../scope.js';
import type { AccessStore, PrincipalStore } from '../stores.js';

export interface CallerIdentity {
  readonly principal: Principal;
  /** For a service principal or a workload acting as one: its record, when it is still found. */
  readonly servicePrincipal?: ServicePrincipal;
  /** The organization the principal holds grants in, when it has no record (the local bootstrap admin). */
  readonly orgId?: string;
}

/**
 * GetCallerIdentity. A token names its principal but not the principal's organization, so a service
 * principal is looked up in the organizations it holds grants in (usually one).
 */
export const getCallerIdentity = async (
  deps: { access: AccessStore; principals: PrincipalStore },
  principal: Principal,
): Promise<CallerIdentity> => {
  if (principal.type === 'USER') return { principal };
  const orgs = await deps.access.listOrganizationsOf(membersOf(principal));
  for (const orgId of orgs) {
    const sp = await deps.principals.getServicePrincipal(unsafeOrgScope(orgId), principal.id);
    if (sp) return { principal, servicePrincipal: sp };
  }
  return orgs[0] ? { principal, orgId: orgs[0] } : { principal };
};
