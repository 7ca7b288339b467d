import { CofferError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { ActorRef } from '../principal.js';
import type { AppRecord } from '../records.js';
import type { AppScope } from '../scope.js';
import type { AppStore, DirectoryStore, SecretStore } from '../stores.js';
import { requireApp } from './require-app.js';

/** How many versions of each secret an app keeps unless configured otherwise (API.md). */
export const DEFAULT_MAX_VERSIONS = 50;

export const createApp = async (
  deps: { apps: AppStore; directory: DirectoryStore; clock: Clock },
  scope: AppScope,
  input: { description: string },
  actor: ActorRef,
): Promise<AppRecord> => {
  if (!(await deps.directory.getProject(scope))) {
    throw new CofferError('PROJECT_NOT_FOUND', `project ${scope.projectId} not found`);
  }
  const now = deps.clock.now().toISOString();
  const app: AppRecord = {
    orgId: scope.orgId,
    projectId: scope.projectId,
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
  return app;
};

export const getApp = (deps: { apps: AppStore }, scope: AppScope) => requireApp(deps.apps, scope);

export const updateApp = (
  deps: { apps: AppStore; clock: Clock },
  scope: AppScope,
  patch: { description?: string },
  actor: ActorRef,
) => deps.apps.updateApp(scope, { ...patch, updatedAt: deps.clock.now().toISOString(), updatedBy: actor });

/** Deletes an empty app; an app that still holds secrets needs a purge (HTTP 412 otherwise). */
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
 * Deletes an app with all its secrets. The app is marked first so no writer adds to it, then its
 * partition is emptied, then the app item goes: a crash part-way leaves an app that a retried purge
 * finishes.
 */
export const purgeApp = async (deps: { apps: AppStore; secrets: SecretStore }, scope: AppScope) => {
  await requireApp(deps.apps, scope, true);
  await deps.apps.markDeleting(scope);
  await deps.secrets.deleteAppContents(scope);
  await deps.apps.deleteApp(scope);
};
