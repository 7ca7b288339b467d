import type { AppScope } from '../scope.js';
import type { AppStore } from '../stores.js';
import type { SyncQueue } from './queue.js';

/**
 * After a committed change to an app's secrets, one job per connected sync. Called after the write
 * has committed, so a worker always sees the change; a failure to enqueue does not undo the write
 * (the scheduled run repairs the destination).
 */
export const enqueueAppSyncs = async (
  deps: { apps: AppStore; syncQueue: SyncQueue },
  scope: AppScope,
  /** The app's connected syncs, when the caller already knows them (a written head lists them). */
  known?: readonly string[],
): Promise<number> => {
  const syncs = known ?? (await deps.apps.getApp(scope))?.syncNames ?? [];
  for (const sync of syncs) {
    await deps.syncQueue.enqueue({
      orgId: scope.orgId,
      projectId: scope.projectId,
      app: scope.app,
      sync,
      reason: 'change',
    });
  }
  return syncs.length;
};
