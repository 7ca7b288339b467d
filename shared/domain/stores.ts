import type { StoredDataKey } from './crypto/data-keys.js';
import type { ActorRef } from './principal.js';
import type { Page, PageRequest } from './ports.js';
import type {
  AccessState,
  AppRecord,
  AppRevisionState,
  Binding,
  ClientKey,
  Member,
  Organization,
  Project,
  SecretHead,
  ServicePrincipal,
  VersionRecord,
  WorkloadIdentityProvider,
} from './records.js';
import type { AppScope, OrgScope, ProjectScope } from './scope.js';

/**
 * Storage ports. Every method takes a tenant scope (or, for the two lookups that establish one, an
 * id that the adapter still uses as the key prefix). Writes are single conditional item writes.
 */
export interface DirectoryStore {
  /** Creates the organization with `admin` as its only admin. */
  createOrganization(org: Organization, admin: Member): Promise<void>;
  /**
   * Counts one more organization created by `userId`, unless `max` are counted already (then false
   * and nothing changes). One conditional write.
   */
  countOrganizationCreated(userId: string, max: number): Promise<boolean>;
  getOrganization(org: OrgScope): Promise<Organization | undefined>;
  createProject(project: Project, org: OrgScope): Promise<void>;
  getProject(scope: ProjectScope): Promise<Project | undefined>;
  /** The organization a project belongs to (project ids are globally unique). */
  findProjectOrg(projectId: string): Promise<string | undefined>;
  listProjects(org: OrgScope, page: PageRequest): Promise<Page<Project>>;
}

export interface PrincipalStore {
  createServicePrincipal(org: OrgScope, sp: ServicePrincipal): Promise<void>;
  getServicePrincipal(org: OrgScope, id: string): Promise<ServicePrincipal | undefined>;
  /** With `projectId`: only the principals created for that project. */
  listServicePrincipals(
    org: OrgScope,
    page: PageRequest,
    projectId?: string,
  ): Promise<Page<ServicePrincipal>>;
  /** Deletes the principal with its keys and federation providers. */
  deleteServicePrincipal(org: OrgScope, id: string): Promise<void>;
  /** Writes a key outside the slots (the local bootstrap's fixed credential); replaces its secret. */
  putClientKey(org: OrgScope, key: ClientKey): Promise<void>;
  /**
   * Adds a key in a free slot of its principal, one conditional put per slot tried, so concurrent
   * callers can never exceed `slots` keys. False when every slot is taken.
   */
  addClientKey(org: OrgScope, key: ClientKey, slots: number): Promise<boolean>;
  /** Counts a failed login against the key's window; returns the count in that window. */
  recordFailedLogin(key: ClientKey, window: number): Promise<number>;
  listClientKeys(org: OrgScope, principalId: string): Promise<ClientKey[]>;
  deleteClientKey(org: OrgScope, principalId: string, clientId: string): Promise<boolean>;
  /** Finds a live client credential by client id (client ids are globally unique), strongly consistent. */
  findClientKey(clientId: string): Promise<ClientKey | undefined>;
  /** Throws PROVIDER_ALREADY_EXISTS if the name is taken for that principal. */
  createProvider(org: OrgScope, provider: WorkloadIdentityProvider): Promise<void>;
  getProvider(
    org: OrgScope,
    principalId: string,
    name: string,
  ): Promise<WorkloadIdentityProvider | undefined>;
  listProviders(org: OrgScope, principalId: string): Promise<WorkloadIdentityProvider[]>;
  deleteProvider(org: OrgScope, principalId: string, name: string): Promise<boolean>;
}

/** Where a request points: an organization, optionally a project in it, optionally an app in that. */
export interface AccessTarget {
  readonly orgId: string;
  readonly projectId?: string;
  readonly app?: string;
}

export interface AccessRecords {
  readonly org?: AccessState;
  readonly project?: AccessState;
  readonly app?: AccessState;
  /**
   * Token revocations in the organization: subject (see access/revocations.ts) → tokens issued at
   * or before this time (seconds) are refused. Read in the same request as the policies.
   */
  readonly revoked?: Readonly<Record<string, number>>;
}

/** A policy as found when sweeping an organization (to remove a deleted principal everywhere). */
export interface PolicyAt {
  readonly target: AccessTarget;
  readonly level: PolicyLevel;
  readonly state: AccessState;
}

export type PolicyLevel = 'ORGANIZATION' | 'PROJECT' | 'APP';

