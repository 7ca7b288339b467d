import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { createApp } from '../../../shared/domain/apps/manage-apps.js';
import { CofferError } from '../../../shared/domain/errors.js';
import { SecretName, SecretValue } from '../../../shared/domain/names.js';
import { actorOf } from '../../../shared/domain/principal.js';
import type { AppScope } from '../../../shared/domain/scope.js';
import { readAppMap, readAppMapAt } from '../../../shared/domain/secrets/app-map.js';
import { getSecret, getVersion, openVersionRecord } from '../../../shared/domain/secrets/read-secrets.js';
import { writeAppMap } from '../../../shared/domain/secrets/write-app-map.js';
import { writeSecret } from '../../../shared/domain/secrets/write-secret.js';
import { enqueueAppSyncs } from '../../../shared/domain/sync/triggers.js';
import type { AppEnv } from '../env.js';
import { vaultApp } from './access.js';
import { vaultJson } from './envelope.js';
import { absent, jsonBody, kvPath, requireMount, versionQuery, type KvPath } from './kv-paths.js';

/**
 * `secret/data/{app}` is the app's secrets as one map; `secret/data/{app}/{SECRET}` is one secret
 * as `{"value": ...}` with its own versions. Every route calls the same use cases as the HCP routes,
 * so authorization, locks, audit and sync triggers are theirs.
 */
const WriteBody = z.object({
  data: z.record(z.string(), z.unknown()).optional(),
  options: z.looseObject({ cas: z.number().int().min(0).optional() }).optional(),
});

const versionMeta = (createdAt: string, version: number, destroyed = false) => ({
  created_time: createdAt,
  custom_metadata: null,
  deletion_time: '',
  destroyed,
  version,
});

const path = (c: Context<AppEnv>, operation: string): KvPath => {
  requireMount(c);
  const p = kvPath(c, operation);
  if (!p) throw absent();
  return p;
};

/** The body's `data` as a map Coffer can hold: secret names to string values (null: delete). */
const mapData = (data: Record<string, unknown>, allowNull: boolean): Record<string, string | null> => {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(data)) {
    if (!SecretName.safeParse(name).success) {
      throw new CofferError(
        'INVALID_ARGUMENT',
        `${name}: ${SecretName.safeParse(name).error?.issues[0]?.message}`,
      );
    }
    if (value === null && allowNull) out[name] = null;
    else if (typeof value !== 'string') {
      throw new CofferError('INVALID_ARGUMENT', `${name}: Coffer holds string values; send it as a string`);
    } else {
      const ok = SecretValue.safeParse(value);
      if (!ok.success) throw new CofferError('INVALID_ARGUMENT', `${name}: ${ok.error.issues[0]?.message}`);
      out[name] = value;
    }
  }
  return out;
};

/** `{"value": "..."}`, the only shape a single secret's data can have. */
const singleValue = (data: Record<string, unknown>): string => {
  const keys = Object.keys(data);
  if (keys.length !== 1 || keys[0] !== 'value' || typeof data.value !== 'string') {
    throw new CofferError(
      'INVALID_ARGUMENT',
      'a secret path holds {"value": "<string>"}; to write several names, write the app path',
    );
  }
  const ok = SecretValue.safeParse(data.value);
  if (!ok.success) throw new CofferError('INVALID_ARGUMENT', `value: ${ok.error.issues[0]?.message}`);
  return data.value;
};

/** Vault creates a path on first write; Coffer creates the app, if the caller may create apps. */
const withApp = async <T>(c: Context<AppEnv>, scope: AppScope, write: () => Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (err) {
    if (!(err instanceof CofferError && err.code === 'APP_NOT_FOUND')) throw err;
    const created = await vaultApp(c, scope.app, 'app.create');
    await createApp(c.get('services'), created, { description: '' }, actorOf(c.get('principal'))).catch(
      (e) => {
        if (!(e instanceof CofferError && e.code === 'APP_ALREADY_EXISTS')) throw e;
      },
    );
    return write();
  }
};

const readData = async (c: Context<AppEnv>) => {
  const p = path(c, 'data');
  const version = versionQuery(c);
  const scope = await vaultApp(c, p.app, 'secret.open');
  const services = c.get('services');
  if (p.secret) {
    const record =
      version === undefined
        ? (await getSecret(services, scope, p.secret)).latest
        : await getVersion(services, scope, p.secret, version);
    const opened = await openVersionRecord(services.dataKeys, scope, p.secret, record);
    return vaultJson(c, {
      data: { data: { value: opened.value }, metadata: versionMeta(record.createdAt, record.version) },
      mountType: 'kv',
    });
  }
  const map =
    version === undefined ? await readAppMap(services, scope) : await readAppMapAt(services, scope, version);
  const metadata = {
    ...versionMeta(map.createdAt, map.revision, map.data === null),
    custom_metadata: map.customMetadata ?? null,
  };
  // A revision that can no longer be rebuilt answers as Vault answers for a destroyed version.
  return vaultJson(c, { data: { data: map.data, metadata }, mountType: 'kv' }, map.data === null ? 404 : 200);
};

