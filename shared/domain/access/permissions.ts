import type { Role } from '../principal.js';

/**
 * The role model, as one table. It is what authorization checks, what the permission-matrix test is
 * generated from, and the documentation of the roles (README "Roles").
 *
 * Roles are granted at a scope: admin, contributor and viewer at organization or project scope (an
 * organization grant covers all its projects); app-manager and app-secret-reader at app scope. A
 * caller's permissions are the union over every grant that covers the resource, so the most elevated
 * grant wins. Coffer is stricter than HCP Vault Secrets on purpose: a viewer never sees values.
 */
export const ACTIONS = [
  'organization.read', // see the organization, list its projects
  'organization.manage', // create projects
  'iam.read', // read IAM policies at the resource's scope
  'iam.manage', // change IAM policies, manage service principals and their keys and federation
  'lock.manage', // break-glass lock and unlock
  'audit.read', // read the audit trail
  'project.read', // list apps of a project
  'app.create',
  'app.read', // see an app and its secrets' metadata and version history
  'app.update',
  'app.delete', // delete or purge an app
  'secret.write', // create secrets and versions
  'secret.delete',
  'secret.open', // reveal values
  'integration.manage', // create, replace and delete destination connections (credentials)
  'sync.manage', // create and delete syncs, connect apps to them, trigger runs
] as const;
export type Action = (typeof ACTIONS)[number];

export type GrantScope = 'ORGANIZATION' | 'PROJECT' | 'APP';

export const ROLE_SCOPES: Record<Role, readonly GrantScope[]> = {
  admin: ['ORGANIZATION', 'PROJECT'],
  contributor: ['ORGANIZATION', 'PROJECT'],
  viewer: ['ORGANIZATION', 'PROJECT'],
  'app-manager': ['APP'],
  'app-secret-reader': ['APP'],
};

const VIEW: Action[] = ['organization.read', 'project.read', 'app.read', 'iam.read'];
const WORK: Action[] = [
  ...VIEW,
  'app.create',
  'app.update',
  'app.delete',
  'secret.write',
  'secret.delete',
  'secret.open',
];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  admin: [
    ...WORK,
    'organization.manage',
    'iam.manage',
    'lock.manage',
    'audit.read',
    'integration.manage',
    'sync.manage',
  ],
  contributor: [...WORK, 'sync.manage'],
  viewer: VIEW,
  'app-manager': [
    'app.read',
    'app.update',
    'secret.write',
    'secret.delete',
    'secret.open',
    'iam.read',
    'iam.manage',
    'sync.manage',
  ],
  'app-secret-reader': ['app.read', 'secret.open'],
};

/** Role ids as HCP writes them in policies. */
export const roleId = (role: Role) => `roles/${role}`;
export const roleFromId = (id: string): Role | undefined => {
  const name = id.startsWith('roles/') ? id.slice(6) : undefined;
  return name && name in ROLE_ACTIONS ? (name as Role) : undefined;
};

export const allows = (roles: Iterable<Role>, action: Action): boolean => {
  for (const r of roles) if (ROLE_ACTIONS[r].includes(action)) return true;
  return false;
};

/** Actions refused while the project or organization is locked (break-glass). */
export const LOCKED_ACTIONS: readonly Action[] = [
  'secret.open',
  'secret.write',
  'secret.delete',
  'app.delete',
  'integration.manage',
  'sync.manage',
];
