import { createHmac } from 'node:crypto';
import { keyContextFor } from '../crypto/aad.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { CofferError } from '../errors.js';
import type { Clock, Page, PageRequest } from '../ports.js';
import type { AuditEvent, AuditFilter, AuditStore } from './audit.js';

/** The per-organization HMAC key is a data key like any other, under a context no app can have. */
const auditKeyContext = (orgId: string) => keyContextFor(orgId, '_audit', '_audit');

/**
 * Records and reads the audit trail. Retention is enforced by the table's TTL: each event carries
 * its expiry time.
 */
export class AuditTrail {
  readonly #keys = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly store: AuditStore,
    private readonly dataKeys: DataKeys,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  /** Writes one event; identifiers in `toHash` are stored only as HMACs. Throws AUDIT_UNAVAILABLE. */
  async record(event: Omit<AuditEvent, 'hashed'>, toHash: Record<string, string> = {}): Promise<void> {
    try {
      const hashed: Record<string, string> = {};
      for (const [name, value] of Object.entries(toHash)) {
        hashed[name] = createHmac('sha256', await this.hmacKey(event.orgId))
          .update(value)
          .digest('base64url');
      }
      const expiresAt = new Date(this.clock.now().getTime() + this.retentionDays * 86_400_000);
      await this.store.append({ ...event, ...(Object.keys(hashed).length ? { hashed } : {}) }, expiresAt);
    } catch (cause) {
      throw new CofferError(
        'AUDIT_UNAVAILABLE',
        'the audit trail could not be written; the request was not completed',
        { cause },
      );
    }
  }

  query(orgId: string, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    return this.store.query(orgId, filter, page);
  }

  private hmacKey(orgId: string): Promise<Buffer> {
    let key = this.#keys.get(orgId);
    if (!key) {
      key = this.loadOrCreateKey(orgId);
      key.catch(() => this.#keys.delete(orgId));
      this.#keys.set(orgId, key);
    }
    return key;
  }

  private async loadOrCreateKey(orgId: string): Promise<Buffer> {
    const ctx = auditKeyContext(orgId);
    const existing = await this.store.getWrappedKey(orgId);
    if (existing) return this.dataKeys.unwrap(existing, ctx);
    const fresh = await this.dataKeys.create(ctx, this.clock.now());
    if (await this.store.putWrappedKey(orgId, fresh.wrapped)) return fresh.plaintext;
    const winner = await this.store.getWrappedKey(orgId);
    if (!winner) throw new CofferError('INTERNAL', 'audit key vanished');
    return this.dataKeys.unwrap(winner, ctx);
  }
}
