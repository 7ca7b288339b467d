import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import type { RetiredSigningKey } from '../../domain/identity/access-tokens.js';
import { LocalSigningKey } from './local-signing-key.js';

interface KeyFile {
  keys: { jwk: JWK; created_at: string; retired_at?: string }[];
}

/**
 * The local process's token-signing keys in `signing-keys.json` (mode 0600). The current key is
 * replaced once it is `rotateAfterDays` old; a replaced key stays published until every token it
 * signed has expired, then it is dropped.
 */
export const openLocalSigningKeys = async (
  dataDir: string,
  opts: { now: Date; rotateAfterDays: number; tokenTtlSeconds: number },
): Promise<{ current: LocalSigningKey; previous: RetiredSigningKey[] }> => {
  const path = join(dataDir, 'signing-keys.json');
  let file: KeyFile;
  try {
    file = JSON.parse(await readFile(path, 'utf8')) as KeyFile;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(
        `token signing keys ${path} are unreadable; restore the file or delete it to issue new tokens`,
        { cause: e },
      );
    }
    file = { keys: [] };
  }
  const retireAfter = (retiredAt: string) =>
    new Date(Date.parse(retiredAt) + (opts.tokenTtlSeconds + 60) * 1000);
  let changed = false;
  let current = file.keys.find((k) => !k.retired_at);
  if (current && opts.now.getTime() - Date.parse(current.created_at) > opts.rotateAfterDays * 86_400_000) {
    current.retired_at = opts.now.toISOString();
    current = undefined;
  }
  if (!current) {
    current = { jwk: await LocalSigningKey.generate().privateJwk(), created_at: opts.now.toISOString() };
    file.keys.unshift(current);
    changed = true;
  }
  const before = file.keys.length;
  file.keys = file.keys.filter((k) => !k.retired_at || retireAfter(k.retired_at) > opts.now);
  changed ||= file.keys.length !== before;
  if (changed) {
    await writeFile(`${path}.tmp`, JSON.stringify(file, null, 2), { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }
  return {
    current: LocalSigningKey.fromJwk(current.jwk),
    previous: file.keys
      .filter((k): k is typeof k & { retired_at: string } => k.retired_at !== undefined)
      .map((k) => ({ key: LocalSigningKey.fromJwk(k.jwk), retireAfter: retireAfter(k.retired_at) })),
  };
};
