import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { UNSCOPED_ORG } from '../../shared/domain/audit/audit.js';
import { CofferError } from '../../shared/domain/errors.js';
import type { Services } from '../../shared/runtime/services.js';
import type { AppEnv } from './env.js';
import { errorResponse } from './errors.js';

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
    const operation = operations.get(`${c.req.method} ${routePath(c, -1)}`) ?? 'UNKNOWN_ROUTE';
    const path = new URL(c.req.url).pathname;
    const fromPath = PATH_ORG.exec(path);
    const target = c.var.auditTarget ?? { orgId: fromPath?.[1] ?? UNSCOPED_ORG, projectId: fromPath?.[2] };
    const orgId = UUID.test(target.orgId) ? target.orgId : UNSCOPED_ORG;
    const projectId = target.projectId && UUID.test(target.projectId) ? target.projectId : undefined;
    const principal = c.var.principal;
    const errorCode = c.res.status >= 400 ? (c.res.headers.get('x-coffer-error') ?? undefined) : undefined;
    c.res.headers.delete('x-coffer-error');
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
          sourceIp: safe(() => clientIp(c)),
          userAgent: (c.req.header('user-agent') ?? '').slice(0, 256),
        },
        c.var.auditHashes,
      );
    } catch (err) {
      services.log.error('audit write failed', { requestId: c.var.requestId, operation, orgId });
      if (REVEALS.test(operation) && c.res.status < 300) {
        c.res = undefined as unknown as Response; // drop the answer that holds values
        c.res = errorResponse(
          c,
          err instanceof CofferError ? err : new CofferError('AUDIT_UNAVAILABLE', 'audit unavailable'),
          services.log,
        );
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
