import { CofferError } from '../../domain/errors.js';
import type { ActorRef } from '../../domain/principal.js';
import type { AppScope, ProjectScope } from '../../domain/scope.js';
import type {
  AppSyncStatus,
  EntryState,
  Integration,
  SecretSyncStatus,
  SyncConfig,
} from '../../domain/sync/records.js';
import type { SyncStore } from '../../domain/sync/sync-store.js';
import type { DestinationKind } from '../../domain/sync/destination.js';
import * as k from './keys.js';
import type { Item, Table } from './table.js';
import { TABLE_DEFINITION } from './table-definition.js';

const exists = { expression: 'attribute_exists(pk)' };
const absent = { expression: 'attribute_not_exists(pk)' };

export class DynamoSyncStore implements SyncStore {
  constructor(private readonly table: Table) {}

  async createIntegration(scope: ProjectScope, i: Integration): Promise<void> {
    const written = await this.table.put(
      {
        pk: k.orgPk(scope),
        sk: k.integrationSk(scope.projectId, i.name),
        kind: 'integration',
        name: i.name,
        provider: i.provider,
        connection: i.connectionBlob,
        revision: i.revision,
        created_at: i.createdAt,
        created_by: i.createdBy,
        updated_at: i.updatedAt,
      },
      absent,
    );
    if (!written) throw new CofferError('INTEGRATION_ALREADY_EXISTS', `integration ${i.name} already exists`);
  }

  async getIntegration(scope: ProjectScope, name: string): Promise<Integration | undefined> {
    const item = await this.table.get(k.orgPk(scope), k.integrationSk(scope.projectId, name), true);
    return item && toIntegration(item);
  }

  async listIntegrations(scope: ProjectScope): Promise<Integration[]> {
    return (
      await this.table.queryPage({
        pk: k.orgPk(scope),
        skPrefix: k.integrationSkPrefix(scope.projectId),
        consistent: true,
      })
    ).items.map(toIntegration);
  }

  async replaceConnection(
    scope: ProjectScope,
    name: string,
    blob: Buffer,
    previous: number,
    updatedAt: string,
  ): Promise<boolean> {
    return (
      (await this.table.update(k.orgPk(scope), k.integrationSk(scope.projectId, name), {
        expression: 'SET #c = :c, #r = :next, #u = :u',
        condition: '#r = :prev',
        names: { '#c': 'connection', '#r': 'revision', '#u': 'updated_at' },
        values: { ':c': blob, ':next': previous + 1, ':prev': previous, ':u': updatedAt },
      })) !== undefined
    );
  }

  async deleteIntegration(scope: ProjectScope, name: string): Promise<boolean> {
    return this.table.delete(k.orgPk(scope), k.integrationSk(scope.projectId, name), exists);
  }

  async createSync(scope: ProjectScope, s: SyncConfig): Promise<void> {
    const written = await this.table.put(
      {
        pk: k.orgPk(scope),
        sk: k.syncSk(scope.projectId, s.name),
        kind: 'sync',
        name: s.name,
        integration_name: s.integrationName,
        provider: s.provider,
        target: s.target,
        delete_behavior: s.deleteBehavior,
        created_at: s.createdAt,
        created_by: s.createdBy,
      },
      absent,
    );
    if (!written) throw new CofferError('SYNC_ALREADY_EXISTS', `sync ${s.name} already exists`);
  }

  async getSync(scope: ProjectScope, name: string): Promise<SyncConfig | undefined> {
    const item = await this.table.get(k.orgPk(scope), k.syncSk(scope.projectId, name), true);
    return item && toSync(item);
  }

  async listSyncs(scope: ProjectScope): Promise<SyncConfig[]> {
    return (
      await this.table.queryPage({
        pk: k.orgPk(scope),
        skPrefix: k.syncSkPrefix(scope.projectId),
        consistent: true,
      })
    ).items.map(toSync);
  }

  async deleteSync(scope: ProjectScope, name: string): Promise<boolean> {
    return this.table.delete(k.orgPk(scope), k.syncSk(scope.projectId, name), exists);
  }

  async setAppSyncs(scope: AppScope, names: readonly string[]): Promise<void> {
    const index = TABLE_DEFINITION.gsi1;
    const written = await this.table.update(k.projectPk(scope), k.appSk(scope.app), {
      expression:
        names.length > 0
          ? 'SET #names = :names, #gpk = :gpk, #gsk = :gsk'
          : 'SET #names = :names REMOVE #gpk, #gsk',
      condition: 'attribute_exists(pk)',
      names: { '#names': 'sync_names', '#gpk': index.partitionKey, '#gsk': index.sortKey },
      values: {
        ':names': [...names],
        ...(names.length > 0
          ? { ':gpk': k.SYNCED_APPS_INDEX_PK, ':gsk': `${scope.orgId}|${scope.projectId}|${scope.app}` }
          : {}),
      },
    });
    if (!written) throw new CofferError('APP_NOT_FOUND', `app ${scope.app} not found`);
  }

