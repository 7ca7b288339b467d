/**
 * The port every sync destination implements (GitHub Actions, Vercel, AWS Secrets Manager, GCP Secret
 * Manager, Azure Key Vault). The engine (engine.ts) decides what to do; a destination only lists,
 * writes and deletes, and says how a Coffer secret name maps onto its own naming rules.
 */
export type DestinationKind = 'github' | 'vercel' | 'aws' | 'gcp' | 'azure';

/** An entry as the destination reports it. Values are never read back (GitHub and Vercel cannot). */
export interface DestinationEntry {
  /** The destination's own name for the entry (after mapping). */
  readonly name: string;
  /** When the destination last changed it, if it says (RFC 3339); used to notice outside edits. */
  readonly updatedAt?: string;
}

export type NameMapping =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly reason: string };

export interface Destination {
  readonly kind: DestinationKind;
  /**
   * The destination name for a Coffer secret name, by a documented, reversible rule per destination,
   * or the reason it cannot be held there (the engine reports that secret as FAILED, never drops it).
   */
  mapName(secretName: string): NameMapping;
  /** Every entry in the configured scope, all pages. */
  list(): Promise<DestinationEntry[]>;
  /** Creates or replaces the entry's value. `exists` says which the engine expects. */
  put(name: string, value: string, exists: boolean): Promise<void>;
  /** Removes the entry (a missing entry is not an error). */
  delete(name: string): Promise<void>;
}

/**
 * Errors a destination client throws: a stable code for sync status (never the value), whether a
 * retry could help, and how long the destination asked us to wait.
 */
export class DestinationError extends Error {
  override readonly name = 'DestinationError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
