import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { secretStore } from './auth/store.js';
import { dirs } from './paths.js';
import type { NamedValue } from './formats/types.js';

/**
 * The offline copy of the values `run` and `export` last fetched, one file per (address, organization,
 * project, app), sealed with AES-256-GCM. The 32-byte key is random and kept in the OS keychain; where
 * there is none it is derived (HKDF-SHA256) from the signed-in principal's stable secret, so a copy of
 * the cache directory alone opens nothing. The file's identity is bound as associated data, so one
 * app's file cannot be passed off as another's.
 */
const FORMAT = 1;
const KEY_ACCOUNT = 'offline-cache-key';

export interface CacheIdentity {
  addr: string;
  org: string;
  project: string;
  app: string;
}

interface Sealed {
  v: number;
  fetched_at: string;
  iv: string;
  tag: string;
  data: string;
}

export interface CachedValues {
  fetchedAt: Date;
  secrets: NamedValue[];
}

const idString = (id: CacheIdentity) => JSON.stringify([id.addr, id.org, id.project, id.app]);
const fileFor = (env: NodeJS.ProcessEnv, id: CacheIdentity) =>
  join(
    dirs(env).cache,
    'offline',
    `${createHash('sha256').update(idString(id)).digest('hex').slice(0, 32)}.json`,
  );

/** The cache key, or undefined when there is neither a keychain nor stable principal material. */
export const cacheKey = async (
  env: NodeJS.ProcessEnv,
  seed: string | undefined,
): Promise<Buffer | undefined> => {
  const store = await secretStore(env);
  if (store.kind === 'keychain') {
    const existing = await store.get(KEY_ACCOUNT);
    const key = existing ? Buffer.from(existing, 'base64') : undefined;
    if (key?.length === 32) return key;
    const fresh = randomBytes(32);
    await store.set(KEY_ACCOUNT, fresh.toString('base64'));
    return fresh;
  }
  if (!seed) return undefined;
  return Buffer.from(hkdfSync('sha256', seed, 'coffer-cli-offline-cache', 'aes-256-gcm key v1', 32));
};

export const writeCache = async (
  env: NodeJS.ProcessEnv,
  key: Buffer,
  id: CacheIdentity,
  secrets: NamedValue[],
) => {
  const iv = randomBytes(12);
  const fetchedAt = new Date().toISOString();
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(`${idString(id)}|${fetchedAt}`));
  const data = Buffer.concat([c.update(JSON.stringify(secrets), 'utf8'), c.final()]);
  const sealed: Sealed = {
    v: FORMAT,
    fetched_at: fetchedAt,
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  const file = fileFor(env, id);
  await mkdir(join(dirs(env).cache, 'offline'), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(sealed), { mode: 0o600 });
  await rename(tmp, file);
};

/** The cached values, or undefined when there is no readable copy (missing, other key, tampered). */
export const readCache = async (
  env: NodeJS.ProcessEnv,
  key: Buffer,
  id: CacheIdentity,
): Promise<CachedValues | undefined> => {
  let sealed: Sealed;
  try {
    sealed = JSON.parse(await readFile(fileFor(env, id), 'utf8')) as Sealed;
  } catch {
    return undefined;
  }
  if (sealed.v !== FORMAT) return undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    d.setAAD(Buffer.from(`${idString(id)}|${sealed.fetched_at}`));
    d.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const text = Buffer.concat([d.update(Buffer.from(sealed.data, 'base64')), d.final()]).toString('utf8');
    return { fetchedAt: new Date(sealed.fetched_at), secrets: JSON.parse(text) as NamedValue[] };
  } catch {
    return undefined;
  }
};
