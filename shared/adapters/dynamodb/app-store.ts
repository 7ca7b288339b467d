import { createHash } from 'node:crypto';
import { CofferError } from '../../domain/errors.js';
import type { StoredDataKey } from '../../domain/crypto/data-keys.js';
import type { Page, PageRequest } from '../../domain/ports.js';
import type { ActorRef } from '../../domain/principal.js';
import type { AppRecord } from '../../domain/records.js';
import type { AppScope, ProjectScope } from '../../domain/scope.js';
import type { AppStore } from '../../domain/stores.js';
import { emptyPolicyAttributes } from './access-store.js';
import * as k from './keys.js';
import { Table, type Item } from './table.js';

export class DynamoAppStore implements AppStore {
  constructor(private readonly table: Table) {}

  async createApp(scope: AppScope, app: AppRecord): Promise<void> {
    const created = await this.table.put(
      {
        pk: k.projectPk(scope),
        sk: k.appSk(scope.app),
        kind: 'app',
        name: app.name,
        resource_id: app.resourceId,
        description: app.description,
        secret_count: app.secretCount,
        sync_names: [...app.syncNames],
        max_versions: app.maxVersions,
        created_at: app.createdAt,
        created_by: app.createdBy,
        updated_at: app.updatedAt,
        updated_by: app.updatedBy,
        ...emptyPolicyAttributes(),
      },
      { expression: 'attribute_not_exists(pk)' },
    );
    if (!created) throw new CofferError('APP_ALREADY_EXISTS', `app ${scope.app} already exists`);
  }

  async getApp(scope: AppScope, opts: { consistent?: boolean } = {}): Promise<AppRecord | undefined> {
    const item = await this.table.get(k.projectPk(scope), k.appSk(scope.app), opts.consistent);
    return item && toApp(scope, item);
  }

  async listApps(
    scope: ProjectScope,
    page: PageRequest,
    filter: { nameContains?: string } = {},
  ): Promise<Page<AppRecord>> {
    // DynamoDB applies Limit before the filter, so a filtered listing reads on until the page is full.
    const raw: Item[] = [];
    let start = page.cursor;
    do {
      const out = await this.table.queryPage({
        pk: k.projectPk(scope),
        skPrefix: k.appSkPrefix,
        limit: page.limit - raw.length,
        startSk: start,
        backward: page.backward,
        ...(filter.nameContains
          ? {
              filter: {
                expression: 'contains(#n, :needle)',
                names: { '#n': 'name' },
                values: { ':needle': filter.nameContains },
              },
            }
          : {}),
      });
      // Backwards, each later request reads items that lie before the earlier ones.
      if (page.backward) raw.unshift(...out.items);
      else raw.push(...out.items);
      start = out.lastSk;
    } while (start && raw.length < page.limit);
    return { items: raw.map((i) => toApp(scope, i)), ...Table.cursors(page, raw, start) };
  }

  async updateApp(
    scope: AppScope,
    patch: { description?: string; updatedAt: string; updatedBy: ActorRef },
  ): Promise<AppRecord> {
    const sets = ['#updated_at = :at', '#updated_by = :by'];
    const names: Record<string, string> = { '#updated_at': 'updated_at', '#updated_by': 'updated_by' };
    const values: Item = { ':at': patch.updatedAt, ':by': patch.updatedBy };
    if (patch.description !== undefined) {
      sets.push('#description = :d');
      names['#description'] = 'description';
      values[':d'] = patch.description;
    }
    const item = await this.table.update(k.projectPk(scope), k.appSk(scope.app), {
      expression: `SET ${sets.join(', ')}`,
      condition: 'attribute_exists(pk)',
      names,
      values,
    });
    if (!item) throw appNotFound(scope);
    return toApp(scope, item);
  }

  async replaceDataKey(
    scope: AppScope,
    key: StoredDataKey,
    previousId: string | undefined,
  ): Promise<boolean> {
    const replaced = await this.table.update(k.projectPk(scope), k.appSk(scope.app), {
      expression: 'SET #dk = :dk',
      condition:
        previousId === undefined
          ? 'attribute_exists(pk) AND attribute_not_exists(#dk)'
          : 'attribute_exists(pk) AND #dk.#id = :prev',
      names: previousId === undefined ? { '#dk': 'dk' } : { '#dk': 'dk', '#id': 'id' },
      values: {
        ':dk': { id: key.id, wrapped: key.wrapped, created_at: key.createdAt },
        ...(previousId ? { ':prev': previousId } : {}),
      },
    });
    return replaced !== undefined;
  }

  async adjustSecretCount(scope: AppScope, delta: number): Promise<void> {
    // A false condition means the app was purged meanwhile: there is nothing left to count.
    await this.table.update(k.projectPk(scope), k.appSk(scope.app), {
      expression: 'ADD #count :d',
      names: { '#count': 'secret_count' },
      condition: 'attribute_exists(pk)',
      values: { ':d': delta },
    });
  }

  async markDeleting(scope: AppScope): Promise<void> {
    const marked = await this.table.update(k.projectPk(scope), k.appSk(scope.app), {
      expression: 'SET #deleting = :t',
      names: { '#deleting': 'deleting' },
      condition: 'attribute_exists(pk)',
      values: { ':t': true },
    });
    if (!marked) throw appNotFound(scope);
  }

  async deleteApp(scope: AppScope): Promise<void> {
    if (
      !(await this.table.delete(k.projectPk(scope), k.appSk(scope.app), {
        expression: 'attribute_exists(pk)',
      }))
    ) {
      throw appNotFound(scope);
    }
  }
}

const appNotFound = (scope: AppScope) => new CofferError('APP_NOT_FOUND', `app ${scope.app} not found`);

/** Apps created before resource ids were kept get a stable one derived from their full name. */
const legacyResourceId = (scope: ProjectScope, name: string): string => {
  const h = createHash('sha256').update(`${scope.orgId}/${scope.projectId}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const toApp = (scope: ProjectScope, i: Item): AppRecord => {
  const dk = i.dk as { id: string; wrapped: Uint8Array; created_at: string } | undefined;
  return {
    orgId: scope.orgId,
    projectId: scope.projectId,
    resourceId: typeof i.resource_id === 'string' ? i.resource_id : legacyResourceId(scope, String(i.name)),
    name: String(i.name),
    description: String(i.description ?? ''),
    secretCount: Math.max(0, Number(i.secret_count ?? 0)),
    syncNames: (i.sync_names as string[] | undefined) ?? [],
    maxVersions: Number(i.max_versions),
    createdAt: String(i.created_at),
    createdBy: i.created_by as ActorRef,
    updatedAt: String(i.updated_at),
    updatedBy: i.updated_by as ActorRef,
    ...(dk ? { dataKey: { id: dk.id, wrapped: Buffer.from(dk.wrapped), createdAt: dk.created_at } } : {}),
    ...(i.deleting === true ? { deleting: true } : {}),
  };
};
