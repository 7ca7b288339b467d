import type { Context } from 'hono';
import type { z } from 'zod';
import { CofferError } from '../../../shared/domain/errors.js';
import { SecretName } from '../../../shared/domain/names.js';
import type { AppEnv } from '../env.js';

/** The only KV v2 mount Coffer serves (README "Vault API"). */
export const MOUNT = 'secret';

/**
 * What a KV path names: `{app}` (the app's secrets as one map) or `{app}/{SECRET}` (one secret as
 * `{"value": ...}`). Anything deeper, or a name Coffer cannot hold, is an absent path (404).
 */
export interface KvPath {
  readonly app: string;
  readonly secret?: string;
}

/** The segments after `/v1/{mount}/{operation}/` of the request's public path. */
export const kvPath = (c: Context<AppEnv>, operation: string): KvPath | undefined => {
  const path = new URL(c.req.url).pathname;
  const prefix = `/v1/${MOUNT}/${operation}`;
  if (!path.startsWith(prefix)) throw absent();
  const parts = path.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return undefined;
  if (parts.length > 2) throw absent();
  const [app, secret] = parts as [string, string | undefined];
  if (secret !== undefined && !SecretName.safeParse(secret).success) throw absent();
  return secret === undefined ? { app } : { app, secret };
};

/** A mount other than `secret` does not exist. */
export const requireMount = (c: Context<AppEnv>) => {
  if (c.req.param('mount') !== MOUNT) throw absent();
};

export const absent = () => new CofferError('SECRET_NOT_FOUND', 'no such path');

/** `?version=N`; 0 or absent means the latest, as in Vault. */
export const versionQuery = (c: Context<AppEnv>): number | undefined => {
  const raw = c.req.query('version');
  if (raw === undefined || raw === '' || raw === '0') return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new CofferError('INVALID_ARGUMENT', 'version must be a number');
  return Number(raw);
};

/** The JSON body, parsed with `schema`; a clear 400 otherwise. */
export const jsonBody = async <T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> => {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new CofferError('INVALID_ARGUMENT', 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new CofferError('INVALID_ARGUMENT', issues.join('; '));
  }
  return parsed.data;
};
