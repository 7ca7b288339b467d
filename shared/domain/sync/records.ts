import type { ActorRef } from '../principal.js';
import type { DestinationKind } from './destination.js';

/** A destination connection. Its credentials are sealed like a secret value and never returned. */
export interface Integration {
  readonly name: string;
  readonly provider: DestinationKind;
  /** Sealed JSON of the provider's connection (credentials, base URL). */
  readonly connectionBlob: Buffer;
  /** Bumped when the connection is replaced; part of the ciphertext's binding. */
  readonly revision: number;
  readonly createdAt: string;
  readonly createdBy: ActorRef;
  readonly updatedAt: string;
}

export type DeleteBehavior = 'DELETE' | 'LEAVE';

/** Where an integration's destination receives an app's secrets. */
export interface SyncConfig {
  readonly name: string;
  readonly integrationName: string;
  readonly provider: DestinationKind;
  /** Provider-specific destination settings (validated by the adapter's schema). */
  readonly target: Readonly<Record<string, unknown>>;
  /** What happens at the destination when a secret is deleted in Coffer. Default DELETE. */
  readonly deleteBehavior: DeleteBehavior;
  readonly createdAt: string;
  readonly createdBy: ActorRef;
}

export type SecretSyncState = 'PENDING' | 'SYNCED' | 'FAILED' | 'CONFLICT';

export interface SecretSyncStatus {
  readonly status: SecretSyncState;
  readonly lastErrorCode: string;
  readonly updatedAt: string;
}

/**
 * What Coffer knows of one secret at one sync's destination. `owned` records that Coffer created the
 * entry ('pending' is written just before a create, so a crash after the destination accepted it
 * is still recognised as Coffer's). Only owned entries are ever updated or deleted.
 */
export interface EntryState {
  readonly secretName: string;
  readonly destName: string;
  readonly owned: 'yes' | 'pending' | 'no';
  /** HMAC of the value last pushed (never the value, never a plain hash of it). */
  readonly hash: string;
  readonly version: number;
  readonly destUpdatedAt?: string;
  readonly status: SecretSyncState;
  readonly lastErrorCode: string;
  readonly updatedAt: string;
}

export interface AppSyncStatus {
  readonly sync: string;
  readonly status: 'SYNCED' | 'FAILED' | 'PENDING' | 'CONFLICT';
  readonly lastSyncAt: string;
  readonly lastErrorCode: string;
  readonly counts: Readonly<Record<string, number>>;
}
