/**
 * In-memory cache of unwrapped data keys, bounded by entry count and age like the AWS Encryption
 * SDK's caching materials manager, so a warm process makes no key-service call on the read path.
 * Entries are keyed by a digest of (wrapped key, context), so a key is only reused under the exact
 * context it was unwrapped with.
 */
export interface DataKeyCacheOptions {
  /** Most keys held at once; the least recently used is evicted first. Default 1,000. */
  readonly maxEntries?: number;
  /** How long an unwrapped key may be reused before the key service is asked again. Default 5 min. */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_CACHE_MAX_ENTRIES = 1000;
export const DEFAULT_CACHE_MAX_AGE_MS = 5 * 60_000;

export interface CachedDataKey {
  readonly key: Buffer;
  readonly expiresAt: number;
}

export class DataKeyCache {
  readonly #entries = new Map<string, CachedDataKey>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(opts: DataKeyCacheOptions = {}) {
    this.#maxEntries = opts.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES;
    this.#maxAgeMs = opts.maxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS;
    this.#now = opts.now ?? Date.now;
  }

  get(id: string): Buffer | undefined {
    return this.entry(id)?.key;
  }

  /** The key with the time (ms since the epoch) it stops being reused. */
  entry(id: string): CachedDataKey | undefined {
    const hit = this.#entries.get(id);
    if (!hit) return undefined;
    this.#entries.delete(id);
    if (hit.expiresAt <= this.#now()) return undefined;
    this.#entries.set(id, hit); // refresh recency
    return hit;
  }

  set(id: string, key: Buffer): CachedDataKey {
    const entry = { key, expiresAt: this.#now() + this.#maxAgeMs };
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    while (this.#entries.size > this.#maxEntries) {
      // Keys are not zeroed on eviction: a request may still hold the buffer across an await.
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return entry;
  }

  get size(): number {
    return this.#entries.size;
  }
}