const writeData = (mode: 'replace' | 'merge') => async (c: Context<AppEnv>) => {
  const p = path(c, 'data');
  if (mode === 'merge') {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/merge-patch+json') {
      throw new CofferError('INVALID_ARGUMENT', 'PATCH requires Content-Type: application/merge-patch+json');
    }
  }
  const body = await jsonBody(c, WriteBody);
  if (!body.data) throw new CofferError('INVALID_ARGUMENT', 'no data provided');
  const cas = body.options?.cas;
  const services = c.get('services');
  const actor = actorOf(c.get('principal'));

  if (p.secret) {
    const value = singleValue(body.data);
    const scope = await vaultApp(c, p.app, 'secret.write');
    // PATCH changes an existing secret only (Vault: 404 when absent).
    if (mode === 'merge') await getSecret(services, scope, p.secret);
    const head = await withApp(c, scope, () =>
      writeSecret(services, scope, { name: p.secret as string, value, expectedVersion: cas }, actor),
    );
    await enqueueAppSyncs(services, scope, Object.keys(head.syncStatus ?? {}));
    return vaultJson(c, { data: versionMeta(head.latest.createdAt, head.latest.version), mountType: 'kv' });
  }

  const data = mapData(body.data, mode === 'merge');
  const deletes = mode === 'replace' || Object.values(data).includes(null);
  const scope = await vaultApp(c, p.app, 'secret.write');
  if (deletes) await vaultApp(c, p.app, 'secret.delete');
  const write = () => writeAppMap(services, scope, { mode, data, cas }, actor);
  // PATCH of an app that does not exist is a 404, as in Vault; PUT creates it.
  const result = mode === 'merge' ? await write() : await withApp(c, scope, write);
  if (result.changed) await enqueueAppSyncs(services, scope, result.syncNames);
  return vaultJson(c, { data: versionMeta(result.createdAt, result.revision), mountType: 'kv' });
};

/** Coffer keeps no soft-deleted versions: say what to do instead, change nothing. */
const unsupported = (what: string) => async (c: Context<AppEnv>) => {
  path(c, what === 'delete-latest' ? 'data' : what);
  throw new CofferError(
    'INVALID_ARGUMENT',
    `Coffer does not soft-delete, undelete or destroy single versions. To remove a secret with all its ` +
      `versions: DELETE /v1/secret/metadata/{app}/{SECRET}; to remove names from an app: write the app's ` +
      `map without them (PUT /v1/secret/data/{app}) or PATCH them to null.`,
  );
};

export const registerKvDataRoutes = (v: Hono<AppEnv>) => {
  v.get('/:mount/data/*', readData);
  v.on(['POST', 'PUT'], '/:mount/data/*', writeData('replace'));
  v.patch('/:mount/data/*', writeData('merge'));
  v.delete('/:mount/data/*', unsupported('delete-latest'));
  for (const op of ['delete', 'undelete', 'destroy'])
    v.on(['POST', 'PUT'], `/:mount/${op}/*`, unsupported(op));
};

/** Operations whose answer holds values: answered only once their audit event is durable. */
export const REVEALING_OPERATIONS = ['OpenVaultKvData'];

/** Audit operation names of the routes above, by method and router path (under /v1). */
export const KV_DATA_OPERATIONS = {
  'GET /:mount/data/*': 'OpenVaultKvData',
  'POST /:mount/data/*': 'VaultKvWriteData',
  'PUT /:mount/data/*': 'VaultKvWriteData',
  'PATCH /:mount/data/*': 'VaultKvPatchData',
  'DELETE /:mount/data/*': 'VaultKvDeleteLatest',
  'POST /:mount/delete/*': 'VaultKvDeleteVersions',
  'PUT /:mount/delete/*': 'VaultKvDeleteVersions',
  'POST /:mount/undelete/*': 'VaultKvUndeleteVersions',
  'PUT /:mount/undelete/*': 'VaultKvUndeleteVersions',
  'POST /:mount/destroy/*': 'VaultKvDestroyVersions',
  'PUT /:mount/destroy/*': 'VaultKvDestroyVersions',
};
