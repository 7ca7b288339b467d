import type { StoredDataKey } from './crypto/data-keys.js';
import type { SecretSyncStatus } from './sync/records.js';
import type { ActorRef, Role } from './principal.js';

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

/** Who a binding names: a user (by Coffer user id or e-mail address) or a service principal. */
export type MemberType = 'USER' | 'SERVICE_PRINCIPAL';

export interface Member {
  readonly id: string;
  readonly type: MemberType;
}

export interface Binding {
  readonly role: Role;
  readonly members: readonly Member[];
}

/**
 * The access-relevant state of an organization, project or app: its IAM policy and its break-glass
 * lock. It lives on the resource's own item, so one BatchGetItem of (organization, project, app)
 * authorizes a request and proves the resources exist.
 */
export interface AccessState {
  readonly bindings: readonly Binding[];
  readonly etag: string;
  readonly locked?: { readonly at: string; readonly by: ActorRef; readonly reason: string };
}

/** A service principal's client credential. Only a hash of the secret is ever stored. */
export interface ClientKey {
  readonly clientId: string;
  readonly orgId: string;
  readonly principalId: string;
  readonly principalName: string;
  readonly secretHash: Buffer;
  readonly createdAt: string;
  /** Set when the principal is confined to one project; its tokens carry it. */
  readonly principalProjectId?: string;
  /**
   * Where the key is kept among its principal's (one of MAX_KEYS_PER_PRINCIPAL slots, so the limit
   * holds by construction). Filled in by the store.
   */
  readonly slot?: string;
  /** Failed logins with this client id in the current throttling window (see client-login.ts). */
  readonly failedLogins?: { readonly window: number; readonly count: number };
}

export interface AppRecord {
  readonly orgId: string;
  readonly projectId: string;
  /** A UUID fixed at creation (HCP's `resource_id`); a re-created app of the same name gets a new one. */
  readonly resourceId: string;
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
  /**
   * The app revision this version was written at (see AppRevisionState). Revisions of one secret's
   * versions never decrease. Versions written before revisions existed read as 0.
   */
  readonly revision: number;
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
  /** The app revision this incarnation was created at (its first version's revision). */
  readonly createdRevision: number;
  /** Per connected sync, the state of this version at its destination. */
  readonly syncStatus?: Readonly<Record<string, SecretSyncStatus>>;
}

export interface ServicePrincipal {
  readonly id: string;
  readonly orgId: string;
  /** Set for a project-scoped principal; it is then listed under that project. */
  readonly projectId?: string;
  readonly name: string;
  readonly createdAt: string;
  readonly createdBy: ActorRef;
}

/**
 * Workload identity federation: external tokens from `issuer` whose audience is one of `audiences`
 * and whose claims satisfy `conditionalAccess` are exchanged for tokens of the bound principal.
 */
export interface WorkloadIdentityProvider {
  readonly name: string;
  readonly orgId: string;
  readonly principalId: string;
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly conditionalAccess: string;
  readonly description: string;
  readonly createdAt: string;
}

/**
 * An app's revision: a counter that every change to any of its secrets moves forward, through either
 * API (the Vault API shows it as `metadata.version`). It lives on one small item in the app's own
 * partition, so the Query that reads all of an app's secrets reads it too.
 */
export interface AppRevisionState {
  readonly revision: number;
  /** When the current revision was claimed; absent before the first change. */
  readonly revisedAt?: string;
  /** Deleted incarnations of secrets: their history is gone, so revisions they lived in are lost. */
  readonly tombstones: readonly Tombstone[];
  /** Vault `custom_metadata` of the app (string to string). */
  readonly customMetadata?: Readonly<Record<string, string>>;
  /** Vault `cas_required`: every map write must carry `options.cas`. */
  readonly casRequired?: boolean;
}

export interface Tombstone {
  readonly name: string;
  readonly createdRevision: number;
  readonly deletedRevision: number;
}
