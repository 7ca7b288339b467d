import type { DataKeys } from '../crypto/data-keys.js';
import { CofferError } from '../errors.js';
import type { Clock, Page, PageRequest } from '../ports.js';
import type { ActorRef } from '../principal.js';
import type { SecretHead, VersionRecord } from '../records.js';
import type { AppScope } from '../scope.js';
import type { AppStore, SecretStore } from '../stores.js';
import type { SyncQueue } from '../sync/queue.js';
import { enqueueAppSyncs } from '../sync/triggers.js';
import { bulkWrite } from './bulk-write.js';
import { deleteSecret } from './delete-secret.js';
import {
  getSecret,
  getVersion,
  listSecrets,
  listVersions,
  openHead,
  openHeads,
  openVersionRecord,
  openVersionRecords,
  type OpenedSecret,
  type OpenedVersion,
} from './read-secrets.js';
import { writeSecret, type WriteDeps, type WriteInput } from './write-secret.js';

/**
 * The static-secret operations of HCP Vault Secrets 2023-11-28, one function per operationId.
 * Callers have authorized the scope. Every write that changes what an app holds queues its syncs
 * once it has committed.
 */

type ReadDeps = { apps: AppStore; secrets: SecretStore };
type OpenDeps = ReadDeps & { dataKeys: DataKeys };
type SyncedWriteDeps = WriteDeps & { syncQueue: SyncQueue };

/** The only secret type Coffer stores; HCP also has `rotating` and `dynamic`. */
export const STATIC_SECRET_TYPE = 'kv';

/** CreateAppKVSecret: a new secret, or a new version of an existing one. */
export const createAppKVSecret = async (
  deps: SyncedWriteDeps,
  scope: AppScope,
  input: WriteInput,
  actor: ActorRef,
): Promise<SecretHead> => {
  const head = await writeSecret(deps, scope, input, actor);
  await enqueueAppSyncs(deps, scope, Object.keys(head.syncStatus ?? {}));
  return head;
};

/** BulkCreateAppKVSecrets: up to 100 secrets, all or nothing with conflicts=FAIL. */
export const bulkCreateAppKVSecrets = async (
  deps: SyncedWriteDeps,
  scope: AppScope,
  entries: readonly { name: string; value: string }[],
  conflicts: 'FAIL' | 'UPDATE',
  actor: ActorRef,
): Promise<SecretHead[]> => {
  const heads = await bulkWrite(deps, scope, entries, conflicts, actor);
  await enqueueAppSyncs(deps, scope, Object.keys(heads[0]?.syncStatus ?? {}));
  return heads;
};

/** DeleteAppSecret: the secret with all its versions. */
export const deleteAppSecret = async (
  deps: ReadDeps & { syncQueue: SyncQueue; clock: Clock },
  scope: AppScope,
  name: string,
): Promise<void> => {
  await deleteSecret(deps, scope, name);
  await enqueueAppSyncs(deps, scope);
};

/**
 * DeleteAppSecretVersion: forgets one older version. The latest version is what readers and syncs
 * see, so it cannot be deleted this way (write a new version, or delete the secret).
 */
export const deleteAppSecretVersion = async (
  deps: ReadDeps,
  scope: AppScope,
  name: string,
  version: number,
): Promise<void> => {
  const head = await getSecret(deps, scope, name);
  if (version === head.latest.version) {
    throw new CofferError(
      'VERSION_IS_LATEST',
      `version ${version} is the latest version of secret ${name}; write a new version or delete the secret`,
    );
  }
  await getVersion(deps, scope, name, version);
  await deps.secrets.deleteVersions(scope, name, head.gen, [version]);
  // Best effort: a concurrent write recomputes the count anyway.
  await deps.secrets.commitHead(
    scope,
    { ...head, versionCount: Math.max(1, head.versionCount - 1) },
    { gen: head.gen, version: head.latest.version },
  );
};

/** Secret types a listing asks for; an empty or absent filter means all. */
const wantsStatic = (types: readonly string[] | undefined) =>
  !types?.length || types.some((t) => t.toLowerCase() === STATIC_SECRET_TYPE);

const emptyPage = <T>(): Page<T> => ({ items: [] });

/** ListAppSecrets: metadata, never values. */
export const listAppSecrets = async (
  deps: ReadDeps,
  scope: AppScope,
  page: PageRequest,
  filter: { nameContains?: string; types?: readonly string[] } = {},
): Promise<Page<SecretHead>> => {
  if (!wantsStatic(filter.types)) {
    await getAppOrThrow(deps, scope);
    return emptyPage();
  }
  return listSecrets(deps, scope, page, { nameContains: filter.nameContains });
};

/** OpenAppSecrets: the same page as ListAppSecrets, with each latest value. */
export const openAppSecrets = async (
  deps: OpenDeps,
  scope: AppScope,
  page: PageRequest,
  filter: { nameContains?: string; types?: readonly string[] } = {},
): Promise<Page<OpenedSecret>> => {
  const heads = await listAppSecrets(deps, scope, page, filter);
  return { ...heads, items: await openHeads(deps.dataKeys, scope, heads.items) };
};

/** GetAppSecret. */
export const getAppSecret = (deps: ReadDeps, scope: AppScope, name: string): Promise<SecretHead> =>
  getSecret(deps, scope, name);

/** OpenAppSecret (and OpenAppSecretByResourceName): the latest value. */
export const openAppSecret = async (deps: OpenDeps, scope: AppScope, name: string): Promise<OpenedSecret> =>
  openHead(deps.dataKeys, scope, await getSecret(deps, scope, name));

/** ListAppSecretVersions: kept versions, oldest first, without values. */
export const listAppSecretVersions = (
  deps: ReadDeps,
  scope: AppScope,
  name: string,
  page: PageRequest,
): Promise<Page<VersionRecord>> => listVersions(deps, scope, name, page);

/** ListOpenAppSecretVersions: the same page with values. */
export const listOpenAppSecretVersions = async (
  deps: OpenDeps,
  scope: AppScope,
  name: string,
  page: PageRequest,
): Promise<Page<OpenedVersion>> => {
  const versions = await listVersions(deps, scope, name, page);
  return {
    ...versions,
    items: await openVersionRecords(
      deps.dataKeys,
      scope,
      versions.items.map((record) => ({ name, record })),
    ),
  };
};

/** GetAppSecretVersion. */
export const getAppSecretVersion = (
  deps: ReadDeps,
  scope: AppScope,
  name: string,
  version: number,
): Promise<VersionRecord> => getVersion(deps, scope, name, version);

/** OpenAppSecretVersion. */
export const openAppSecretVersion = async (
  deps: OpenDeps,
  scope: AppScope,
  name: string,
  version: number,
): Promise<OpenedVersion> =>
  openVersionRecord(deps.dataKeys, scope, name, await getVersion(deps, scope, name, version));

const getAppOrThrow = async (deps: { apps: AppStore }, scope: AppScope) => {
  if (!(await deps.apps.getApp(scope))) throw new CofferError('APP_NOT_FOUND', `app ${scope.app} not found`);
};
