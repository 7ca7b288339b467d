import { CofferError } from '../../domain/errors.js';
import type { Page, PageRequest } from '../../domain/ports.js';
import type { Role } from '../../domain/principal.js';
import type { ClientKey, Grant, Organization, PrincipalRef, Project } from '../../domain/records.js';
import type { OrgScope, ProjectScope } from '../../domain/scope.js';
import type { DirectoryStore } from '../../domain/stores.js';
import * as k from './keys.js';
import { ConditionFailed, type Item, type Table } from './table.js';
import { TABLE_DEFINITION } from './table-definition.js';

const NOT_EXISTS = { expression: 'attribute_not_exists(pk)' };

export class DynamoDirectoryStore implements DirectoryStore {
  constructor(private readonly table: Table) {}

  async createOrganization(org: Organization, admin: PrincipalRef): Promise<void> {
    const pk = k.orgPk(org.id);
    await this.table.put(
      { pk, sk: k.ORG_SK, kind: 'org', id: org.id, name: org.name, created_at: org.createdAt },
      NOT_EXISTS,
    );
    await this.writeGrant({ orgId: org.id, orgName: org.name, principal: admin, role: 'admin' });
  }

  async getOrganization(org: OrgScope): Promise<Organization | undefined> {
    const item = await this.table.get(k.orgPk(org), k.ORG_SK);
    return item && { id: String(item.id), name: String(item.name), createdAt: String(item.created_at) };
  }

  async getRole(orgId: string, principal: PrincipalRef): Promise<Role | undefined> {
    const item = await this.table.get(k.orgPk(orgId), k.grantSk(principal), true);
    return item ? (item.role as Role) : undefined;
  }

  putGrant(_org: OrgScope, grant: Grant): Promise<void> {
    return this.writeGrant(grant);
  }

  private writeGrant(grant: Grant): Promise<void> {
    return this.table.put({
      pk: k.orgPk(grant.orgId),
      sk: k.grantSk(grant.principal),
      [TABLE_DEFINITION.gsi1.partitionKey]: k.principalIndexPk(grant.principal),
      [TABLE_DEFINITION.gsi1.sortKey]: k.orgPk(grant.orgId),
      kind: 'grant',
      org_id: grant.orgId,
      org_name: grant.orgName,
      principal_id: grant.principal.id,
      principal_type: grant.principal.type,
      role: grant.role,
    });
  }

  async listGrantsOf(principal: PrincipalRef): Promise<Grant[]> {
    const items = await this.table.queryIndex(
      TABLE_DEFINITION.gsi1.name,
      TABLE_DEFINITION.gsi1.partitionKey,
      k.principalIndexPk(principal),
    );
    return items
      .filter((i) => i.kind === 'grant')
      .map((i) => ({
        orgId: String(i.org_id),
        orgName: String(i.org_name),
        principal,
        role: i.role as Role,
      }));
  }

  async createProject(project: Project, org: OrgScope): Promise<void> {
    await this.table.put(
      {
        pk: k.orgPk(org),
        sk: k.projectSk(project.id),
        kind: 'project',
        id: project.id,
        name: project.name,
        description: project.description,
        created_at: project.createdAt,
      },
      NOT_EXISTS,
    );
  }

  async getProject(scope: ProjectScope): Promise<Project | undefined> {
    const item = await this.table.get(k.orgPk(scope.orgId), k.projectSk(scope.projectId));
    return item && toProject(scope.orgId, item);
  }

  async listProjects(org: OrgScope, page: PageRequest): Promise<Page<Project>> {
    const out = await this.table.queryPage({
      pk: k.orgPk(org),
      skPrefix: k.projectSkPrefix,
      limit: page.limit,
      startSk: page.cursor,
    });
    return { items: out.items.map((i) => toProject(org.orgId, i)), nextCursor: out.lastSk };
  }

  async putClientKey(org: OrgScope, key: ClientKey): Promise<void> {
    try {
      await this.table.put(
        {
          pk: k.orgPk(org),
          sk: k.clientSk(key.clientId),
          [TABLE_DEFINITION.gsi1.partitionKey]: k.clientIndexPk(key.clientId),
          [TABLE_DEFINITION.gsi1.sortKey]: k.orgPk(org),
          kind: 'client-key',
          client_id: key.clientId,
          org_id: org.orgId,
          principal_id: key.principalId,
          principal_name: key.principalName,
          secret_hash: key.secretHash,
          created_at: key.createdAt,
        },
        // A client id names one principal forever; an existing key may only get a new secret.
        { expression: 'attribute_not_exists(pk) OR principal_id = :p', values: { ':p': key.principalId } },
      );
    } catch (e) {
      if (e instanceof ConditionFailed)
        throw new CofferError('INVALID_ARGUMENT', 'that client id belongs to another principal', {
          cause: e,
        });
      throw e;
    }
  }

  async findClientKey(clientId: string): Promise<ClientKey | undefined> {
    const [item] = await this.table.queryIndex(
      TABLE_DEFINITION.gsi1.name,
      TABLE_DEFINITION.gsi1.partitionKey,
      k.clientIndexPk(clientId),
    );
    if (!item || item.kind !== 'client-key') return undefined;
    return {
      clientId: String(item.client_id),
      orgId: String(item.org_id),
      principalId: String(item.principal_id),
      principalName: String(item.principal_name),
      secretHash: Buffer.from(item.secret_hash as Uint8Array),
      createdAt: String(item.created_at),
    };
  }
}

const toProject = (orgId: string, i: Item): Project => ({
  id: String(i.id),
  orgId,
  name: String(i.name),
  description: String(i.description ?? ''),
  createdAt: String(i.created_at),
});
