import type { OrgHmac } from '../crypto/org-hmac.js';
import { CofferError } from '../errors.js';
import type { Clock, Page, PageRequest } from '../ports.js';
import type { AuditEvent, AuditFilter, AuditStore } from './audit.js';

/**
 * Records and reads the audit trail. Retention is enforced by the table's TTL: each event carries
 * its expiry time.
 */
export class AuditTrail {
  constructor(
    private readonly store: AuditStore,
    private readonly hmac: OrgHmac,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  /** Writes one event; identifiers in `toHash` are stored only as HMACs. Throws AUDIT_UNAVAILABLE. */
  async record(event: Omit<AuditEvent, 'hashed'>, toHash: Record<string, string> = {}): Promise<void> {
    try {
      const hashed: Record<string, string> = {};
      for (const [name, value] of Object.entries(toHash))
        hashed[name] = await this.hmac.digest(event.orgId, `audit:${name}`, value);
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
}
