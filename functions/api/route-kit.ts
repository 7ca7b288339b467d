import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { Action } from '../../shared/domain/access/permissions.js';
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
 * Authorization for a route: the caller must hold a grant covering the target that allows `action`.
 * Also records the target for the request's audit event.
 */
export const authorizeOrg = async (c: Context<AppEnv>, orgId: string, action: Action): Promise<OrgScope> => {
  c.set('auditTarget', { orgId });
  return (await c.var.services.authorizer.authorizeOrg(c.var.principal, orgId, action)).scope;
};

export const authorizeProject = async (
  c: Context<AppEnv>,
  p: { organization_id: string; project_id: string },
  action: Action,
): Promise<ProjectScope> => {
  c.set('auditTarget', { orgId: p.organization_id, projectId: p.project_id });
  const target = { orgId: p.organization_id, projectId: p.project_id };
  return (await c.var.services.authorizer.authorizeProject(c.var.principal, target, action)).scope;
};

export const authorizeApp = async (
  c: Context<AppEnv>,
  p: { organization_id: string; project_id: string; app_name: string },
  action: Action,
): Promise<AppScope> => {
  c.set('auditTarget', { orgId: p.organization_id, projectId: p.project_id });
  const target = { orgId: p.organization_id, projectId: p.project_id, app: p.app_name };
  return (await c.var.services.authorizer.authorizeApp(c.var.principal, target, action)).scope;
};

export const pageRequest = (q: { 'pagination.page_size'?: number }, cursor: string | undefined) => ({
  limit: q['pagination.page_size'] || DEFAULT_PAGE_SIZE,
  cursor,
});

/** `responses` for an operation that answers `{}` (HCP's empty responses). */
export const okEmpty = (description: string) => ok(Empty, description);
