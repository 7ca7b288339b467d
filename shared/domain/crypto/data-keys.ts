import { createHash, randomBytes } from 'node:crypto';
import type { KeyProvider } from '../ports.js';
import { keyContextBytes, type KeyContext } from './aad.js';
import { KEY_ID_BYTES } from './blob.js';
import type { DataKeyCache } from './data-key-cache.js';

/** An app's data key as stored: its id and wrapped bytes, never its plaintext. */
export interface StoredDataKey {
  readonly id: string; // hex, 16 random bytes
  readonly wrapped: Buffer;
  readonly createdAt: string;
}

export interface UsableDataKey extends StoredDataKey {
  readonly plaintext: Buffer;
}

/** Counts calls to the key provider, so tests and the benchmark can show the cache works. */
export interface KeyProviderStats {
  generate: number;
  decrypt: number;
}

/**
 * Data keys for envelope encryption: creation through the key provider, and unwrapping through an
 * in-memory cache so steady-state reads make no key-service call.
 */
export class DataKeys {
  readonly stats: KeyProviderStats = { generate: 0, decrypt: 0 };

  constructor(
    private readonly provider: KeyProvider,
    private readonly cache: DataKeyCache,
  ) {}

  async create(context: KeyContext, now: Date): Promise<UsableDataKey> {
    this.stats.generate++;
    const { plaintext, wrapped } = await this.provider.generateDataKey(context);
    this.cache.set(cacheId(wrapped, context), plaintext);
    return {
      id: randomBytes(KEY_ID_BYTES).toString('hex'),
      wrapped,
      plaintext,
      createdAt: now.toISOString(),
    };
  }

  async unwrap(wrapped: Uint8Array, context: KeyContext): Promise<Buffer> {
    const id = cacheId(wrapped, context);
    const hit = this.cache.get(id);
    if (hit) return hit;
    this.stats.decrypt++;
    const plaintext = await this.provider.decryptDataKey(wrapped, context);
    this.cache.set(id, plaintext);
    return plaintext;
  }
}

const cacheId = (wrapped: Uint8Array, context: KeyContext): string =>
  createHash('sha256').update(wrapped).update(keyContextBytes(context)).digest('base64');
