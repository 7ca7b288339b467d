import { CofferError } from '../../domain/errors.js';
import type { Page, PageRequest } from '../../domain/ports.js';
import type { ActorRef } from '../../domain/principal.js';
import type { ClientKey, ServicePrincipal, WorkloadIdentityProvider } from '../../domain/records.js';
import type { OrgScope } from '../../domain/scope.js';
import type { PrincipalStore } from '../../domain/stores.js';
import * as k from './keys.js';
import { Table, type Item } from './table.js';
import { TABLE_DEFINITION } from './table-definition.js';

/** Service principals, their client keys and their workload identity providers. */
export class DynamoPrincipalStore implements PrincipalStore {
  constructor(private readonly table: Table) {}

  async createServicePrincipal(org: OrgScope, sp: ServicePrincipal): Promise<void> {
    const created = await this.table.put(
      {
        pk: k.orgPk(org),
        sk: k.spSk(sp.id),
        kind: 'service-principal',
        id: sp.id,
        name: sp.name,
        project_id: sp.projectId,
        created_at: sp.createdAt,
        created_by: sp.createdBy,
      },
      { expression: 'attribute_not_exists(pk)' },
    );
    // Ids are random UUIDs: a taken one is a bug, never a caller's mistake.
    if (!created) throw new CofferError('INTERNAL', `service principal id ${sp.id} is already taken`);
  }

  async getServicePrincipal(org: OrgScope, id: string): Promise<ServicePrincipal | undefined> {
    const item = await this.table.get(k.orgPk(org), k.spSk(id), true);
    return item && toSp(org.orgId, item);
  }

  async listServicePrincipals(
    org: OrgScope,
    page: PageRequest,
    projectId?: string,
  ): Promise<Page<ServicePrincipal>> {
    const out = await this.table.queryPage({
      pk: k.orgPk(org),
      skPrefix: k.spSkPrefix,
      limit: page.limit,
      startSk: page.cursor,
      backward: page.backward,
      ...(projectId
        ? { filter: { expression: 'project_id = :project', values: { ':project': projectId } } }
        : {}),
    });
    return { items: out.items.map((i) => toSp(org.orgId, i)), ...Table.cursors(page, out.items, out.lastSk) };
  }

  async deleteServicePrincipal(org: OrgScope, id: string): Promise<void> {
    const pk = k.orgPk(org);
    // Keys first: the moment they are gone no new token can be issued for the principal.
    const keys = await this.table.queryPage({
      pk,
      skPrefix: k.clientKeySkPrefix(id),
      consistent: true,
      keysOnly: true,
    });
    const providers = await this.table.queryPage({
      pk,
      skPrefix: k.providerSkPrefix(id),
      consistent: true,
      keysOnly: true,
    });
    await this.table.deleteMany([...keys.items, ...providers.items].map((i) => ({ pk, sk: String(i.sk) })));
    await this.table.delete(pk, k.spSk(id));
  }

  async putClientKey(org: OrgScope, key: ClientKey): Promise<void> {
    const written = await this.table.put(
      keyItem(org, { ...key, slot: key.clientId }),
      // A client id names one principal forever; an existing key may only get a new secret.
      { expression: 'attribute_not_exists(pk) OR principal_id = :p', values: { ':p': key.principalId } },
    );
    if (!written) throw new CofferError('INVALID_ARGUMENT', 'that client id belongs to another principal');
  }

  async addClientKey(org: OrgScope, key: ClientKey, slots: number): Promise<boolean> {
    const taken = new Set((await this.listClientKeys(org, key.principalId)).map((k) => k.slot));
    for (let n = 0; n < slots; n++) {
      const slot = `slot-${n}`;
      if (taken.has(slot)) continue;
      // The slot's sort key is the lock: of concurrent creators only one can take each slot.
      const written = await this.table.put(keyItem(org, { ...key, slot }), {
        expression: 'attribute_not_exists(pk)',
      });
      if (written) return true;
    }
    return false;
  }

  async recordFailedLogin(key: ClientKey, window: number): Promise<number> {
    const pk = k.orgPk(key.orgId);
    const sk = k.clientKeySk(key.principalId, key.slot ?? key.clientId);
    // Two tries: a concurrent failure may open the window between them. Neither recreates a key
    // deleted meanwhile (then there is nothing left to protect and 0 is answered).
    for (let attempt = 0; attempt < 2; attempt++) {
      // Same window: count up atomically.
      const counted = await this.table.update(pk, sk, {
        expression: 'ADD fail_count :one',
        condition: 'attribute_exists(pk) AND fail_window = :w',
        values: { ':one': 1, ':w': window },
      });
      if (counted) return Number(counted.fail_count);
      // A new window starts at one.
      const opened = await this.table.update(pk, sk, {
        expression: 'SET fail_window = :w, fail_count = :one',
        condition: 'attribute_exists(pk) AND (attribute_not_exists(fail_window) OR fail_window < :w)',
        values: { ':one': 1, ':w': window },
      });
      if (opened) return 1;
    }
    return 0;
  }

