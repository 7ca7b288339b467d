import type { DataKeys } from '../crypto/data-keys.js';
import { CofferError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { ActorRef } from '../principal.js';
import type { AppScope, ProjectScope } from '../scope.js';
import { sealConnection } from './connections.js';
import type { DestinationKind } from './destination.js';
import type { DeleteBehavior, Integration, SyncConfig } from './records.js';
import type { SyncStore } from './sync-store.js';
import type { SyncQueue } from './queue.js';
import type { AppStore } from '../stores.js';
import { requireApp } from '../apps/require-app.js';

/** Validates provider-specific configuration; throws INVALID_ARGUMENT naming the bad fields. */
export interface DestinationConfigValidator {
  connection(provider: DestinationKind, raw: unknown): unknown;
  target(provider: DestinationKind, raw: unknown): Record<string, unknown>;
}

interface Deps {
  syncs: SyncStore;
  dataKeys: DataKeys;
  clock: Clock;
  destinationConfig: DestinationConfigValidator;
}

export const createIntegration = async (
  deps: Deps,
  scope: ProjectScope,
  input: { name: string; provider: DestinationKind; connection: unknown },
  actor: ActorRef,
): Promise<Integration> => {
  const connection = deps.destinationConfig.connection(input.provider, input.connection);
  const now = deps.clock.now().toISOString();
  const integration: Integration = {
    name: input.name,
    provider: input.provider,
    connectionBlob: await sealConnection(deps, scope, input.name, 1, connection),
    revision: 1,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
  };
  await deps.syncs.createIntegration(scope, integration);
  return integration;
};

export const requireIntegration = async (deps: { syncs: SyncStore }, scope: ProjectScope, name: string) => {
  const i = await deps.syncs.getIntegration(scope, name);
  if (!i) throw new CofferError('INTEGRATION_NOT_FOUND', `integration ${name} not found`);
  return i;
};

/** Replaces an integration's credentials (they are never read back, only replaced). */
export const replaceIntegrationConnection = async (
  deps: Deps,
  scope: ProjectScope,
  name: string,
  raw: unknown,
): Promise<Integration> => {
  const current = await requireIntegration(deps, scope, name);
  const connection = deps.destinationConfig.connection(current.provider, raw);
  const blob = await sealConnection(deps, scope, name, current.revision + 1, connection);
  if (
    !(await deps.syncs.replaceConnection(scope, name, blob, current.revision, deps.clock.now().toISOString()))
  ) {
    throw new CofferError('VERSION_CONFLICT', `integration ${name} changed concurrently; retry`);
  }
  return requireIntegration(deps, scope, name);
};

export const deleteIntegration = async (deps: { syncs: SyncStore }, scope: ProjectScope, name: string) => {
  await requireIntegration(deps, scope, name);
  const users = (await deps.syncs.listSyncs(scope))
    .filter((s) => s.integrationName === name)
    .map((s) => s.name);
  if (users.length > 0)
    throw new CofferError('INTEGRATION_IN_USE', `integration ${name} is used by syncs: ${users.join(', ')}`);
  await deps.syncs.deleteIntegration(scope, name);
};

export const createSync = async (
  deps: Deps,
  scope: ProjectScope,
  input: { name: string; integrationName: string; target: unknown; deleteBehavior: DeleteBehavior },
  actor: ActorRef,
): Promise<SyncConfig> => {
  const integration = await requireIntegration(deps, scope, input.integrationName);
  const sync: SyncConfig = {
    name: input.name,
    integrationName: integration.name,
    provider: integration.provider,
    target: deps.destinationConfig.target(integration.provider, input.target),
    deleteBehavior: input.deleteBehavior,
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
  };
  await deps.syncs.createSync(scope, sync);
  return sync;
};

export const requireSync = async (deps: { syncs: SyncStore }, scope: ProjectScope, name: string) => {
  const s = await deps.syncs.getSync(scope, name);
  if (!s) throw new CofferError('SYNC_NOT_FOUND', `sync ${name} not found`);
  return s;
};

export const deleteSync = async (deps: { syncs: SyncStore }, scope: ProjectScope, name: string) => {
  await requireSync(deps, scope, name);
  const apps = (await deps.syncs.listAllBindings())
    .filter((b) => b.orgId === scope.orgId && b.projectId === scope.projectId && b.sync === name)
    .map((b) => b.app);
  if (apps.length > 0)
    throw new CofferError(
      'SYNC_IN_USE',
      `sync ${name} is connected to apps: ${apps.join(', ')}; disconnect them first`,
    );
  await deps.syncs.deleteSync(scope, name);
};

/** Connects an app to exactly these syncs (each must exist in the app's project). */
export const setAppSyncs = async (deps: { syncs: SyncStore }, scope: AppScope, names: readonly string[]) => {
  const unique = [...new Set(names)];
  for (const n of unique) await requireSync(deps, scope, n);
  await deps.syncs.setAppSyncs(scope, unique);
};

/** GetAppSyncs: the app's connected syncs with each one's last run (absent until the first). */
export const getAppSyncs = async (deps: { apps: AppStore; syncs: SyncStore }, scope: AppScope) => {
  const app = await requireApp(deps.apps, scope);
  const runs = new Map((await deps.syncs.listAppSyncStatuses(scope)).map((s) => [s.sync, s]));
  return { app, syncs: app.syncNames.map((name) => ({ name, run: runs.get(name) })) };
};

/** TriggerAppSync: queues a run of one connected sync now. */
export const triggerAppSync = async (
  deps: { apps: AppStore; syncQueue: SyncQueue },
  scope: AppScope,
  sync: string,
): Promise<void> => {
  const app = await requireApp(deps.apps, scope);
  if (!app.syncNames.includes(sync))
    throw new CofferError('SYNC_NOT_FOUND', `app ${scope.app} is not connected to sync ${sync}`);
  await deps.syncQueue.enqueue({
    orgId: scope.orgId,
    projectId: scope.projectId,
    app: scope.app,
    sync,
    reason: 'manual',
  });
};
