import { randomUUID } from 'node:crypto';
import { CofferError } from '../../domain/errors.js';
import type { AccessState, Binding, Member } from '../../domain/records.js';
import type { OrgScope } from '../../domain/scope.js';
import type { AccessRecords, AccessStore, AccessTarget, PolicyLevel } from '../../domain/stores.js';
import type { ActorRef } from '../../domain/principal.js';
import * as k from './keys.js';
import type { Item, Table } from './table.js';
import { TABLE_DEFINITION } from './table-definition.js';

/** The key of the item that carries a level's policy: the organization, project or app item itself. */
const itemKey = (t: AccessTarget, level: PolicyLevel): { pk: string; sk: string } => {
  if (level === 'ORGANIZATION') return { pk: k.orgPk(t.orgId), sk: k.ORG_SK };
  if (!t.projectId) throw new CofferError('INTERNAL', 'project policy without a project');
  if (level === 'PROJECT') return { pk: k.orgPk(t.orgId), sk: k.projectSk(t.projectId) };
  if (!t.app) throw new CofferError('INTERNAL', 'app policy without an app');
  return { pk: `O#${t.orgId}#P#${t.projectId}`, sk: k.appSk(t.app) };
};

/** Policy attributes every organization, project and app item starts with. */
export const emptyPolicyAttributes = (bindings: readonly Binding[] = []) => ({
  bindings: toItem(bindings),
  etag: randomUUID(),
});

const toItem = (bindings: readonly Binding[]) =>
  bindings.map((b) => ({ role: b.role, members: b.members.map((m) => ({ id: m.id, type: m.type })) }));

export const toAccessState = (i: Item | undefined): AccessState | undefined => {
  if (!i) return undefined;
  const locked = i.locked_at
    ? { at: String(i.locked_at), by: i.locked_by as ActorRef, reason: String(i.locked_reason ?? '') }
    : undefined;
  return {
    bindings: (i.bindings as Binding[] | undefined) ?? [],
    etag: String(i.etag ?? ''),
    ...(locked ? { locked } : {}),
  };
};

/** The index entry that lists an organization among a member's (see keys.ts). */
export const membershipItem = (orgId: string, member: Member): Item => ({
  pk: k.orgPk(orgId),
  sk: k.memberSk(member),
  [TABLE_DEFINITION.gsi1.partitionKey]: k.memberIndexPk(member),
  [TABLE_DEFINITION.gsi1.sortKey]: k.orgPk(orgId),
  kind: 'membership',
  org_id: orgId,
});

export class DynamoAccessStore implements AccessStore {
  constructor(private readonly table: Table) {}

  async getAccess(target: AccessTarget): Promise<AccessRecords> {
    const keys = [itemKey(target, 'ORGANIZATION')];
    if (target.projectId) keys.push(itemKey(target, 'PROJECT'));
    if (target.projectId && target.app) keys.push(itemKey(target, 'APP'));
    const items = await this.table.batchGet(keys);
    const find = (key: { pk: string; sk: string } | undefined) =>
      key && items.find((i) => i.pk === key.pk && i.sk === key.sk);
    return {
      org: toAccessState(find(keys[0])),
      project: toAccessState(find(keys[1])),
      app: toAccessState(find(keys[2])),
    };
  }

  async putPolicy(
    target: AccessTarget,
    level: PolicyLevel,
    bindings: readonly Binding[],
    etag: string,
  ): Promise<AccessState> {
    const { pk, sk } = itemKey(target, level);
    const item = await this.table.update(pk, sk, {
      expression: 'SET #b = :b, #e = :new',
      condition: 'attribute_exists(pk) AND #e = :old',
      names: { '#b': 'bindings', '#e': 'etag' },
      values: { ':b': toItem(bindings), ':new': randomUUID(), ':old': etag },
    });
    if (!item) {
      throw new CofferError(
        'ETAG_MISMATCH',
        'the policy changed since it was read (stale etag); read it again and retry',
      );
    }
    return toAccessState(item) as AccessState;
  }

  async setLock(
    target: AccessTarget,
    level: PolicyLevel,
    locked: AccessState['locked'] | undefined,
  ): Promise<void> {
    const { pk, sk } = itemKey(target, level);
    const set = await this.table.update(pk, sk, {
      expression: locked ? 'SET #at = :at, #by = :by, #why = :why' : 'REMOVE #at, #by, #why',
      condition: 'attribute_exists(pk)',
      names: { '#at': 'locked_at', '#by': 'locked_by', '#why': 'locked_reason' },
      ...(locked ? { values: { ':at': locked.at, ':by': locked.by, ':why': locked.reason } } : {}),
    });
    if (!set) {
      throw level === 'ORGANIZATION'
        ? new CofferError('ORGANIZATION_NOT_FOUND', `organization ${target.orgId} not found`)
        : new CofferError('PROJECT_NOT_FOUND', `project ${target.projectId} not found`);
    }
  }

  async putMembership(org: OrgScope, member: Member): Promise<void> {
    await this.table.put(membershipItem(org.orgId, member));
  }

  async deleteMembership(org: OrgScope, member: Member): Promise<void> {
    await this.table.delete(k.orgPk(org), k.memberSk(member));
  }

  async listOrganizationsOf(members: readonly Member[]): Promise<string[]> {
    const ids = new Set<string>();
    for (const m of members) {
      const items = await this.table.queryIndex(
        TABLE_DEFINITION.gsi1.name,
        TABLE_DEFINITION.gsi1.partitionKey,
        k.memberIndexPk(m),
      );
      for (const i of items) if (i.kind === 'membership') ids.add(String(i.org_id));
    }
    return [...ids];
  }
}
