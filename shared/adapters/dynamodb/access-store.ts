import { randomUUID } from 'node:crypto';
import { CofferError } from '../../domain/errors.js';
import type { AccessState, Binding, Member } from '../../domain/records.js';
import type { OrgScope } from '../../domain/scope.js';
import type { AccessRecords, AccessStore, AccessTarget, PolicyAt, PolicyLevel } from '../../domain/stores.js';
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

/** Revocations are attributes `R#{subject}` of the organization's REVOKED item. */
const REVOKED_PREFIX = 'R#';
const revocationsOf = (i: Item | undefined): Record<string, number> | undefined => {
  if (!i) return undefined;
  const out: Record<string, number> = {};
  for (const [name, v] of Object.entries(i))
    if (name.startsWith(REVOKED_PREFIX)) out[name.slice(REVOKED_PREFIX.length)] = Number(v);
  return out;
};

export class DynamoAccessStore implements AccessStore {
  constructor(private readonly table: Table) {}

  async getAccess(target: AccessTarget): Promise<AccessRecords> {
    const keys = [itemKey(target, 'ORGANIZATION'), { pk: k.orgPk(target.orgId), sk: k.REVOKED_SK }];
    if (target.projectId) keys.push(itemKey(target, 'PROJECT'));
    if (target.projectId && target.app) keys.push(itemKey(target, 'APP'));
    // One BatchGetItem: the revocations ride along with the policies, so checking them costs no request.
    const items = await this.table.batchGet(keys);
    const find = (key: { pk: string; sk: string } | undefined) =>
      key && items.find((i) => i.pk === key.pk && i.sk === key.sk);
    const revoked = revocationsOf(find(keys[1]));
    return {
      org: toAccessState(find(keys[0])),
      project: toAccessState(find(keys[2])),
      app: toAccessState(find(keys[3])),
      ...(revoked ? { revoked } : {}),
    };
  }

  async listPolicies(org: OrgScope, projectId?: string): Promise<PolicyAt[]> {
    const out: PolicyAt[] = [];
    const all = async (pk: string, skPrefix: string) => {
      const items: Item[] = [];
      let startSk: string | undefined;
      do {
        const page = await this.table.queryPage({ pk, skPrefix, startSk, consistent: true });
        items.push(...page.items);
        startSk = page.lastSk;
      } while (startSk);
      return items;
    };
    if (!projectId) {
      const o = await this.table.get(k.orgPk(org), k.ORG_SK, true);
      if (o) out.push({ target: { orgId: org.orgId }, level: 'ORGANIZATION', state: toAccessState(o)! });
    }
    const projects = projectId
      ? [await this.table.get(k.orgPk(org), k.projectSk(projectId), true)].filter((p) => p !== undefined)
      : await all(k.orgPk(org), k.projectSkPrefix);
    for (const p of projects) {
      const pid = String(p.id);
      out.push({ target: { orgId: org.orgId, projectId: pid }, level: 'PROJECT', state: toAccessState(p)! });
      for (const a of await all(`O#${org.orgId}#P#${pid}`, k.appSkPrefix)) {
        out.push({
          target: { orgId: org.orgId, projectId: pid, app: String(a.name) },
          level: 'APP',
          state: toAccessState(a)!,
        });
      }
    }
    return out;
  }

  async revoke(org: OrgScope, subjects: readonly string[], at: number, forgetBefore: number): Promise<void> {
    const pk = k.orgPk(org);
    const current = revocationsOf(await this.table.get(pk, k.REVOKED_SK, true)) ?? {};
    // Entries older than the longest token lifetime protect nothing any more: drop them.
    const stale = Object.entries(current)
      .filter(([s, t]) => t < forgetBefore && !subjects.includes(s))
      .map(([s]) => s);
    const names: Record<string, string> = {};
    const values: Item = { ':kind': 'revocations' };
    const sets = ['#kind = :kind'];
    subjects.forEach((s, i) => {
      names[`#s${i}`] = `${REVOKED_PREFIX}${s}`;
      values[`:t${i}`] = Math.max(at, current[s] ?? 0);
      sets.push(`#s${i} = :t${i}`);
    });
    stale.slice(0, 50).forEach((s, i) => (names[`#x${i}`] = `${REVOKED_PREFIX}${s}`));
    const removes = stale.slice(0, 50).map((_s, i) => `#x${i}`);
    await this.table.update(pk, k.REVOKED_SK, {
      expression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      names: { ...names, '#kind': 'kind' },
      values,
    });
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

  async isMember(org: OrgScope, member: Member): Promise<boolean> {
    return (await this.table.get(k.orgPk(org), k.memberSk(member), true)) !== undefined;
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
