import { randomUUID } from 'node:crypto';
import { CofferError } from '../errors.js';
import type { Clock, Page, PageRequest } from '../ports.js';
import type { ActorRef } from '../principal.js';
import type { AppRecord } from '../records.js';
import type { AppScope, ProjectScope } from '../scope.js';
import type { AppStore, DirectoryStore, SecretStore } from '../stores.js';
import { setAppSyncs } from '../sync/manage.js';
import type { SyncQueue } from '../sync/queue.js';
import type { SyncStore } from '../sync/sync-store.js';
import { enqueueAppSyncs } from '../sync/triggers.js';
import { requireApp } from './require-app.js';

/**
 * The app operations of HCP Vault Secrets 2023-11-28, one function per operationId (ListApps,
 * CreateApp, GetApp, UpdateApp, DeleteApp, PurgeAppAndSecrets). Callers have authorized the scope.
 */

/** How many versions of each secret an app keeps unless configured otherwise (docs/API.md). */
export const DEFAULT_MAX_VERSIONS = 50;

/** ListApps: one page of the project's apps, optionally only those whose name contains a string. */
export const listApps = (
  deps: { apps: AppStore },
  scope: ProjectScope,
  page: PageRequest,
  filter: { nameContains?: string } = {},
): Promise<Page<AppRecord>> => deps.apps.listApps(scope, page, filter);

/** CreateApp: a new, empty app; connected to `syncNames` (which must exist) if any are given. */
export const createApp = async (
  deps: { apps: AppStore; directory: DirectoryStore; clock: Clock; syncs: SyncStore },
  scope: AppScope,
  input: { description: string; syncNames?: readonly string[] },
  actor: ActorRef,
): Promise<AppRecord> => {
  if (!(await deps.directory.getProject(scope))) {
    throw new CofferError('PROJECT_NOT_FOUND', `project ${scope.projectId} not found`);
  }
  const now = deps.clock.now().toISOString();
  const app: AppRecord = {
    orgId: scope.orgId,
    projectId: scope.projectId,
    resourceId: randomUUID(),
    name: scope.app,
    description: input.description,
    secretCount: 0,
    syncNames: [],
    maxVersions: DEFAULT_MAX_VERSIONS,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
  await deps.apps.createApp(scope, app);
  if (!input.syncNames?.length) return app;
  // A new app holds no secrets yet, so there is nothing to push: connecting is enough.
  await setAppSyncs(deps, scope, input.syncNames);
  return requireApp(deps.apps, scope, true);
};

/** GetApp. */
export const getApp = (deps: { apps: AppStore }, scope: AppScope) => requireApp(deps.apps, scope);

/**
 * UpdateApp: fields left out keep their values. `syncNames` connects the app to exactly those syncs
 * and queues a run for each, so the destinations catch up at once.
 */
export const updateApp = async (
  deps: { apps: AppStore; clock: Clock; syncs: SyncStore; syncQueue: SyncQueue },
  scope: AppScope,
  patch: { description?: string; syncNames?: readonly string[] },
  actor: ActorRef,
): Promise<AppRecord> => {
  if (patch.syncNames !== undefined) {
    await setAppSyncs(deps, scope, patch.syncNames);
    await enqueueAppSyncs(deps, scope);
  }
  return deps.apps.updateApp(scope, {
    ...(patch.description === undefined ? {} : { description: patch.description }),
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actor,
  });
};

/** DeleteApp: deletes an empty app; one that still holds secrets needs a purge (HTTP 412 otherwise). */
export const deleteApp = async (deps: { apps: AppStore; secrets: SecretStore }, scope: AppScope) => {
  await requireApp(deps.apps, scope, true);
  if (await deps.secrets.hasSecrets(scope)) {
    throw new CofferError(
      'APP_NOT_EMPTY',
      `app ${scope.app} still holds secrets; purge it to delete them too`,
    );
  }
  await deps.apps.deleteApp(scope);
};

/**
 * PurgeAppAndSecrets: deletes an app with all its secrets. The app is marked first so no writer adds
 * to it, then its partition is emptied, then the app item goes: a crash part-way leaves an app that a
 * retried purge finishes.
 */
export const purgeAppAndSecrets = async (deps: { apps: AppStore; secrets: SecretStore }, scope: AppScope) => {
  await requireApp(deps.apps, scope, true);
  await deps.apps.markDeleting(scope);
  await deps.secrets.deleteAppContents(scope);
  await deps.apps.deleteApp(scope);
};
