import { randomBytes } from 'node:crypto';
import type { KeyProvider } from '../ports.js';
import type { KeyContext } from './aad.js';
import { KEY_ID_BYTES } from './blob.js';
import { cacheKey } from './cache-key.js';
import type { CachedDataKey, DataKeyCache } from './data-key-cache.js';
import { OpenedValues } from './opened-values.js';

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
    /** Values opened under keys of this cache, expiring with them (see opened-values.ts). */
    readonly opened: OpenedValues = new OpenedValues(),
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
    return (await this.unwrapEntry(wrapped, context)).key;
  }

  /** The unwrapped key with the time its cache entry expires (what the opened values follow). */
  async unwrapEntry(wrapped: Uint8Array, context: KeyContext): Promise<CachedDataKey> {
    const id = cacheId(wrapped, context);
    const hit = this.cache.entry(id);
    if (hit) return hit;
    this.stats.decrypt++;
    const plaintext = await this.provider.decryptDataKey(wrapped, context);
    return this.cache.set(id, plaintext);
  }
}

/**
 * The wrapped key's bytes with the context it must be unwrapped under, so that no two (context, key)
 * pairs share an id: a wrapped key copied into another app's blob is no cache hit.
 */
const cacheId = (wrapped: Uint8Array, context: KeyContext): string =>
  cacheKey([context['coffer:org'], context['coffer:project'], context['coffer:app']], wrapped);
