import type { Member } from '../../domain/records.js';
import type { AppScope, OrgScope, ProjectScope } from '../../domain/scope.js';

/**
 * Every key of the table is built here, from a tenant scope, so every partition key starts with the
 * organization id and no call site can forget it.
 *
 *   pk                         sk                                  item
 *   O#{org}                    ORG                                 organization
 *   O#{org}                    MEMBER#{type}#{id}                  membership   (gsi1: PRN#{type}#{id})
 *   O#{org}                    PROJ#{project}                      project      (gsi1: PROJECT#{project})
 *   O#{org}                    SP#{principal}                      service principal
 *   O#{org}                    SPKEY#{principal}#slot-{0..4}       client key   (gsi1: CLIENT#{client id})
 *   O#{org}                    WIP#{principal}#{provider}          workload identity provider
 *   O#{org}                    AUDITKEY                            wrapped HMAC key for audit identifiers
 *   O#_user#{user id}          ORGQUOTA                            organizations a user created (no tenant yet)
 *   O#{org}                    REVOKED                             token revocations (read with every policy)
 *   O#{org}#AUDIT#{yyyy-mm-dd}#{shard} {time}#{request id}         audit event (expires by TTL; 16 shards a day)
 *   O#{org}#P#{project}        APP#{app}                           app (with its current data key)
 *   O#{org}#P#{project}#A#{app} REV                                app revision, tombstones, Vault metadata
 *   O#{org}#P#{project}#A#{app} S#{secret}                         secret head (latest version + ciphertext)
 *   O#{org}#P#{project}#A#{app} V#{secret}#{gen}#{version:10}      version history
 *   O#{org}#P#{project}#A#{app} SYNC#{sync}#E#{secret}             what Coffer pushed to a destination
 *   O#{org}#P#{project}#A#{app} SYNCSTATUS#{sync}                  a sync's last run for the app
 *   O#{org}                    INTEG#{project}#{name}              integration (sealed connection)
 *   O#{org}                    SYNC#{project}#{name}               sync configuration
 *   U#{user}                   SESSION#{sha256(secret)}            browser session (expires by TTL)
 *   LOGIN#{sha256(tx id)}      LOGIN                               sign-in in progress (TTL, 10 min)
 *
 * Sessions belong to a person, who may hold grants in many organizations, so their partition is
 * the user's own (the tenant of a session is the user). A login in progress has no user yet: its
 * key is the hash of a 256-bit random id only the browser holds. See docs/SIGN-IN.md.
 *
 * Each app's secrets share one partition, so reading all of them is one Query, and apps spread
 * across partitions instead of concentrating an organization's traffic on one.
 */
export const orgPk = (org: OrgScope | string) => `O#${typeof org === 'string' ? org : org.orgId}`;
export const ORG_SK = 'ORG';
export const memberSk = (m: Member) => `MEMBER#${m.type}#${m.id}`;
export const memberIndexPk = (m: Member) => `PRN#${m.type}#${m.id}`;
export const projectSkPrefix = 'PROJ#';
export const projectSk = (projectId: string) => `${projectSkPrefix}${projectId}`;
export const projectIndexPk = (projectId: string) => `PROJECT#${projectId}`;
export const spSkPrefix = 'SP#';
export const spSk = (id: string) => `${spSkPrefix}${id}`;
export const clientKeySkPrefix = (principalId: string) => `SPKEY#${principalId}#`;
export const clientKeySk = (principalId: string, clientId: string) =>
  `${clientKeySkPrefix(principalId)}${clientId}`;
export const providerSkPrefix = (principalId: string) => `WIP#${principalId}#`;
export const providerSk = (principalId: string, name: string) => `${providerSkPrefix(principalId)}${name}`;
export const clientIndexPk = (clientId: string) => `CLIENT#${clientId}`;

export const AUDIT_KEY_SK = 'AUDITKEY';
export const REVOKED_SK = 'REVOKED';
/** Per-user, outside any tenant: under the reserved pseudo-organization `_user`. */
export const userQuotaPk = (userId: string) => `O#_user#${userId}`;
export const ORG_QUOTA_SK = 'ORGQUOTA';
/** Partitions one organization's audit events of one UTC day are spread over (see audit-store.ts). */
export const AUDIT_SHARDS = 16;
export const auditPk = (orgId: string, day: string, shard: number) =>
  `O#${orgId}#AUDIT#${day}#${String(shard).padStart(2, '0')}`;

export const projectPk = (s: ProjectScope) => `O#${s.orgId}#P#${s.projectId}`;
export const appSkPrefix = 'APP#';
export const appSk = (name: string) => `${appSkPrefix}${name}`;

export const appContentsPk = (s: AppScope) => `O#${s.orgId}#P#${s.projectId}#A#${s.app}`;
export const headSkPrefix = 'S#';
/** Sorts just before the heads ('R' < 'S'), so one range Query reads the revision with them. */
export const REVISION_SK = 'REV';
/** Upper bounds (exclusive in practice: no item has these keys) of the current and history ranges. */
export const HEADS_END = 'S$';
export const VERSIONS_END = 'V$';
export const headSk = (name: string) => `${headSkPrefix}${name}`;
export const versionSkPrefix = (name: string, gen: string) => `V#${name}#${gen}#`;
export const versionSk = (name: string, gen: string, version: number) =>
  `${versionSkPrefix(name, gen)}${String(version).padStart(10, '0')}`;

export const integrationSkPrefix = (projectId: string) => `INTEG#${projectId}#`;
export const integrationSk = (projectId: string, name: string) => `${integrationSkPrefix(projectId)}${name}`;
export const syncSkPrefix = (projectId: string) => `SYNC#${projectId}#`;
export const syncSk = (projectId: string, name: string) => `${syncSkPrefix(projectId)}${name}`;
export const entryStateSkPrefix = (sync: string) => `SYNC#${sync}#E#`;
export const entryStateSk = (sync: string, secret: string) => `${entryStateSkPrefix(sync)}${secret}`;
export const appSyncStatusSkPrefix = 'SYNCSTATUS#';
export const appSyncStatusSk = (sync: string) => `${appSyncStatusSkPrefix}${sync}`;
/** gsi1 partition listing every app connected to at least one sync (read by the scheduler only). */
export const SYNCED_APPS_INDEX_PK = 'SYNCED_APPS';

export const userPk = (userId: string) => `U#${userId}`;
export const sessionSkPrefix = 'SESSION#';
export const sessionSk = (secretHash: string) => `${sessionSkPrefix}${secretHash}`;
export const loginPk = (idHash: string) => `LOGIN#${idHash}`;
export const LOGIN_SK = 'LOGIN';
