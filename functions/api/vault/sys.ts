import type { Context, Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { vaultJson } from './envelope.js';
import { MOUNT, absent } from './kv-paths.js';

/**
 * The Vault version Coffer reports. Terraform's provider and others gate features on it; Coffer
 * behaves as this release's KV v2 for the calls it serves.
 */
export const REPORTED_VAULT_VERSION = '1.15.0';

/** Unauthenticated in Vault too; Terraform asks it unless skip_get_vault_version. */
const sealStatus = (c: Context<AppEnv>) =>
  c.json({
    type: 'shamir',
    initialized: true,
    sealed: false,
    t: 1,
    n: 1,
    progress: 0,
    nonce: '',
    version: REPORTED_VAULT_VERSION,
    build_date: '2023-09-22T20:53:58Z',
    migration: false,
    cluster_name: 'coffer',
    cluster_id: '',
    recovery_seal: false,
    storage_type: 'dynamodb',
  });

/**
 * What mount serves a path: Vault Agent (consul-template) asks before reading, and treats a 404 as
 * KV v1. Only `secret/` exists, and it is KV v2 (`options.version` is a string, as in Vault).
 */
const mountInfo = (c: Context<AppEnv>) => {
  const path = new URL(c.req.url).pathname.replace(/^\/v1\/sys\/internal\/ui\/mounts\/?/, '');
  if (path.split('/')[0] !== MOUNT) throw absent();
  return vaultJson(c, {
    data: {
      accessor: 'kv_coffer',
      config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
      deprecation_status: 'supported',
      description: 'Coffer apps as KV version 2 secrets',
      external_entropy_access: false,
      local: false,
      options: { version: '2' },
      path: `${MOUNT}/`,
      plugin_version: '',
      running_plugin_version: '',
      running_sha256: '',
      seal_wrap: false,
      type: 'kv',
      uuid: '',
    },
    mountType: 'system',
  });
};

export const registerSysRoutes = (v: Hono<AppEnv>) => {
  v.get('/sys/seal-status', sealStatus);
  v.get('/sys/internal/ui/mounts/*', mountInfo);
};

export const SYS_OPERATIONS = {
  'GET /sys/seal-status': 'VaultSealStatus',
  'GET /sys/internal/ui/mounts/*': 'VaultMountInfo',
};
