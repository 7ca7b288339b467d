import { CofferError } from '../errors.js';
import type { Principal, Role } from '../principal.js';
import { unsafeOrgScope, type OrgScope } from '../scope.js';
import type { DirectoryStore } from '../stores.js';

export interface OrgAccessOptions {
  /**
   * How long a grant lookup is reused by this process. Default 30 s: a revoked grant stops working
   * on every warm instance within that time, and a steady stream of reads costs no extra table
   * request for authorization (like IAM, grants are eventually consistent by seconds).
   */
  readonly ttlMs?: number;
  /** Most (principal, organization) pairs remembered. Default 10,000. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * Organization-level authorization: the only way to obtain an OrgScope. An organization the caller
 * holds no grant in is reported as not found, so its existence does not leak.
 */
export class OrgAccess {
  readonly #cache = new Map<string, { role: Role | undefined; expiresAt: number }>();
  readonly #ttl: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(
    private readonly directory: DirectoryStore,
    opts: OrgAccessOptions = {},
  ) {
    this.#ttl = opts.ttlMs ?? 30_000;
    this.#max = opts.maxEntries ?? 10_000;
    this.#now = opts.now ?? Date.now;
  }

  async authorize(principal: Principal, orgId: string): Promise<{ scope: OrgScope; role: Role }> {
    const role = await this.roleOf(principal, orgId);
    if (!role) throw new CofferError('ORGANIZATION_NOT_FOUND', `organization ${orgId} not found`);
    return { scope: unsafeOrgScope(orgId), role };
  }

  /** Forgets a cached decision, after this process changed the grant. */
  invalidate(principal: Principal, orgId: string): void {
    this.#cache.delete(cacheKey(principal, orgId));
  }

  private async roleOf(principal: Principal, orgId: string): Promise<Role | undefined> {
    const key = cacheKey(principal, orgId);
    const hit = this.#cache.get(key);
    if (hit && hit.expiresAt > this.#now()) return hit.role;
    const role = await this.directory.getRole(orgId, { id: principal.id, type: principal.type });
    this.#cache.delete(key);
    this.#cache.set(key, { role, expiresAt: this.#now() + this.#ttl });
    if (this.#cache.size > this.#max) this.#cache.delete(this.#cache.keys().next().value as string);
    return role;
  }
}

const cacheKey = (p: Principal, orgId: string) => `${p.type}:${p.id}:${orgId}`;
