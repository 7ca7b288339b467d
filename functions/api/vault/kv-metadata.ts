import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { createApp, purgeAppAndSecrets } from '../../../shared/domain/apps/manage-apps.js';
import { requireApp } from '../../../shared/domain/apps/require-app.js';
import { CofferError } from '../../../shared/domain/errors.js';
import { actorOf } from '../../../shared/domain/principal.js';
import { deleteSecret } from '../../../shared/domain/secrets/delete-secret.js';
import { getSecret, listSecrets, listVersions } from '../../../shared/domain/secrets/read-secrets.js';
import { enqueueAppSyncs } from '../../../shared/domain/sync/triggers.js';
import type { AppEnv } from '../env.js';
import { vaultApp, vaultProject } from './access.js';
import { vaultJson, vaultNoContent } from './envelope.js';
import { absent, jsonBody, kvPath, requireMount } from './kv-paths.js';

/**
 * `secret/metadata/`: listing apps and an app's secret names, and metadata of an app (its
 * revision, Vault custom_metadata and cas_required) or of one secret (its own versions).
 */
const MetadataBody = z.object({
  custom_metadata: z.record(z.string().max(128), z.string().max(512)).nullable().optional(),
  cas_required: z.boolean().optional(),
  max_versions: z.number().int().min(0).optional(),
  delete_version_after: z.union([z.string(), z.number()]).optional(),
});

/** Every item of a paged listing (metadata lists are small: apps of a project, secrets of an app). */
const all = async <T>(page: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>) => {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    items.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor);
  return items;
};

const list = async (c: Context<AppEnv>) => {
  requireMount(c);
  const p = kvPath(c, 'metadata');
  const services = c.get('services');
  let keys: string[];
  if (!p) {
    const scope = await vaultProject(c, 'project.read');
    keys = (await all((cursor) => services.apps.listApps(scope, { limit: 100, cursor }))).map((a) => a.name);
  } else if (!p.secret) {
    const scope = await vaultApp(c, p.app, 'app.read');
    keys = (await all((cursor) => listSecrets(services, scope, { limit: 100, cursor }))).map((h) => h.name);
  } else throw absent();
  if (keys.length === 0) throw absent();
  return vaultJson(c, { data: { keys }, mountType: 'kv' });
};

const read = async (c: Context<AppEnv>) => {
  requireMount(c);
  const p = kvPath(c, 'metadata');
  if (!p) throw absent();
  const services = c.get('services');
  const scope = await vaultApp(c, p.app, 'app.read');
  if (p.secret) {
    const head = await getSecret(services, scope, p.secret);
    const versions = await all((cursor) =>
      listVersions(services, scope, p.secret as string, { limit: 100, cursor }),
    );
    if (!versions.some((v) => v.version === head.latest.version)) versions.push(head.latest);
    return vaultJson(c, {
      data: {
        cas_required: false,
        created_time: head.createdAt,
        current_version: head.latest.version,
        custom_metadata: null,
        delete_version_after: '0s',
        max_versions: (await requireApp(services.apps, scope)).maxVersions,
        oldest_version: Math.min(...versions.map((v) => v.version)),
        updated_time: head.latest.createdAt,
        versions: Object.fromEntries(
          versions.map((v) => [
            String(v.version),
            { created_time: v.createdAt, deletion_time: '', destroyed: false },
          ]),
        ),
      },
      mountType: 'kv',
    });
  }
  const app = await requireApp(services.apps, scope);
  const { state } = await services.secrets.readCurrent(scope);
  if (state.revision === 0 && !state.customMetadata) throw absent();
  const updated = state.revisedAt ?? app.updatedAt;
  return vaultJson(c, {
    data: {
      cas_required: state.casRequired ?? false,
      created_time: app.createdAt,
      current_version: state.revision,
      custom_metadata: state.customMetadata ?? null,
      delete_version_after: '0s',
      max_versions: app.maxVersions,
      // Only the current revision is listed; older ones are read with ?version=N (README).
      oldest_version: state.revision,
      updated_time: updated,
      versions:
        state.revision > 0
          ? { [String(state.revision)]: { created_time: updated, deletion_time: '', destroyed: false } }
          : {},
    },
    mountType: 'kv',
  });
};

const write = async (c: Context<AppEnv>) => {
  requireMount(c);
  const p = kvPath(c, 'metadata');
  if (!p) throw absent();
  const body = await jsonBody(c, MetadataBody);
  if (p.secret) {
    throw new CofferError(
      'INVALID_ARGUMENT',
      `metadata is kept per app: write it to /v1/secret/metadata/${p.app}`,
    );
  }
  const services = c.get('services');
  const scope = await vaultApp(c, p.app, 'app.update');
  let app = await services.apps.getApp(scope, { consistent: true });
  if (!app) {
    // As in Vault, metadata may be written before any data (external-secrets does so).
    const created = await vaultApp(c, p.app, 'app.create');
    app = await createApp(services, created, { description: '' }, actorOf(c.get('principal')));
  }
  if (body.max_versions && body.max_versions !== app.maxVersions) {
    throw new CofferError(
      'INVALID_ARGUMENT',
      `Coffer keeps ${app.maxVersions} versions of each secret; max_versions cannot be changed`,
    );
  }
  const after = body.delete_version_after;
  if (after !== undefined && !['0', '0s', 0].includes(after)) {
    throw new CofferError(
      'INVALID_ARGUMENT',
      'Coffer does not expire versions; delete_version_after must be 0s',
    );
  }
  await services.secrets.setAppMetadata(scope, {
    ...(body.custom_metadata !== undefined ? { customMetadata: body.custom_metadata ?? {} } : {}),
    ...(body.cas_required !== undefined ? { casRequired: body.cas_required } : {}),
  });
  return vaultNoContent(c);
};

const remove = async (c: Context<AppEnv>) => {
  requireMount(c);
  const p = kvPath(c, 'metadata');
  if (!p) throw absent();
  const services = c.get('services');
  if (p.secret) {
    const scope = await vaultApp(c, p.app, 'secret.delete');
    await deleteSecret(services, scope, p.secret);
    await enqueueAppSyncs(services, scope);
  } else {
    // Vault deletes the path with every version: Coffer deletes the app with its secrets.
    const scope = await vaultApp(c, p.app, 'app.delete');
    await purgeAppAndSecrets(services, scope);
  }
  return vaultNoContent(c);
};

export const registerKvMetadataRoutes = (v: Hono<AppEnv>) => {
  v.on(['GET', 'LIST'], '/@list/:mount/metadata', list);
  v.on(['GET', 'LIST'], '/@list/:mount/metadata/*', list);
  v.get('/:mount/metadata/*', read);
  v.on(['POST', 'PUT'], '/:mount/metadata/*', write);
  v.delete('/:mount/metadata/*', remove);
};

export const KV_METADATA_OPERATIONS = {
  'GET /@list/:mount/metadata': 'VaultKvList',
  'LIST /@list/:mount/metadata': 'VaultKvList',
  'GET /@list/:mount/metadata/*': 'VaultKvList',
  'LIST /@list/:mount/metadata/*': 'VaultKvList',
  'GET /:mount/metadata/*': 'VaultKvReadMetadata',
  'POST /:mount/metadata/*': 'VaultKvWriteMetadata',
  'PUT /:mount/metadata/*': 'VaultKvWriteMetadata',
  'DELETE /:mount/metadata/*': 'VaultKvDeleteMetadata',
};
