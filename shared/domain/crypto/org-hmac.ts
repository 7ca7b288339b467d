import { createHmac } from 'node:crypto';
import { CofferError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { AuditStore } from '../audit/audit.js';
import { keyContextFor } from './aad.js';
import type { DataKeys } from './data-keys.js';

/** The per-organization HMAC key is a data key like any other, under a context no app can have. */
const hmacKeyContext = (orgId: string) => keyContextFor(orgId, '_audit', '_audit');

/**
 * Keyed digests per organization, for values that must be compared or correlated but never stored:
 * identifiers in the audit trail, and the content hashes the sync engine records (a plain hash of a
 * low-entropy secret could be brute-forced from the table). One key per organization, stored
 * wrapped; each use gets its own label so digests of different purposes never match.
 */
export class OrgHmac {
  readonly #keys = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly store: Pick<AuditStore, 'getWrappedKey' | 'putWrappedKey'>,
    private readonly dataKeys: DataKeys,
    private readonly clock: Clock,
  ) {}

  async digest(orgId: string, purpose: string, value: string): Promise<string> {
    return createHmac('sha256', await this.key(orgId))
      .update(purpose)
      .update('\0')
      .update(value)
      .digest('base64url');
  }

  private key(orgId: string): Promise<Buffer> {
    let key = this.#keys.get(orgId);
    if (!key) {
      key = this.loadOrCreate(orgId);
      key.catch(() => this.#keys.delete(orgId));
      this.#keys.set(orgId, key);
    }
    return key;
  }

  private async loadOrCreate(orgId: string): Promise<Buffer> {
    const ctx = hmacKeyContext(orgId);
    const existing = await this.store.getWrappedKey(orgId);
    if (existing) return this.dataKeys.unwrap(existing, ctx);
    const fresh = await this.dataKeys.create(ctx, this.clock.now());
    if (await this.store.putWrappedKey(orgId, fresh.wrapped)) return fresh.plaintext;
    const winner = await this.store.getWrappedKey(orgId);
    if (!winner) throw new CofferError('INTERNAL', 'organization HMAC key vanished');
    return this.dataKeys.unwrap(winner, ctx);
  }
}