export interface AccessStore {
  /** Policies and locks of the target's organization, project and app: one request. */
  getAccess(target: AccessTarget): Promise<AccessRecords>;
  /** Replaces a policy if its etag is still `etag`; throws ETAG_MISMATCH otherwise. */
  putPolicy(
    target: AccessTarget,
    level: PolicyLevel,
    bindings: readonly Binding[],
    etag: string,
  ): Promise<AccessState>;
  /** Sets or clears the break-glass lock of an organization or project. */
  setLock(target: AccessTarget, level: PolicyLevel, locked: AccessState['locked'] | undefined): Promise<void>;
  /** Remembers that `member` appears in a policy of the organization (for listing organizations). */
  putMembership(org: OrgScope, member: Member): Promise<void>;
  deleteMembership(org: OrgScope, member: Member): Promise<void>;
  /** Whether `member` appears in some policy of the organization (strongly consistent). */
  isMember(org: OrgScope, member: Member): Promise<boolean>;
  /** Organizations in which any of `members` was granted something. */
  listOrganizationsOf(members: readonly Member[]): Promise<string[]>;
  /**
   * Every policy of the organization (organization, projects, apps), or of one project and its
   * apps. Many requests: for rare administrative sweeps only.
   */
  listPolicies(org: OrgScope, projectId?: string): Promise<PolicyAt[]>;
  /** Records revocations of `subjects` at `at`, dropping those recorded before `forgetBefore`. */
  revoke(org: OrgScope, subjects: readonly string[], at: number, forgetBefore: number): Promise<void>;
}

export interface AppStore {
  /** Throws APP_ALREADY_EXISTS if the name is taken in the project. */
  createApp(scope: AppScope, app: AppRecord): Promise<void>;
  getApp(scope: AppScope, opts?: { consistent?: boolean }): Promise<AppRecord | undefined>;
  listApps(
    scope: ProjectScope,
    page: PageRequest,
    filter?: { nameContains?: string },
  ): Promise<Page<AppRecord>>;
  /** Throws APP_NOT_FOUND if absent. */
  updateApp(
    scope: AppScope,
    patch: { description?: string; updatedAt: string; updatedBy: ActorRef },
  ): Promise<AppRecord>;
  /** Installs `key` as the app's current data key if the current one is still `previousId`. */
  replaceDataKey(scope: AppScope, key: StoredDataKey, previousId: string | undefined): Promise<boolean>;
  adjustSecretCount(scope: AppScope, delta: number): Promise<void>;
  markDeleting(scope: AppScope): Promise<void>;
  /** Deletes the app item; with `ifEmpty` fails with APP_NOT_EMPTY when secrets remain. */
  deleteApp(scope: AppScope): Promise<void>;
}

export interface SecretStore {
  getHead(scope: AppScope, name: string, opts?: { consistent?: boolean }): Promise<SecretHead | undefined>;
  /** The heads that exist among `names` (at most 100), strongly consistent, in one request. */
  getHeads(scope: AppScope, names: readonly string[]): Promise<SecretHead[]>;
  listHeads(
    scope: AppScope,
    page: PageRequest,
    filter?: { nameContains?: string },
  ): Promise<Page<SecretHead>>;
  hasSecrets(scope: AppScope): Promise<boolean>;
  /** Writes a version item unless that version already exists in that incarnation. */
  insertVersion(
    scope: AppScope,
    name: string,
    gen: string,
    record: VersionRecord,
  ): Promise<'inserted' | 'exists'>;
  getVersion(scope: AppScope, name: string, gen: string, version: number): Promise<VersionRecord | undefined>;
  listVersions(scope: AppScope, name: string, gen: string, page: PageRequest): Promise<Page<VersionRecord>>;
  /**
   * Replaces the head if it is still `expected` (same incarnation and latest version), or creates it
   * if `expected` is 'absent'. Returns false when the condition fails.
   */
  commitHead(
    scope: AppScope,
    head: SecretHead,
    expected: { gen: string; version: number } | 'absent',
  ): Promise<boolean>;
  /** Deletes the head if it is still incarnation `gen`. */
  deleteHead(scope: AppScope, name: string, gen: string): Promise<boolean>;
  deleteVersions(scope: AppScope, name: string, gen: string, versions: number[] | 'all'): Promise<void>;
  /** Deletes every item in the app's partition except the app item itself. */
  deleteAppContents(scope: AppScope): Promise<void>;
  /**
   * Moves the app's revision forward by one, in one conditional update, and returns the new
   * revision; `undefined` when `expected` is given and the revision is no longer `expected`.
   * `deleted` records tombstones for incarnations this change deletes.
   */
  claimRevision(scope: AppScope, claim: RevisionClaim): Promise<number | undefined>;
  /** The app's revision state and every secret head: one Query per 1 MB, strongly consistent. */
  readCurrent(scope: AppScope): Promise<{ state: AppRevisionState; heads: SecretHead[] }>;
  /** The revision state, the heads and every kept version of every secret (for reading the past). */
  readHistory(scope: AppScope): Promise<{
    state: AppRevisionState;
    heads: SecretHead[];
    versions: { name: string; gen: string; record: VersionRecord }[];
  }>;
  /** Sets the app's Vault metadata (custom_metadata, cas_required); absent fields stay as they are. */
  setAppMetadata(
    scope: AppScope,
    meta: { customMetadata?: Readonly<Record<string, string>>; casRequired?: boolean },
  ): Promise<void>;
}

export interface RevisionClaim {
  readonly expected?: number;
  readonly deleted?: readonly { name: string; createdRevision: number }[];
  readonly at: string;
  /**
   * Only move a revision counter that exists (the app has been written to and not purged since):
   * such a claim can be sent before the app is checked, as it can never create state for an app
   * that is missing or being purged. Refused (undefined) when there is no counter.
   */
  readonly existingOnly?: boolean;
}
