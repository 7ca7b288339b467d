import { membersOf } from '../access/members.js';
import type { Principal } from '../principal.js';
import type { ServicePrincipal } from '../records.js';
import { unsafeOrgScope } from '../scope.js';
import { ReadCache } from '../read-cache.js';
import type { AccessStore, PrincipalStore } from '../stores.js';

export interface CallerIdentity {
  readonly principal: Principal;
  /** For a service principal or a workload acting as one: its record, when it is still found. */
  readonly servicePrincipal?: ServicePrincipal;
  /** The organization the principal holds grants in, when it has no record (the local bootstrap admin). */
  readonly orgId?: string;
}

type Found = Omit<CallerIdentity, 'principal'>;

/**
 * GetCallerIdentity. A token names its principal but not the principal's organization, so a service
 * principal is looked up in the organizations it holds grants in (usually one).
 *
 * What is found is kept per process for the grant cache's window (`COFFER_POLICY_CACHE_SECONDS`):
 * the principal's record lives on its organization's partition (`O#{org}`), so uncached, a client
 * calling this in a loop would cap the whole organization near 3,000 calls per second and compete
 * with authorization's cache misses there (docs/SCALE.md). A deleted principal's tokens are refused
 * by authorization within the same window, so the cache shows nothing a request could not use.
 */
export class CallerIdentities {
  readonly #found: ReadCache<Found>;

  constructor(
    private readonly deps: { access: AccessStore; principals: PrincipalStore },
    options: { ttlMs: number; now?: () => number },
  ) {
    this.#found = new ReadCache(options);
  }

  async of(principal: Principal): Promise<CallerIdentity> {
    if (principal.type === 'USER') return { principal };
    const found = await this.#found.get(`${principal.type} ${principal.id}`, () =>
      lookUp(this.deps, principal),
    );
    return { principal, ...found };
  }
}

const lookUp = async (
  deps: { access: AccessStore; principals: PrincipalStore },
  principal: Principal,
): Promise<Found> => {
  const orgs = await deps.access.listOrganizationsOf(membersOf(principal));
  for (const orgId of orgs) {
    const sp = await deps.principals.getServicePrincipal(unsafeOrgScope(orgId), principal.id);
    if (sp) return { servicePrincipal: sp };
  }
  return orgs[0] ? { orgId: orgs[0] } : {};
};
