import type { ValueBinding } from './aad.js';
import { cacheKey } from './cache-key.js';

/**
 * Values this process has already opened, so a warm read of a secret that has not changed costs a
 * lookup instead of a blob parse, an AAD encoding and an AES-GCM open (an open-all of 100 secrets
 * spends most of its handler time on those). Readers poll: external-secrets and `coffer run` ask for
 * the same versions again and again.
 *
 * What it may not change:
 * - Every read still fetches its item, and is still authorized and audited. The memo answers only
 *   "what do these exact stored bytes open to?", keyed by the whole blob (key id, wrapped key, nonce,
 *   ciphertext, tag) and the whole binding (organization, project, app, name, version). Other bytes,
 *   or the same bytes under another binding, are a miss and go through AES-GCM, which refuses them.
 * - Nothing is readable for longer than today: an entry expires when the cached data key it was
 *   opened with does (DataKeyCache's max age). Revoking the KMS key stops reads on the same schedule,
 *   and while the key is cached this process could open those bytes anyway.
 * - Memory is bounded: past `maxBytes` the oldest entries go first.
 * Failures are never remembered, so a tampered item fails on every read.
 */
export interface OpenedValuesOptions {
  /** Budget for keys and values, counted at two bytes a character. Default 16 MiB. */
  readonly maxBytes?: number;
  readonly now?: () => number;
}

export const DEFAULT_OPENED_VALUES_MAX_BYTES = 16 * 1024 * 1024;

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
  readonly bytes: number;
}

export class OpenedValues {
  readonly #entries = new Map<string, Entry>();
  readonly #maxBytes: number;
  readonly #now: () => number;
  #bytes = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(opts: OpenedValuesOptions = {}) {
    this.#maxBytes = opts.maxBytes ?? DEFAULT_OPENED_VALUES_MAX_BYTES;
    this.#now = opts.now ?? Date.now;
  }

  get(id: string): string | undefined {
    const hit = this.#entries.get(id);
    if (hit && hit.expiresAt > this.#now()) {
      this.stats.hits++;
      return hit.value;
    }
    if (hit) this.#remove(id, hit);
    this.stats.misses++;
    return undefined;
  }

  /** Remembers an opened value until `expiresAt` (the data key's expiry), within the byte budget. */
  set(id: string, value: string, expiresAt: number): void {
    const bytes = 2 * (id.length + value.length);
    if (bytes > this.#maxBytes || expiresAt <= this.#now()) return;
    const old = this.#entries.get(id);
    if (old) this.#remove(id, old);
    this.#entries.set(id, { value, expiresAt, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#remove(oldest, entry);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  #remove(id: string, entry: Entry): void {
    this.#entries.delete(id);
    this.#bytes -= entry.bytes;
  }
}

/** The memo's key: every binding field, then the whole blob. */
export const openedValueId = (b: ValueBinding, blob: Uint8Array): string =>
  cacheKey([b.orgId, b.projectId, b.app, b.secret, String(b.version)], blob);
