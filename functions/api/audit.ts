import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { UNSCOPED_ORG } from '../../shared/domain/audit/audit.js';
import type { Services } from '../../shared/runtime/services.js';
import type { AppEnv } from './env.js';
import { toErrorResponse } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PATH_ORG = /\/organizations\/([^/:]+)(?:\/projects\/([^/:]+))?/;

/**
 * One audit event per request, written after the handler ran and before the response leaves. For
 * an operation that reveals values the event must be durable first: if it cannot be written the
 * caller gets 503 and no value (as Vault does). For other operations a failed write is logged and
 * the answer stands.
 */
export const auditRequests = (
  services: Services,
  operations: ReadonlyMap<string, string>,
  clientIp: (c: Context) => string,
): MiddlewareHandler<AppEnv> =>
  async function audit(c, next) {
    await next();
    // The first documented route that matched is the one that answered (or would have, had
    // authentication or validation not stopped the request first).
    const operation =
      matchedRoutes(c)
        .map((r) => operations.get(`${r.method} ${r.path}`))
        .find((op) => op !== undefined) ?? 'UNKNOWN_ROUTE';
    const path = new URL(c.req.url).pathname;
    const fromPath = PATH_ORG.exec(path);
    const target = c.var.auditTarget ?? { orgId: fromPath?.[1] ?? UNSCOPED_ORG, projectId: fromPath?.[2] };
    const orgId = UUID.test(target.orgId) ? target.orgId : UNSCOPED_ORG;
    const projectId = target.projectId && UUID.test(target.projectId) ? target.projectId : undefined;
    const principal = c.var.principal;
    const errorCode = c.var.errorCode;
    const reason = c.var.errorReason;
    try {
      await services.audit.record(
        {
          time: services.clock.now().toISOString(),
          requestId: c.var.requestId,
          orgId,
          ...(projectId ? { projectId } : {}),
          ...(principal
            ? { principal: { id: principal.id, type: principal.type, name: principal.name } }
            : {}),
          operation,
          resource: path,
          outcome: c.res.status,
          ...(errorCode ? { errorCode } : {}),
          ...(reason ? { reason } : {}),
          sourceIp: safe(() => clientIp(c)),
          userAgent: (c.req.header('user-agent') ?? '').slice(0, 256),
        },
        c.var.auditHashes,
      );
    } catch (err) {
      services.log.error('audit write failed', { requestId: c.var.requestId, operation, orgId });
      if (REVEALS.test(operation) && c.res.status < 300) {
        // Replace the answer that holds values with the error; nothing of the old body survives.
        const { status, body, headers } = toErrorResponse(err, services.log, c.var.requestId);
        c.res = new Response(JSON.stringify(body), {
          status,
          headers: { ...headers, 'content-type': 'application/json' },
        });
      }
    }
  };

/** Operations whose answer contains secret values. */
const REVEALS = /^Open/;

const safe = (f: () => string) => {
  try {
    return f();
  } catch {
    return 'unknown';
  }
};
