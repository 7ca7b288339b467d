import type { Context } from 'hono';
import type { Action } from '../../../shared/domain/access/permissions.js';
import { resolveNamespace, type NamespaceTarget } from '../../../shared/domain/directory/namespaces.js';
import { CofferError } from '../../../shared/domain/errors.js';
import { AppName } from '../../../shared/domain/names.js';
import type { AppScope, ProjectScope } from '../../../shared/domain/scope.js';
import type { Services } from '../../../shared/runtime/services.js';
import type { AppEnv } from '../env.js';
import { authorizeApp, authorizeProject } from '../route-kit.js';

/**
 * Namespace resolutions are reused for 5 minutes per caller and namespace, so a warm Vault read
 * costs what the HCP read of the same data costs. That is safe for so long because the resolution
 * only picks the project (project ids never change): every request is still authorized on it, with
 * its grants and locks, through the authorizer's own short cache.
 */
const NAMESPACE_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;
const caches = new WeakMap<Services, Map<string, { target: Promise<NamespaceTarget>; until: number }>>();

const namespaceOf = (c: Context<AppEnv>): Promise<NamespaceTarget> => {
  const services = c.get('services');
  const principal = c.get('principal');
  let cache = caches.get(services);
  if (!cache) caches.set(services, (cache = new Map()));
  const ns = c.req.header('x-vault-namespace') ?? '';
  const key = `${principal.type}/${principal.id}/${ns}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.target;
  const target = resolveNamespace(services, principal, ns || undefined);
  cache.delete(key);
  cache.set(key, { target, until: now + NAMESPACE_TTL_MS });
  target.catch(() => cache.delete(key));
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return target;
};

/**
 * The namespace's project, authorized for `action` by the HCP routes' own helper (which also sets
 * the audit target and starts a revealing request's audit write).
 */
export const vaultProject = async (c: Context<AppEnv>, action: Action): Promise<ProjectScope> => {
  const t = await namespaceOf(c);
  return authorizeProject(c, { organization_id: t.orgId, project_id: t.projectId }, action);
};

/** An app of the namespace's project (the Vault path's first segment), authorized for `action`. */
export const vaultApp = async (c: Context<AppEnv>, app: string, action: Action): Promise<AppScope> => {
  const t = await namespaceOf(c);
  const scope = await authorizeApp(
    c,
    { organization_id: t.orgId, project_id: t.projectId, app_name: app },
    action,
  );
  // A name Coffer could never hold is simply absent, as any other missing Vault path.
  if (!AppName.safeParse(app).success) throw new CofferError('APP_NOT_FOUND', 'no such path');
  return scope;
};
