import type { PrincipalRef } from '../../domain/records.js';
import type { AppScope, OrgScope, ProjectScope } from '../../domain/scope.js';

/**
 * Every key of the table is built here, from a tenant scope, so every partition key starts with the
 * organization id and no call site can forget it.
 *
 *   pk                         sk                                  item
 *   O#{org}                    ORG                                 organization
 *   O#{org}                    GRANT#{type}#{principal}            role grant   (gsi1: PRN#{type}#{principal})
 *   O#{org}                    PROJ#{project}                      project
 *   O#{org}                    CLIENT#{client id}                  client key   (gsi1: CLIENT#{client id})
 *   O#{org}#P#{project}        APP#{app}                           app (with its current data key)
 *   O#{org}#P#{project}#A#{app} S#{secret}                         secret head (latest version + ciphertext)
 *   O#{org}#P#{project}#A#{app} V#{secret}#{gen}#{version:10}      version history
 *
 * Each app's secrets share one partition, so reading all of them is one Query, and apps spread
 * across partitions instead of concentrating an organization's traffic on one.
 */
export const orgPk = (org: OrgScope | string) => `O#${typeof org === 'string' ? org : org.orgId}`;
export const ORG_SK = 'ORG';
export const grantSk = (p: PrincipalRef) => `GRANT#${p.type}#${p.id}`;
export const principalIndexPk = (p: PrincipalRef) => `PRN#${p.type}#${p.id}`;
export const projectSkPrefix = 'PROJ#';
export const projectSk = (projectId: string) => `${projectSkPrefix}${projectId}`;
export const clientSk = (clientId: string) => `CLIENT#${clientId}`;
export const clientIndexPk = (clientId: string) => `CLIENT#${clientId}`;

export const projectPk = (s: ProjectScope) => `O#${s.orgId}#P#${s.projectId}`;
export const appSkPrefix = 'APP#';
export const appSk = (name: string) => `${appSkPrefix}${name}`;

export const appContentsPk = (s: AppScope) => `O#${s.orgId}#P#${s.projectId}#A#${s.app}`;
export const headSkPrefix = 'S#';
export const headSk = (name: string) => `${headSkPrefix}${name}`;
export const versionSkPrefix = (name: string, gen: string) => `V#${name}#${gen}#`;
export const versionSk = (name: string, gen: string, version: number) =>
  `${versionSkPrefix(name, gen)}${String(version).padStart(10, '0')}`;
