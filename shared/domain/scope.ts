/**
 * Tenant scopes. Every storage key is built from one of these, and only the access layer
 * (identity/org-access.ts) creates the root scope, after checking the caller's grant. The brands
 * stop a call site from building a scope out of request data it has not authorized; a narrower
 * scope (an app) can be used wherever a wider one (its project, its organization) is expected.
 */
declare const orgBrand: unique symbol;
declare const projectBrand: unique symbol;
declare const appBrand: unique symbol;

export interface OrgScope {
  readonly orgId: string;
  readonly [orgBrand]: true;
}

export interface ProjectScope extends OrgScope {
  readonly projectId: string;
  readonly [projectBrand]: true;
}

export interface AppScope extends ProjectScope {
  readonly app: string;
  readonly [appBrand]: true;
}

/** Only for the access layer, the local bootstrap and tests: mints the root of a tenant's scope. */
export const unsafeOrgScope = (orgId: string): OrgScope => ({ orgId }) as OrgScope;

export const projectScope = (org: OrgScope, projectId: string): ProjectScope =>
  ({ orgId: org.orgId, projectId }) as ProjectScope;

export const appScope = (project: ProjectScope, app: string): AppScope =>
  ({ orgId: project.orgId, projectId: project.projectId, app }) as AppScope;
