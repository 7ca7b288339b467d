import type { StoredDataKey } from './crypto/data-keys.js';
import type { ActorRef, Role } from './principal.js';
import type { Page, PageRequest } from './ports.js';
import type {
  AppRecord,
  ClientKey,
  Grant,
  Organization,
  PrincipalRef,
  Project,
  SecretHead,
  VersionRecord,
} from './records.js';
import type { AppScope, OrgScope, ProjectScope } from './scope.js';

/**
 * Storage ports. Every method takes a tenant scope (or, for the two lookups that establish one, an
 * id that the adapter still uses as the key prefix). Writes are single conditional item writes.
 */
export interface DirectoryStore {
  /** Creates the organization and makes `admin` its admin. */
  createOrganization(org: Organization, admin: PrincipalRef): Promise<void>;
  getOrganization(org: OrgScope): Promise<Organization | undefined>;
  /** The caller's role in an organization: the lookup that authorizes an OrgScope. */
  getRole(orgId: string, principal: PrincipalRef): Promise<Role | undefined>;
  putGrant(org: OrgScope, grant: Grant): Promise<void>;
  listGrantsOf(principal: PrincipalRef): Promise<Grant[]>;
  createProject(project: Project, org: OrgScope): Promise<void>;
  getProject(scope: ProjectScope): Promise<Project | undefined>;
  listProjects(org: OrgScope, page: PageRequest): Promise<Page<Project>>;
  putClientKey(org: OrgScope, key: ClientKey): Promise<void>;
  /** Finds a client credential by client id (an index lookup; client ids are globally unique). */
  findClientKey(clientId: string): Promise<ClientKey | undefined>;
}

export interface AppStore {
  /** Throws APP_ALREADY_EXISTS if the name is taken in the project. */
  createApp(scope: AppScope, app: AppRecord): Promise<void>;
  getApp(scope: AppScope, opts?: { consistent?: boolean }): Promise<AppRecord | undefined>;
  listApps(scope: ProjectScope, page: PageRequest): Promise<Page<AppRecord>>;
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
}
