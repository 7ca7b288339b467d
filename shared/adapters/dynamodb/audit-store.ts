import { createHash, randomBytes } from 'node:crypto';
import type { AuditEvent, AuditFilter, AuditStore } from '../../domain/audit/audit.js';
import type { Page, PageRequest } from '../../domain/ports.js';
import * as k from './keys.js';
import type { Item, Table } from './table.js';
import { TABLE_DEFINITION } from './table-definition.js';

const DAY_MS = 86_400_000;
const day = (t: Date | string | number) => new Date(t).toISOString().slice(0, 10);
const previousDay = (d: string) => day(Date.parse(`${d}T00:00:00Z`) - DAY_MS);

/**
 * Items one shard may read in one round of a filtered query. A filter is applied after the read, so
 * this, not the page size, bounds the work: a page costs at most MAX_ROUNDS × AUDIT_SHARDS × this.
 */
export const FILTER_SCAN_PER_SHARD = 32;
/** Rounds (one parallel Query per shard each) one page may take before it answers with a token. */
export const MAX_ROUNDS = 2;

/**
 * Audit events: one organization's events of one UTC day spread over AUDIT_SHARDS partitions
 * (`O#{org}#AUDIT#{day}#{shard}`), sorted by `{time}#{request id}`.
 *
 * Writes. Every API request writes one event, and a partition takes at most 1,000 writes a second
 * and cannot be split while its sort keys only grow; 16 shards carry 16,000 events a second per
 * organization. The shard is a keyed hash of the sort key under a per-process random salt: the same
 * event always lands on the same item in this process (a corrected outcome overwrites it, see
 * functions/api/audit.ts), yet a caller choosing its own x-request-id cannot aim at one shard.
 *
 * Reads. A time range is answered newest first by merging the shards: each round queries every
 * shard of the day in parallel, from the page's position down, with a small Limit. Everything at or
 * above the highest point where some shard stopped (the cutoff) has been read on every shard, so
 * matching items there are returned in order; the next round or page starts below. The cursor is
 * one position per day plus the shards already finished, because every shard resumes from the same
 * point. Work per page is bounded (MAX_ROUNDS rounds of at most AUDIT_SHARDS small Queries) whatever
 * a filter matches: a page may come back short, or empty, with a token to continue.
 */
export class DynamoAuditStore implements AuditStore {
  readonly #salt = randomBytes(16);

  constructor(private readonly table: Table) {}

