import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { Action } from '../../shared/domain/access/permissions.js';
import { CofferError } from '../../shared/domain/errors.js';
import type { AppScope, OrgScope, ProjectScope } from '../../shared/domain/scope.js';
import type { AppEnv } from './env.js';
import { ErrorBody } from './schemas.js';
import { DEFAULT_PAGE_SIZE, Empty } from './schemas/common.js';

/** Small helpers every route module uses, so routes read as what they do. */

export const jsonBody = <T extends z.ZodType>(schema: T, description = 'request body') => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

export const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
});

const errorContent = { 'application/json': { schema: ErrorBody } };
export const errors = {
  400: { description: 'invalid argument', content: errorContent },
  401: { description: 'missing or invalid token', content: errorContent },
  403: { description: 'the caller may see the resource but not do this', content: errorContent },
  404: { description: 'not found, or in an organization the caller cannot see', content: errorContent },
  412: { description: 'not allowed in the resource’s state (e.g. locked)', content: errorContent },
  503: { description: 'a dependency is unavailable; safe to retry', content: errorContent },
};
export const bearer = [{ bearerAuth: [] }];

/**
 * Declared on a route whose answer contains secret values (spread into `createRoute`). The audit
 * middleware reads it from the route definitions: such an answer leaves only after its audit event
 * is durable, and that write starts the moment authorization passes (functions/api/audit.ts).
 */
export const revealsValues = { 'x-coffer-reveals-values': true } as const;

/** Refusals that prove the caller holds a grant in the organization (it is one of its members). */
const MEMBER_REFUSALS: ReadonlySet<string> = new Set([
  'PERMISSION_DENIED',
  'PROJECT_NOT_FOUND',
  'RESOURCE_LOCKED',
]);

/**
 * Runs an authorization decision and tells the audit middleware what it learned: the organization
 * is the request's audit target only once the caller is known to hold a grant there, so a stranger
 * naming an organization cannot write into its trail (the event goes to the deployment's own).
 */
const decided = async <S>(
  c: Context<AppEnv>,
  target: { orgId: string; projectId?: string },
  decide: () => Promise<{ scope: S }>,
): Promise<S> => {
  try {
    const { scope } = await decide();
    c.set('auditTarget', target);
    c.get('auditAuthorized')?.();
    return scope;
  } catch (e) {
    if (e instanceof CofferError && MEMBER_REFUSALS.has(e.code)) c.set('auditTarget', target);
    throw e;
  }
};

/**
 * Authorization for a route: the caller must hold a grant covering the target that allows `action`.
 * Also records the target for the request's audit event.
 */
export const authorizeOrg = (c: Context<AppEnv>, orgId: string, action: Action): Promise<OrgScope> =>
  decided(c, { orgId }, () => c.get('services').authorizer.authorizeOrg(c.get('principal'), orgId, action));

export const authorizeProject = (
  c: Context<AppEnv>,
  p: { organization_id: string; project_id: string },
  action: Action,
): Promise<ProjectScope> => {
  const target = { orgId: p.organization_id, projectId: p.project_id };
  return decided(c, target, () =>
    c.get('services').authorizer.authorizeProject(c.get('principal'), target, action),
  );
};

export const authorizeApp = (
  c: Context<AppEnv>,
  p: { organization_id: string; project_id: string; app_name: string },
  action: Action,
): Promise<AppScope> => {
  const target = { orgId: p.organization_id, projectId: p.project_id, app: p.app_name };
  return decided(c, { orgId: p.organization_id, projectId: p.project_id }, () =>
    c.get('services').authorizer.authorizeApp(c.get('principal'), target, action),
  );
};

export const pageRequest = (q: { 'pagination.page_size'?: number }, cursor: string | undefined) => ({
  limit: q['pagination.page_size'] || DEFAULT_PAGE_SIZE,
  cursor,
});

/** `responses` for an operation that answers `{}` (HCP's empty responses). */
export const okEmpty = (description: string) => ok(Empty, description);
