import { CofferError } from '../errors.js';
import type { Principal, Role } from '../principal.js';
import type { AccessState } from '../records.js';
import {
  appScope,
  projectScope,
  unsafeOrgScope,
  type AppScope,
  type OrgScope,
  type ProjectScope,
} from '../scope.js';
import type { AccessRecords, AccessStore, AccessTarget } from '../stores.js';
import { refuseToken } from '../identity/token-refusals.js';
import { ReadCache } from '../read-cache.js';
import { membersOf } from './members.js';
import { isRevoked } from './revocations.js';
import { allows, LOCKED_ACTIONS, type Action } from './permissions.js';

export interface AuthorizerOptions {
  /**
   * How long this process reuses a target's policies. Default 10 s: a revoked grant or a break-glass
   * lock takes effect on every warm instance within that time (changes made through this process
   * take effect at once), and a steady stream of requests costs no table request for authorization.
   */
  readonly ttlMs?: number;
  /** Most targets remembered. Default 10,000. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export interface Authorized<S> {
  readonly scope: S;
  readonly roles: ReadonlySet<Role>;
}

/**
 * Decides every request: the only place tenant scopes are minted. A caller with no grant anywhere on
 * the path gets NOT_FOUND (so the existence of other tenants' resources does not leak); a caller who
 * can see the resource but lacks the permission gets PERMISSION_DENIED.
 */
export class Authorizer {
  readonly #cache: ReadCache<AccessRecords>;

  constructor(
    private readonly store: AccessStore,
    opts: AuthorizerOptions = {},
  ) {
    this.#cache = new ReadCache({
      ttlMs: opts.ttlMs ?? 10_000,
      maxEntries: opts.maxEntries ?? 10_000,
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  authorizeOrg(p: Principal, orgId: string, action: Action): Promise<Authorized<OrgScope>> {
    return this.decide(p, { orgId }, action, () => unsafeOrgScope(orgId));
  }

  authorizeProject(
    p: Principal,
    t: { orgId: string; projectId: string },
    action: Action,
  ): Promise<Authorized<ProjectScope>> {
    return this.decide(p, t, action, () => projectScope(unsafeOrgScope(t.orgId), t.projectId));
  }

  authorizeApp(p: Principal, t: Required<AccessTarget>, action: Action): Promise<Authorized<AppScope>> {
    return this.decide(p, t, action, () =>
      appScope(projectScope(unsafeOrgScope(t.orgId), t.projectId), t.app),
    );
  }

  /** Forgets what this process knows about a target (after it changed a policy or lock there). */
  invalidate(target: AccessTarget): void {
    this.#cache.forget((key) => key.startsWith(`${target.orgId}/`));
  }

  private async decide<S>(
    p: Principal,
    target: AccessTarget,
    action: Action,
    mint: () => S,
  ): Promise<Authorized<S>> {
    const records = await this.records(target);
    if (isRevoked(p, records.revoked)) throw refuseToken('TOKEN_REVOKED');
    const roles = rolesOf(p, records, target);
    if (!records.org || roles.size === 0) {
      throw new CofferError('ORGANIZATION_NOT_FOUND', `organization ${target.orgId} not found`);
    }
    if (target.projectId && !records.project) {
      throw new CofferError('PROJECT_NOT_FOUND', `project ${target.projectId} not found`);
    }
    if (!allows(roles, action)) {
      throw new CofferError('PERMISSION_DENIED', `the caller may not ${action.replace('.', ' ')} here`);
    }
    if (LOCKED_ACTIONS.includes(action) && (records.org.locked || records.project?.locked)) {
      throw new CofferError(
        'RESOURCE_LOCKED',
        `${records.project?.locked ? 'project' : 'organization'} is locked (break-glass); values cannot be opened or changed`,
      );
    }
    return { scope: mint(), roles };
  }

  /** The target's records, read at most once per TTL (shared in-flight, failures not kept). */
  private records(target: AccessTarget): Promise<AccessRecords> {
    const key = `${target.orgId}/${target.projectId ?? ''}/${target.app ?? ''}`;
    return this.#cache.get(key, () => this.store.getAccess(target));
  }
}

/**
 * The roles the caller holds on the target. A principal confined to a project holds nothing
 * outside it, whatever a policy says (policies refuse such grants too; this is the second lock).
 */
const rolesOf = (p: Principal, records: AccessRecords, target: AccessTarget): Set<Role> => {
  const members = membersOf(p);
  const roles = new Set<Role>();
  if (p.projectId !== undefined && p.projectId !== target.projectId) return roles;
  const collect = (state: AccessState | undefined) => {
    for (const b of state?.bindings ?? []) {
      if (b.members.some((m) => members.some((x) => x.type === m.type && x.id === m.id))) roles.add(b.role);
    }
  };
  if (p.projectId === undefined) collect(records.org);
  if (target.projectId) collect(records.project);
  if (target.app) collect(records.app);
  return roles;
};
