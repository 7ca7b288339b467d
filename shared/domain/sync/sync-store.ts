import type { AppScope, ProjectScope } from '../scope.js';
import type { AppSyncStatus, EntryState, Integration, SecretSyncStatus, SyncConfig } from './records.js';

/** Storage for integrations, syncs and per-destination state. Keys start with the organization. */
export interface SyncStore {
  /** Throws INTEGRATION_ALREADY_EXISTS. */
  createIntegration(scope: ProjectScope, i: Integration): Promise<void>;
  getIntegration(scope: ProjectScope, name: string): Promise<Integration | undefined>;
  listIntegrations(scope: ProjectScope): Promise<Integration[]>;
  /** Replaces the sealed connection if the revision is still `previous`. */
  replaceConnection(
    scope: ProjectScope,
    name: string,
    blob: Buffer,
    previous: number,
    updatedAt: string,
  ): Promise<boolean>;
  deleteIntegration(scope: ProjectScope, name: string): Promise<boolean>;

  /** Throws SYNC_ALREADY_EXISTS. */
  createSync(scope: ProjectScope, s: SyncConfig): Promise<void>;
  getSync(scope: ProjectScope, name: string): Promise<SyncConfig | undefined>;
  listSyncs(scope: ProjectScope): Promise<SyncConfig[]>;
  deleteSync(scope: ProjectScope, name: string): Promise<boolean>;

  /** Sets the app's connected syncs (the app item's `sync_names`). Throws APP_NOT_FOUND. */
  setAppSyncs(scope: AppScope, names: readonly string[]): Promise<void>;
  /** Every (app, sync) pair in the table, for the scheduler. */
  listAllBindings(): Promise<{ orgId: string; projectId: string; app: string; sync: string }[]>;

  listEntryStates(scope: AppScope, sync: string): Promise<EntryState[]>;
  putEntryState(scope: AppScope, sync: string, state: EntryState): Promise<void>;
  deleteEntryState(scope: AppScope, sync: string, secretName: string): Promise<void>;
  /** Records a secret's status for one sync on its head, if the head is still at `version`. */
  setSecretSyncStatus(
    scope: AppScope,
    secretName: string,
    version: number,
    sync: string,
    status: SecretSyncStatus,
  ): Promise<void>;
  putAppSyncStatus(scope: AppScope, status: AppSyncStatus): Promise<void>;
  listAppSyncStatuses(scope: AppScope): Promise<AppSyncStatus[]>;
}