  /** The shard an event's sort key lands on (stable within this process). */
  shardOf(sk: string): number {
    return createHash('sha256').update(this.#salt).update(sk).digest().readUInt32BE(0) % k.AUDIT_SHARDS;
  }

  async append(e: AuditEvent, expiresAt: Date): Promise<void> {
    const sk = `${e.time}#${e.requestId}`;
    await this.table.put({
      pk: k.auditPk(e.orgId, day(e.time), this.shardOf(sk)),
      sk,
      kind: 'audit',
      time: e.time,
      request_id: e.requestId,
      org_id: e.orgId,
      project_id: e.projectId,
      principal: e.principal,
      principal_id: e.principal?.id,
      operation: e.operation,
      resource: e.resource,
      outcome: e.outcome,
      error_code: e.errorCode,
      reason: e.reason,
      source_ip: e.sourceIp,
      user_agent: e.userAgent,
      hashed: e.hashed,
      [TABLE_DEFINITION.ttlAttribute]: Math.floor(expiresAt.getTime() / 1000),
    });
  }

  async query(orgId: string, f: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const first = day(f.from);
    let pos = page.cursor ? parseCursor(page.cursor) : { day: day(f.to), done: 0 };
    const filter = filterOf(f);
    // Unfiltered, a little over a fair share per shard usually fills the page in one round.
    const fair = Math.ceil((2 * page.limit) / k.AUDIT_SHARDS) + 4;
    const limit = filter ? Math.max(fair, FILTER_SCAN_PER_SHARD) : Math.min(page.limit, fair);
    const items: AuditEvent[] = [];
    for (let round = 0; round < MAX_ROUNDS && pos.day >= first && items.length < page.limit; round++) {
      const r = await this.round(orgId, f, filter, pos, limit, page.limit - items.length);
      items.push(...r.items);
      pos = r.next ?? { day: previousDay(pos.day), done: 0 };
    }
    return pos.day >= first ? { items, nextCursor: formatCursor(pos) } : { items };
  }

  /**
   * One parallel Query per unfinished shard of `pos.day`, below `pos.below`. Returns the matching
   * items known to be in order (at most `want`) and where the day continues, or no `next` when the
   * day is finished.
   */
  private async round(
    orgId: string,
    f: AuditFilter,
    filter: Filter | undefined,
    pos: Cursor,
    limit: number,
    want: number,
  ): Promise<{ items: AuditEvent[]; next?: Cursor }> {
    const shards = Array.from({ length: k.AUDIT_SHARDS }, (_, s) => s).filter((s) => !(pos.done & (1 << s)));
    const pages = await Promise.all(
      shards.map(async (shard) => {
        const pk = k.auditPk(orgId, pos.day, shard);
        const out = await this.table.queryRaw({
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          FilterExpression: filter?.expression,
          ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', ...filter?.names },
          values: {
            ':pk': pk,
            ':from': f.from.toISOString(),
            ':to': `${f.to.toISOString()}#~`,
            ...filter?.values,
          },
          ScanIndexForward: false,
          Limit: limit,
          startKey: pos.below ? { pk, sk: pos.below } : undefined,
          ConsistentRead: true,
        });
        return { shard, items: out.items, lastSk: out.lastSk };
      }),
    );
    // Every shard has been read down to the highest point where one of them stopped.
    const cutoff = pages.reduce<string | undefined>(
      (c, p) => (p.lastSk !== undefined && (c === undefined || p.lastSk > c) ? p.lastSk : c),
      undefined,
    );
    const ready = pages
      .flatMap((p) => p.items.map((item) => ({ shard: p.shard, sk: String(item.sk), item })))
      .filter((x) => cutoff === undefined || x.sk >= cutoff)
      .sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0));
    const taken = ready.slice(0, want);
    const below = taken.length < ready.length ? (taken.at(-1)?.sk ?? pos.below) : cutoff;
    // A shard is finished for the day when it had nothing more to read and everything it returned
    // has been handed out.
    let done = pos.done;
    for (const p of pages) {
      if (p.lastSk === undefined && p.items.every((i) => below === undefined || String(i.sk) >= below))
        done |= 1 << p.shard;
    }
    const finished = below === undefined || done === (1 << k.AUDIT_SHARDS) - 1;
    return {
      items: taken.map((x) => toEvent(x.item)),
      ...(finished ? {} : { next: { day: pos.day, below, done } }),
    };
  }

  async getWrappedKey(orgId: string): Promise<Buffer | undefined> {
    const item = await this.table.get(k.orgPk(orgId), k.AUDIT_KEY_SK, true);
    return item ? Buffer.from(item.wrapped as Uint8Array) : undefined;
  }

  async putWrappedKey(orgId: string, wrapped: Buffer): Promise<boolean> {
    return this.table.put(
      { pk: k.orgPk(orgId), sk: k.AUDIT_KEY_SK, kind: 'audit-key', wrapped },
      { expression: 'attribute_not_exists(pk)' },
    );
  }
}

/** Where a listing continues: a day, the sort key every shard resumes below, shards finished. */
interface Cursor {
  readonly day: string;
  readonly below?: string;
  readonly done: number;
}

const formatCursor = (c: Cursor) => `${c.day}|${c.below ?? ''}|${c.done.toString(16)}`;

/** Cursors come back inside a digest-checked page token (functions/api/page-token.ts). */
const parseCursor = (raw: string): Cursor => {
  const [d = '', below = '', done = '0'] = raw.split('|');
  return { day: d, ...(below ? { below } : {}), done: parseInt(done, 16) || 0 };
};

interface Filter {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Item;
}

const filterOf = (f: AuditFilter): Filter | undefined => {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Item = {};
  if (f.principalId) {
    parts.push('#principal_id = :principal');
    names['#principal_id'] = 'principal_id';
    values[':principal'] = f.principalId;
  }
  if (f.projectId) {
    parts.push('#project_id = :project');
    names['#project_id'] = 'project_id';
    values[':project'] = f.projectId;
  }
  if (f.operation) {
    parts.push('#operation = :operation');
    names['#operation'] = 'operation';
    values[':operation'] = f.operation;
  }
  if (f.outcome !== undefined) {
    parts.push('#outcome = :outcome');
    names['#outcome'] = 'outcome';
    values[':outcome'] = f.outcome;
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
};

const toEvent = (i: Item): AuditEvent => ({
  time: String(i.time),
  requestId: String(i.request_id),
  orgId: String(i.org_id),
  ...(i.project_id ? { projectId: String(i.project_id) } : {}),
  ...(i.principal ? { principal: i.principal as AuditEvent['principal'] & object } : {}),
  operation: String(i.operation),
  resource: String(i.resource),
  outcome: Number(i.outcome),
  ...(i.error_code ? { errorCode: String(i.error_code) } : {}),
  ...(i.reason ? { reason: String(i.reason) } : {}),
  sourceIp: String(i.source_ip),
  userAgent: String(i.user_agent),
  ...(i.hashed ? { hashed: i.hashed as Record<string, string> } : {}),
});
