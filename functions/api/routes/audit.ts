import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AuditEvent as AuditRecord } from '../../../shared/domain/audit/audit.js';
import { CofferError } from '../../../shared/domain/errors.js';
import type { AppEnv } from '../env.js';
import { decodePageToken, encodePageToken } from '../page-token.js';
import { pagination } from '../present.js';
import { authorizeOrg, authorizeProject, bearer, errors, ok, pageRequest } from '../route-kit.js';
import { AuditEvent, AuditQuery, OrgParams, Pagination } from '../schemas.js';

/** Default window when no start_time is given. */
const DEFAULT_WINDOW_MS = 24 * 3600_000;
/** Longest window one query may span (it reads one partition per day). */
const MAX_WINDOW_DAYS = 31;

const present = (e: AuditRecord) => ({
  time: e.time,
  request_id: e.requestId,
  organization_id: e.orgId,
  ...(e.projectId ? { project_id: e.projectId } : {}),
  ...(e.principal ? { principal: e.principal } : {}),
  operation: e.operation,
  resource: e.resource,
  outcome: e.outcome,
  ...(e.errorCode ? { error_code: e.errorCode } : {}),
  ...(e.reason ? { reason: e.reason } : {}),
  source_ip: e.sourceIp,
  user_agent: e.userAgent,
  ...(e.hashed ? { hashed: e.hashed } : {}),
});

export const registerAuditRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(
    createRoute({
      operationId: 'ListAuditEvents',
      summary: 'Read an organization’s audit trail',
      method: 'get',
      path: '/audit/2019-12-10/organizations/{organization_id}/events',
      tags: ['Audit'],
      security: bearer,
      description: `Newest first. Filter by time range (default: the last 24 hours; at most ${MAX_WINDOW_DAYS} days), principal, operation and outcome (HTTP status).`,
      request: { params: OrgParams, query: AuditQuery },
      responses: {
        ...ok(z.object({ events: z.array(AuditEvent), pagination: Pagination }), 'audit events'),
        ...errors,
      },
    }),
    async (c) => {
      const { organization_id } = c.req.valid('param');
      const q = c.req.valid('query');
      // Organization admins read every event; a project's admins read that project's (project_id).
      if (q.project_id)
        await authorizeProject(c, { organization_id, project_id: q.project_id }, 'audit.read');
      else await authorizeOrg(c, organization_id, 'audit.read');
      const to = q.end_time ? new Date(q.end_time) : c.get('services').clock.now();
      const from = q.start_time ? new Date(q.start_time) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
      if (from > to) throw new CofferError('INVALID_ARGUMENT', 'start_time must not be after end_time');
      if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
        throw new CofferError('INVALID_ARGUMENT', `the time range may span at most ${MAX_WINDOW_DAYS} days`);
      }
      const filter = {
        from,
        to,
        principalId: q.principal_id,
        operation: q.operation,
        outcome: q.outcome,
        projectId: q.project_id,
      };
      // Bound to the query as the caller wrote it (a default end time moves between pages; the cursor does not).
      const listing = `audit:${organization_id}:${JSON.stringify([q.start_time, q.end_time, q.principal_id, q.operation, q.outcome, q.project_id])}`;
      const { audit } = c.get('services');
      const page = await audit.query(
        organization_id,
        filter,
        pageRequest(q, decodePageToken(listing, q['pagination.next_page_token'])),
      );
      return c.json(
        {
          events: page.items.map(present),
          pagination: pagination(encodePageToken(listing, page.nextCursor)),
        },
        200,
      );
    },
  );
};
