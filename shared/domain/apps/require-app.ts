import { CofferError } from '../errors.js';
import type { AppRecord } from '../records.js';
import type { AppScope } from '../scope.js';
import type { AppStore } from '../stores.js';

export const appNotFound = (scope: AppScope) =>
  new CofferError('APP_NOT_FOUND', `app ${scope.app} not found`);

export const requireApp = async (apps: AppStore, scope: AppScope, consistent = false): Promise<AppRecord> => {
  const app = await apps.getApp(scope, { consistent });
  if (!app) throw appNotFound(scope);
  return app;
};

/** An app that exists and is not being purged. */
export const requireWritableApp = async (apps: AppStore, scope: AppScope): Promise<AppRecord> => {
  const app = await requireApp(apps, scope, true);
  if (app.deleting) throw new CofferError('APP_BEING_DELETED', `app ${scope.app} is being deleted`);
  return app;
};
