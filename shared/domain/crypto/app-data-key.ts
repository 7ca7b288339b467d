import { CofferError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { AppRecord } from '../records.js';
import type { AppScope } from '../scope.js';
import type { AppStore } from '../stores.js';
import { keyContextFor } from './aad.js';
import type { DataKeys, UsableDataKey } from './data-keys.js';

/**
 * How long one data key encrypts new values before the app gets a fresh one. Old keys stay usable
 * for reading because every blob carries its wrapped key. With random 96-bit nonces, NIST SP 800-38D
 * caps a key at 2^32 messages; an app would need ~1,600 writes a second for 30 days to approach it.
 */
export const DATA_KEY_MAX_AGE_MS = 30 * 24 * 3600_000;

/** The app's current data key, creating or rotating it when needed. */
export const currentDataKey = async (
  deps: { apps: AppStore; dataKeys: DataKeys; clock: Clock },
  scope: AppScope,
  app: AppRecord,
): Promise<UsableDataKey> => {
  const context = keyContextFor(scope.orgId, scope.projectId, scope.app);
  let current = app;
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = current.dataKey;
    const now = deps.clock.now();
    if (key && now.getTime() - Date.parse(key.createdAt) < DATA_KEY_MAX_AGE_MS) {
      return { ...key, plaintext: await deps.dataKeys.unwrap(key.wrapped, context) };
    }
    const fresh = await deps.dataKeys.create(context, now);
    const stored = { id: fresh.id, wrapped: fresh.wrapped, createdAt: fresh.createdAt };
    if (await deps.apps.replaceDataKey(scope, stored, key?.id)) return fresh;
    // Another writer rotated first: use the key it installed.
    const reread = await deps.apps.getApp(scope, { consistent: true });
    if (!reread) throw new CofferError('APP_NOT_FOUND', `app ${scope.app} not found`);
    current = reread;
  }
  throw new CofferError('WRITE_CONTENTION', 'could not settle the app data key; retry');
};
