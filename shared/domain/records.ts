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
  readonly locked?: { readonly at: string; readonly by: ActorRef };
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