  async listAllBindings() {
    const items = await this.table.queryIndex(
      TABLE_DEFINITION.gsi1.name,
      TABLE_DEFINITION.gsi1.partitionKey,
      k.SYNCED_APPS_INDEX_PK,
    );
    return items.flatMap((i) => {
      const [orgId, projectId, app] = String(i[TABLE_DEFINITION.gsi1.sortKey]).split('|') as [
        string,
        string,
        string,
      ];
      return ((i.sync_names as string[] | undefined) ?? []).map((sync) => ({ orgId, projectId, app, sync }));
    });
  }

  async listEntryStates(scope: AppScope, sync: string): Promise<EntryState[]> {
    const out: EntryState[] = [];
    let start: string | undefined;
    do {
      const page = await this.table.queryPage({
        pk: k.appContentsPk(scope),
        skPrefix: k.entryStateSkPrefix(sync),
        startSk: start,
        consistent: true,
      });
      out.push(...page.items.map(toEntry));
      start = page.lastSk;
    } while (start);
    return out;
  }

  async putEntryState(scope: AppScope, sync: string, s: EntryState): Promise<void> {
    await this.table.put({
      pk: k.appContentsPk(scope),
      sk: k.entryStateSk(sync, s.secretName),
      kind: 'sync-entry',
      secret_name: s.secretName,
      dest_name: s.destName,
      owned: s.owned,
      hash: s.hash,
      version: s.version,
      dest_updated_at: s.destUpdatedAt,
      status: s.status,
      last_error_code: s.lastErrorCode,
      updated_at: s.updatedAt,
    });
  }

  async deleteEntryState(scope: AppScope, sync: string, secretName: string): Promise<void> {
    await this.table.delete(k.appContentsPk(scope), k.entryStateSk(sync, secretName));
  }

  async setSecretSyncStatus(
    scope: AppScope,
    secretName: string,
    version: number,
    sync: string,
    status: SecretSyncStatus,
  ): Promise<void> {
    const set = await this.table.update(k.appContentsPk(scope), k.headSk(secretName), {
      expression: 'SET #ss.#sync = :st',
      condition: '#v = :v AND attribute_exists(#ss)',
      names: { '#ss': 'sync_status', '#sync': sync, '#v': 'version' },
      values: { ':st': status, ':v': version },
    });
    if (set) return;
    // A head without a status map gets one. A head at a newer version is left alone: its own job
    // will report on it.
    await this.table.update(k.appContentsPk(scope), k.headSk(secretName), {
      expression: 'SET #ss = :map',
      condition: '#v = :v AND attribute_not_exists(#ss)',
      names: { '#ss': 'sync_status', '#v': 'version' },
      values: { ':map': { [sync]: status }, ':v': version },
    });
  }

  async putAppSyncStatus(scope: AppScope, s: AppSyncStatus): Promise<void> {
    await this.table.put({
      pk: k.appContentsPk(scope),
      sk: k.appSyncStatusSk(s.sync),
      kind: 'sync-status',
      sync: s.sync,
      status: s.status,
      last_sync_at: s.lastSyncAt,
      last_error_code: s.lastErrorCode,
      counts: s.counts,
    });
  }

  async listAppSyncStatuses(scope: AppScope): Promise<AppSyncStatus[]> {
    const page = await this.table.queryPage({
      pk: k.appContentsPk(scope),
      skPrefix: k.appSyncStatusSkPrefix,
      consistent: true,
    });
    return page.items.map((i) => ({
      sync: String(i.sync),
      status: i.status as AppSyncStatus['status'],
      lastSyncAt: String(i.last_sync_at),
      lastErrorCode: String(i.last_error_code ?? ''),
      counts: (i.counts as Record<string, number> | undefined) ?? {},
    }));
  }
}

const toIntegration = (i: Item): Integration => ({
  name: String(i.name),
  provider: i.provider as DestinationKind,
  connectionBlob: Buffer.from(i.connection as Uint8Array),
  revision: Number(i.revision),
  createdAt: String(i.created_at),
  createdBy: i.created_by as ActorRef,
  updatedAt: String(i.updated_at),
});

const toSync = (i: Item): SyncConfig => ({
  name: String(i.name),
  integrationName: String(i.integration_name),
  provider: i.provider as DestinationKind,
  target: (i.target as Record<string, unknown>) ?? {},
  deleteBehavior: i.delete_behavior === 'LEAVE' ? 'LEAVE' : 'DELETE',
  createdAt: String(i.created_at),
  createdBy: i.created_by as ActorRef,
});

const toEntry = (i: Item): EntryState => ({
  secretName: String(i.secret_name),
  destName: String(i.dest_name),
  owned: i.owned === 'yes' || i.owned === 'pending' ? i.owned : 'no',
  hash: String(i.hash ?? ''),
  version: Number(i.version ?? 0),
  ...(i.dest_updated_at ? { destUpdatedAt: String(i.dest_updated_at) } : {}),
  status: i.status as EntryState['status'],
  lastErrorCode: String(i.last_error_code ?? ''),
  updatedAt: String(i.updated_at),
});
