import { z } from '@hono/zod-openapi';
import { PageQuery } from './schemas/common.js';
import { ResourceId } from '../../shared/domain/names.js';

/**
 * Request and response schemas. Requests are validated with these and /openapi.json is generated
 * from them, so the document cannot drift from the code. Request bodies are strict: an unknown field
 * is a 400, not silently ignored. The HCP-shaped resources live in schemas/, one file per resource;
 * this file keeps the error body, the token endpoint and the audit trail.
 */

export const ErrorBody = z
  .object({ code: z.number().int(), message: z.string(), details: z.array(z.unknown()) })
  .openapi('Error');

export { OrgParams, PageQuery, Pagination } from './schemas/common.js';

/** Who did something, as the audit trail records it. */
const Actor = z
  .object({ name: z.string(), type: z.enum(['USER', 'SERVICE', 'WORKLOAD']) })
  .openapi('AuditPrincipal');

// ---- identity ----
export const TokenBody = z.discriminatedUnion(
  'grant_type',
  [
    z.object({
      grant_type: z.literal('client_credentials'),
      client_id: z.string().min(1).max(256).optional(),
      client_secret: z.string().min(1).max(1024).optional(),
      audience: z.string().max(256).optional(),
      scope: z.string().max(1024).optional(),
    }),
    z.object({
      grant_type: z.literal('urn:ietf:params:oauth:grant-type:token-exchange'),
      subject_token: z.string().min(1).max(8192),
      subject_token_type: z.string().min(1).max(256),
      resource: z.string().min(1).max(512).optional(),
      audience: z.string().min(1).max(512).optional(),
      requested_token_type: z.string().max(256).optional(),
      scope: z.string().max(1024).optional(),
    }),
  ],
  { error: 'grant_type must be client_credentials or urn:ietf:params:oauth:grant-type:token-exchange' },
);
export const TokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    issued_token_type: z.string().optional(),
  })
  .openapi('TokenResponse');

// ---- audit ----
export const AuditEvent = z
  .object({
    time: z.string(),
    request_id: z.string(),
    organization_id: z.string(),
    project_id: z.string().optional(),
    principal: Actor.extend({ id: z.string() }).optional(),
    operation: z.string(),
    resource: z.string(),
    outcome: z.number().int(),
    error_code: z.string().optional(),
    reason: z.string().optional(),
    source_ip: z.string(),
    user_agent: z.string(),
    hashed: z.record(z.string(), z.string()).optional(),
  })
  .openapi('AuditEvent');
export const AuditQuery = PageQuery.extend({
  start_time: z.iso
    .datetime()
    .optional()
    .openapi({ param: { name: 'start_time', in: 'query' } }),
  end_time: z.iso
    .datetime()
    .optional()
    .openapi({ param: { name: 'end_time', in: 'query' } }),
  principal_id: z
    .string()
    .max(128)
    .optional()
    .openapi({ param: { name: 'principal_id', in: 'query' } }),
  operation: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: 'operation', in: 'query' } }),
  outcome: z.coerce
    .number()
    .int()
    .min(100)
    .max(599)
    .optional()
    .openapi({ param: { name: 'outcome', in: 'query' }, type: 'integer' }),
  /** Only this project's events; a project admin may read these (and only these). */
  project_id: ResourceId.optional().openapi({ param: { name: 'project_id', in: 'query' } }),
});
