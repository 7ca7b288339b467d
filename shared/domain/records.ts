import type { StoredDataKey } from './crypto/data-keys.js';
import type { ActorRef, PrincipalType, Role } from './principal.js';

/** What the stores hold. Plain data: no HTTP shapes, no DynamoDB attribute maps. */

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Project {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly description: string;
  readonly createdAt: string;
}

export interface PrincipalRef {
  readonly id: string;
  readonly type: PrincipalType;
}

export interface Grant {
  readonly orgId: string;
  readonly orgName: string;
  readonly principal: PrincipalRef;
  readonly role: Role;
}

/** A service principal's client credential. Only a hash of the secret is ever stored. */
export interface ClientKey {
  readonly clientId: string;
  readonly orgId: string;
  readonly principalId: string;
  readonly principalName: string;
  readonly secretHash: Buffer;
  readonly createdAt: string;
}

export interface AppRecord {
  readonly orgId: string;
  readonly projectId: string;
  readonly name: string;
  readonly description: string;
  readonly secretCount: number;
  readonly syncNames: readonly string[];
  /** How many versions of each secret are kept; older ones are pruned. */
  readonly maxVersions: number;
  readonly createdAt: string;
  readonly createdBy: ActorRef;
  readonly updatedAt: string;
  readonly updatedBy: ActorRef;
  readonly dataKey?: StoredDataKey;
  /** Set while a purge is under way; writers refuse to add to such an app. */
  readonly deleting?: boolean;
}

export interface VersionRecord {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: ActorRef;
  /** Sealed value (see crypto/blob.ts); never plaintext. */
  readonly blob: Buffer;
}

/**
 * The head item of a secret: what readers use. It carries the latest version with its ciphertext, so
 * reading a secret's current value is one GetItem. `gen` identifies this incarnation of the name:
 * versions written under a deleted incarnation can never be mistaken for the current one's.
 */
export interface SecretHead {
  readonly name: string;
  readonly gen: string;
  readonly latest: VersionRecord;
  readonly versionCount: number;
  readonly createdAt: string;
  readonly createdBy: ActorRef;
}
