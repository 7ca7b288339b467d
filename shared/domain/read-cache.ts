/**
 * A per-process cache of reads, for records that may be a few seconds stale (policies, a caller's
 * principal record). Concurrent misses share one in-flight read, so an entry expiring under load
 * causes one read, not a stampede; a failed read is not remembered; the least recently stored entry
 * goes first once `maxEntries` is reached.
 */
export class ReadCache<V> {
  readonly #entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(private readonly options: { ttlMs: number; maxEntries?: number; now?: () => number }) {}

  get(key: string, read: () => Promise<V>): Promise<V> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = read();
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: now + this.options.ttlMs });
    value.catch(() => this.#entries.delete(key));
    if (this.#entries.size > (this.options.maxEntries ?? 10_000)) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return value;
  }

  /** Forgets every entry whose key passes the test. */
  forget(test: (key: string) => boolean): void {
    for (const key of this.#entries.keys()) if (test(key)) this.#entries.delete(key);
  }
}
