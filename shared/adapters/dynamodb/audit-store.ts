import type { AuditEvent, AuditFilter, AuditStore } from '../../domain/audit/audit.js';
import type { Page, PageRequest } from '../../domain/ports.js';
import * as k from './keys.js';
import type { Item, Table } from './table.js';
import { TABLE_DEFINITION } from './table-definition.js';

const DAY_MS = 86_400_000;
const day = (t: Date | string | number) => new Date(t).toISOString().slice(0, 10);

/**
 * Audit events, one partition per organization and UTC day (`O#{org}#AUDIT#{yyyy-mm-dd}`), sorted by
 * time: appends spread across partitions and a time-range read touches only the days it covers.
 */
export class DynamoAuditStore implements AuditStore {
  constructor(private readonly table: Table) {}

  async append(e: AuditEvent, expiresAt: Date): Promise<void> {
    await this.table.put({
      pk: k.auditPk(e.orgId, day(e.time)),
      sk: `${e.time}#${e.requestId}`,
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

  /** Cursor: `{day}|{last sort key}`; days are read newest first. */
  async query(orgId: string, f: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    const items: AuditEvent[] = [];
    let [cursorDay, cursorSk] = page.cursor
      ? (page.cursor.split('|') as [string, string?])
      : [day(f.to), undefined];
    const first = day(f.from);
    const filters: string[] = [];
    const names: Record<string, string> = { '#pk': 'pk', '#sk': 'sk' };
    const values: Item = { ':from': f.from.toISOString(), ':to': `${f.to.toISOString()}#~` };
    if (f.principalId) {
      filters.push('#principal_id = :principal');
      names['#principal_id'] = 'principal_id';
      values[':principal'] = f.principalId;
    }
    if (f.operation) {
      filters.push('#operation = :operation');
      names['#operation'] = 'operation';
      values[':operation'] = f.operation;
    }
    if (f.projectId) {
      filters.push('#project_id = :project');
      names['#project_id'] = 'project_id';
      values[':project'] = f.projectId;
    }
    if (f.outcome !== undefined) {
      filters.push('#outcome = :outcome');
      names['#outcome'] = 'outcome';
      values[':outcome'] = f.outcome;
    }
    while (cursorDay >= first) {
      const pk = k.auditPk(orgId, cursorDay);
      const out = await this.table.queryRaw({
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        FilterExpression: filters.length ? filters.join(' AND ') : undefined,
        ExpressionAttributeNames: names,
        values: { ...values, ':pk': pk },
        ScanIndexForward: false,
        Limit: page.limit - items.length,
        startKey: cursorSk ? { pk, sk: cursorSk } : undefined,
        ConsistentRead: true,
      });
      items.push(...out.items.map(toEvent));
      if (out.lastSk) {
        if (items.length >= page.limit) return { items, nextCursor: `${cursorDay}|${out.lastSk}` };
        cursorSk = out.lastSk;
        continue;
      }
      cursorDay = day(Date.parse(`${cursorDay}T00:00:00Z`) - DAY_MS);
      cursorSk = undefined;
      if (items.length >= page.limit)
        return { items, nextCursor: cursorDay >= first ? `${cursorDay}|` : undefined };
    }
    return { items };
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
