import type { Page, PageRequest } from '../../domain/ports.js';
import type { Member, Organization, Project } from '../../domain/records.js';
import type { OrgScope, ProjectScope } from '../../domain/scope.js';
import type { DirectoryStore } from '../../domain/stores.js';
import { CofferError } from '../../domain/errors.js';
import { emptyPolicyAttributes, membershipItem } from './access-store.js';
import * as k from './keys.js';
import { Table, type Item } from './table.js';
import { TABLE_DEFINITION } from './table-definition.js';

const NOT_EXISTS = { expression: 'attribute_not_exists(pk)' };

/** Organizations and projects. Their items also carry their IAM policy and lock (access-store.ts). */
export class DynamoDirectoryStore implements DirectoryStore {
  constructor(private readonly table: Table) {}

  async createOrganization(org: Organization, admin: Member): Promise<void> {
    const created = await this.table.put(
      {
        pk: k.orgPk(org.id),
        sk: k.ORG_SK,
        kind: 'org',
        id: org.id,
        name: org.name,
        created_at: org.createdAt,
        ...emptyPolicyAttributes([{ role: 'admin', members: [admin] }]),
      },
      NOT_EXISTS,
    );
    if (!created) throw idTaken('organization', org.id);
    await this.table.put(membershipItem(org.id, admin));
  }

  async countOrganizationCreated(userId: string, max: number): Promise<boolean> {
    const counted = await this.table.update(k.userQuotaPk(userId), k.ORG_QUOTA_SK, {
      expression: 'SET #kind = :kind ADD created :one',
      condition: 'attribute_not_exists(created) OR created < :max',
      names: { '#kind': 'kind' },
      values: { ':kind': 'org-quota', ':one': 1, ':max': max },
    });
    return counted !== undefined;
  }

  async getOrganization(org: OrgScope): Promise<Organization | undefined> {
    const item = await this.table.get(k.orgPk(org), k.ORG_SK);
    return item && { id: String(item.id), name: String(item.name), createdAt: String(item.created_at) };
  }

  async createProject(project: Project, org: OrgScope): Promise<void> {
    const created = await this.table.put(
      {
        pk: k.orgPk(org),
        sk: k.projectSk(project.id),
        kind: 'project',
        [TABLE_DEFINITION.gsi1.partitionKey]: k.projectIndexPk(project.id),
        [TABLE_DEFINITION.gsi1.sortKey]: k.orgPk(org),
        id: project.id,
        name: project.name,
        description: project.description,
        created_at: project.createdAt,
        ...emptyPolicyAttributes(),
      },
      NOT_EXISTS,
    );
    if (!created) throw idTaken('project', project.id);
  }

  async findProjectOrg(projectId: string): Promise<string | undefined> {
    const [item] = await this.table.queryIndex(
      TABLE_DEFINITION.gsi1.name,
      TABLE_DEFINITION.gsi1.partitionKey,
      k.projectIndexPk(projectId),
    );
    return item?.kind === 'project' ? String(item.pk).slice(2) : undefined;
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
      backward: page.backward,
    });
    return {
      items: out.items.map((i) => toProject(org.orgId, i)),
      ...Table.cursors(page, out.items, out.lastSk),
    };
  }
}

/** Ids are random UUIDs: a taken one is a bug (or a replayed bootstrap), never a caller's mistake. */
const idTaken = (what: string, id: string) =>
  new CofferError('INTERNAL', `${what} id ${id} is already taken`);

const toProject = (orgId: string, i: Item): Project => ({
  id: String(i.id),
  orgId,
  name: String(i.name),
  description: String(i.description ?? ''),
  createdAt: String(i.created_at),
});
