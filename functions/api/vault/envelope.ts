import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env.js';

/**
 * Vault's response envelope (VAULT_API.md §1). Types are exact because Go clients decode them
 * strictly: `lease_duration` a number, `renewable` a boolean, `warnings` null or strings.
 */
export const vaultJson = (
  c: Context<AppEnv>,
  parts: { data?: unknown; auth?: unknown; mountType?: string; warnings?: string[] },
  status: ContentfulStatusCode = 200,
) =>
  c.json(
    {
      request_id: c.get('requestId'),
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: parts.data ?? null,
      wrap_info: null,
      warnings: parts.warnings ?? null,
      auth: parts.auth ?? null,
      mount_type: parts.mountType ?? '',
    },
    status,
  );

/** 204 with an empty body: deletes and metadata writes. */
export const vaultNoContent = (c: Context<AppEnv>) => c.body(null, 204);