  async listClientKeys(org: OrgScope, principalId: string): Promise<ClientKey[]> {
    const out = await this.table.queryPage({
      pk: k.orgPk(org),
      skPrefix: k.clientKeySkPrefix(principalId),
      consistent: true,
    });
    return out.items.map(toKey);
  }

  async deleteClientKey(org: OrgScope, principalId: string, clientId: string): Promise<boolean> {
    const key = (await this.listClientKeys(org, principalId)).find((x) => x.clientId === clientId);
    if (!key) return false;
    return this.table.delete(k.orgPk(org), k.clientKeySk(principalId, key.slot ?? clientId), {
      expression: 'client_id = :c',
      values: { ':c': clientId },
    });
  }

  async findClientKey(clientId: string): Promise<ClientKey | undefined> {
    const [hint] = await this.table.queryIndex(
      TABLE_DEFINITION.gsi1.name,
      TABLE_DEFINITION.gsi1.partitionKey,
      k.clientIndexPk(clientId),
    );
    if (!hint || hint.kind !== 'client-key') return undefined;
    // The index is eventually consistent; the base item is not. A deleted key must stop working at once.
    const item = await this.table.get(String(hint.pk), String(hint.sk), true);
    return item && toKey(item);
  }

  async createProvider(org: OrgScope, p: WorkloadIdentityProvider): Promise<void> {
    const written = await this.table.put(
      {
        pk: k.orgPk(org),
        sk: k.providerSk(p.principalId, p.name),
        kind: 'workload-identity-provider',
        name: p.name,
        principal_id: p.principalId,
        issuer: p.issuer,
        audiences: [...p.audiences],
        conditional_access: p.conditionalAccess,
        description: p.description,
        created_at: p.createdAt,
      },
      { expression: 'attribute_not_exists(pk)' },
    );
    if (!written) throw new CofferError('PROVIDER_ALREADY_EXISTS', `provider ${p.name} already exists`);
  }

  async getProvider(
    org: OrgScope,
    principalId: string,
    name: string,
  ): Promise<WorkloadIdentityProvider | undefined> {
    const item = await this.table.get(k.orgPk(org), k.providerSk(principalId, name), true);
    return item && toProvider(org.orgId, item);
  }

  async listProviders(org: OrgScope, principalId: string): Promise<WorkloadIdentityProvider[]> {
    const out = await this.table.queryPage({
      pk: k.orgPk(org),
      skPrefix: k.providerSkPrefix(principalId),
      consistent: true,
    });
    return out.items.map((i) => toProvider(org.orgId, i));
  }

  async deleteProvider(org: OrgScope, principalId: string, name: string): Promise<boolean> {
    return this.table.delete(k.orgPk(org), k.providerSk(principalId, name), {
      expression: 'attribute_exists(pk)',
    });
  }
}

const toSp = (orgId: string, i: Item): ServicePrincipal => ({
  id: String(i.id),
  orgId,
  name: String(i.name),
  ...(i.project_id ? { projectId: String(i.project_id) } : {}),
  createdAt: String(i.created_at),
  createdBy: i.created_by as ActorRef,
});

const keyItem = (org: OrgScope, key: ClientKey & { slot: string }): Item => ({
  pk: k.orgPk(org),
  sk: k.clientKeySk(key.principalId, key.slot),
  [TABLE_DEFINITION.gsi1.partitionKey]: k.clientIndexPk(key.clientId),
  [TABLE_DEFINITION.gsi1.sortKey]: k.orgPk(org),
  kind: 'client-key',
  client_id: key.clientId,
  org_id: org.orgId,
  principal_id: key.principalId,
  principal_name: key.principalName,
  principal_project_id: key.principalProjectId,
  secret_hash: key.secretHash,
  created_at: key.createdAt,
});

const toKey = (i: Item): ClientKey => ({
  clientId: String(i.client_id),
  orgId: String(i.org_id),
  principalId: String(i.principal_id),
  principalName: String(i.principal_name),
  secretHash: Buffer.from(i.secret_hash as Uint8Array),
  createdAt: String(i.created_at),
  ...(i.principal_project_id ? { principalProjectId: String(i.principal_project_id) } : {}),
  slot: String(i.sk).slice(k.clientKeySkPrefix(String(i.principal_id)).length),
  ...(typeof i.fail_window === 'number'
    ? { failedLogins: { window: i.fail_window, count: Number(i.fail_count ?? 0) } }
    : {}),
});

const toProvider = (orgId: string, i: Item): WorkloadIdentityProvider => ({
  name: String(i.name),
  orgId,
  principalId: String(i.principal_id),
  issuer: String(i.issuer),
  audiences: (i.audiences as string[] | undefined) ?? [],
  conditionalAccess: String(i.conditional_access ?? ''),
  description: String(i.description ?? ''),
  createdAt: String(i.created_at),
});
