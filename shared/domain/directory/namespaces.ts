import type { Authorizer } from '../access/authorizer.js';
import { membersOf } from '../access/members.js';
import { CofferError } from '../errors.js';
import type { Principal } from '../principal.js';
import type { Organization, Project } from '../records.js';
import { unsafeOrgScope } from '../scope.js';
import type { AccessStore, DirectoryStore } from '../stores.js';

/** Where a Vault namespace points. Authorization still happens per request, on the app. */
export interface NamespaceTarget {
  readonly orgId: string;
  readonly projectId: string;
}

type Deps = { directory: DirectoryStore; access: AccessStore; authorizer: Authorizer };

/**
 * Resolves a Vault namespace (`X-Vault-Namespace`) to a project among those the caller can reach:
 * the project's name or id, or `org/project` (each by name or id) when names repeat across the
 * caller's organizations. Without a namespace, the caller's only project. Never reveals projects
 * the caller holds no grant in: an unknown namespace and a foreign one fail alike.
 */
export const resolveNamespace = async (
  deps: Deps,
  caller: Principal,
  namespace: string | undefined,
): Promise<NamespaceTarget> => {
  const orgIds = await deps.access.listOrganizationsOf(membersOf(caller));
  const candidates: { org: Organization; project: Project }[] = [];
  for (const orgId of orgIds) {
    const org = await deps.directory.getOrganization(unsafeOrgScope(orgId));
    if (!org) continue;
    let cursor: string | undefined;
    do {
      const page = await deps.directory.listProjects(unsafeOrgScope(orgId), { limit: 100, cursor });
      candidates.push(...page.items.map((project) => ({ org, project })));
      cursor = page.nextCursor;
    } while (cursor);
  }
  const ns = namespace?.trim().replace(/^\/+|\/+$/g, '') ?? '';
  let matches = candidates;
  if (ns) {
    const [first, second] = ns.split('/');
    const is = (x: { id: string; name: string }, s: string | undefined) => x.id === s || x.name === s;
    matches =
      second === undefined
        ? candidates.filter((c) => is(c.project, first))
        : candidates.filter((c) => is(c.org, first) && is(c.project, second));
    if (ns.split('/').length > 2) matches = [];
  } else if (matches.length > 1) {
    // Prefer the projects the caller holds a project-wide grant on.
    const granted = [];
    for (const c of matches) {
      const ok = await deps.authorizer
        .authorizeProject(caller, { orgId: c.org.id, projectId: c.project.id }, 'project.read')
        .then(
          () => true,
          () => false,
        );
      if (ok) granted.push(c);
    }
    if (granted.length === 1) matches = granted;
  }
  const [only, ...more] = matches;
  // No grant anywhere and an unknown namespace look alike: nothing about other tenants leaks.
  if (!only) throw new CofferError('PROJECT_NOT_FOUND', ns ? `namespace ${ns} not found` : 'no project');
  if (more.length > 0) {
    throw new CofferError(
      'INVALID_ARGUMENT',
      ns
        ? `namespace ${ns} names several projects; set X-Vault-Namespace to "organization/project"`
        : 'the caller can reach several projects; set X-Vault-Namespace to the project name or id ' +
            '(or "organization/project")',
    );
  }
  return { orgId: only.org.id, projectId: only.project.id };
};
