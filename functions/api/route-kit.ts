import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import {
  appScope,
  projectScope,
  type AppScope,
  type OrgScope,
  type ProjectScope,
} from '../../shared/domain/scope.js';
import type { AppEnv } from './env.js';
import { ErrorBody } from './schemas.js';

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
  404: { description: 'not found, or in an organization the caller cannot see', content: errorContent },
  503: { description: 'a dependency is unavailable; safe to retry', content: errorContent },
};
export const bearer = [{ bearerAuth: [] }];

export const authorizeOrg = async (c: Context<AppEnv>, orgId: string): Promise<OrgScope> => {
  const { scope } = await c.var.services.access.authorize(c.var.principal, orgId);
  return scope;
};

export const authorizeProject = async (
  c: Context<AppEnv>,
  p: { organization_id: string; project_id: string },
): Promise<ProjectScope> => projectScope(await authorizeOrg(c, p.organization_id), p.project_id);

export const authorizeApp = async (
  c: Context<AppEnv>,
  p: { organization_id: string; project_id: string; app_name: string },
): Promise<AppScope> => appScope(await authorizeProject(c, p), p.app_name);

export const pageRequest = (q: { 'pagination.page_size': number }, cursor: string | undefined) => ({
  limit: q['pagination.page_size'],
  cursor,
});
