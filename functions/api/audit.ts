import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { UNSCOPED_ORG, type AuditEvent } from '../../shared/domain/audit/audit.js';
import type { Services } from '../../shared/runtime/services.js';
import type { AppEnv } from './env.js';
import { toErrorResponse } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the audit middleware knows about the API's operations, from the route definitions. */
export interface AuditedOperations {
  /** operationId by `METHOD /router/path`. */
  readonly names: ReadonlyMap<string, string>;
  /** operationIds whose answer contains secret values (declared with route-kit's `revealsValues`). */
  readonly reveals: ReadonlySet<string>;
}

/**
 * One audit event per request, before the response leaves.
 *
 * Where it goes. To the organization the request concerned only when the caller proved a link to
 * it: authenticated and holding a grant there (route-kit's `decided`), or logging in as one of its
 * principals. Everything else (no or a bad token, a stranger naming an organization, requests that
 * name none such as /oauth2/token failures, discovery, caller-identity) goes to the deployment's
 * own trail (UNSCOPED_ORG), which the store shards like any organization's: an attacker cannot grow
 * a tenant's trail or bill, nor pile every tenant's login failures onto one partition.
 *
 * Revealing operations: one round trip, fail-closed, true outcome, no second write on success.
 * A value may leave only once its event is durable. Waiting for the read and then writing the event
 * costs two DynamoDB round trips one after the other. Instead, the moment authorization passes
 * (everything that can refuse without storage has run) the event is written optimistically with
 * the outcome a reveal has when it succeeds, 200, while the handler's read travels alongside. After
 * the handler:
 *   - event written, answer 200 with no error code: the event already says what happened; done.
 *   - event written, answer anything else (secret not found, a storage error): the event is
 *     rewritten with the true outcome. It is the same item (same time, request id and shard), so the
 *     trail still holds one event per request, and only failure paths pay the second write.
 *   - event not written: the answer is replaced by 503 and no value leaves (as Vault does); one
 *     attempt records the refusal.
 * If the process dies between the optimistic write and the answer, or the rewrite fails, the trail
 * says 200 for a request whose caller received nothing: it may overstate a reveal, never hide one.
 *
 * Which goes out first: the read. Its answer has work waiting on it (parse, decrypt, the JSON body);
 * the write's has none. So the write is sent on the next turn of the event loop, once the handler
 * has sent its read (which takes no I/O between authorization and the request), and well before
 * either answer can arrive: the two are still in flight together, and the store's time for the write
 * overlaps the decrypt instead of holding up the read. (Measured with 5 ms injected latency and the
 * store in its own process: the handler's work on the read's answer, ≈ 0.37 ms, finished before the
 * write's answer arrived.)
 *
 * Other operations write their event after the handler; a failed write is logged and the answer
 * stands.
 */
export const auditRequests = (
  services: Services,
  operations: AuditedOperations,
  clientIp: (c: Context) => string,
): MiddlewareHandler<AppEnv> =>
  async function audit(c, next) {
    const time = services.clock.now().toISOString();
    let early: { event: AuditEvent; written: Promise<unknown> } | undefined;
    c.set('auditAuthorized', () => {
      const operation = operationOf(c, operations);
      if (early || !operations.reveals.has(operation)) return;
      const event = eventOf(c, clientIp, { time, operation, outcome: 200 });
      const written = readFirst()
        .then(() => services.audit.record(event, c.get('auditHashes')))
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      early = { event, written };
    });
    await next();

    const operation = operationOf(c, operations);
    const event = eventOf(c, clientIp, {
      time,
      operation,
      outcome: c.res.status,
      errorCode: c.get('errorCode'),
    });
    let failure: unknown;
    if (early) {
      failure = await early.written;
      if (failure === undefined && sameRecord(early.event, event)) return;
    }
    if (failure === undefined) {
      try {
        await services.audit.record(event, c.get('auditHashes'));
        return;
      } catch (err) {
        failure = err;
      }
    }
    services.log.error('audit write failed', {
      requestId: c.get('requestId'),
      operation,
      orgId: event.orgId,
    });
    if (operations.reveals.has(operation) && c.res.status < 300) {
      // Replace the answer that holds values with the error; nothing of the old body survives.
      const { status, body, headers } = toErrorResponse(failure, services.log, c.get('requestId'));
      c.res = new Response(JSON.stringify(body), {
        status,
        headers: { ...headers, 'content-type': 'application/json' },
      });
      if (early) {
        // The optimistic write failed: one attempt to record the refusal instead.
        await services.audit
          .record(
            eventOf(c, clientIp, { time, operation, outcome: status, errorCode: 'AUDIT_UNAVAILABLE' }),
            c.get('auditHashes'),
          )
          .catch(() => undefined);
      }
    }
  };

const readFirst = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The first documented route that matched is the one that answered (or would have). */
const operationOf = (c: Context<AppEnv>, operations: AuditedOperations) =>
  matchedRoutes(c)
    .map((r) => operations.names.get(`${r.method} ${r.path}`))
    .find((op) => op !== undefined) ?? 'UNKNOWN_ROUTE';

const eventOf = (
  c: Context<AppEnv>,
  clientIp: (c: Context) => string,
  e: { time: string; operation: string; outcome: number; errorCode?: string },
): AuditEvent => {
  const target = c.get('auditTarget');
  const orgId = target && UUID.test(target.orgId) ? target.orgId : UNSCOPED_ORG;
  const projectId =
    orgId !== UNSCOPED_ORG && target?.projectId && UUID.test(target.projectId) ? target.projectId : undefined;
  const principal = c.get('principal');
  return {
    time: e.time,
    requestId: c.get('requestId'),
    orgId,
    ...(projectId ? { projectId } : {}),
    ...(principal ? { principal: { id: principal.id, type: principal.type, name: principal.name } } : {}),
    operation: e.operation,
    resource: new URL(c.req.url).pathname,
    outcome: e.outcome,
    ...(e.errorCode ? { errorCode: e.errorCode } : {}),
    ...(e.errorCode && c.get('errorReason') ? { reason: c.get('errorReason') } : {}),
    sourceIp: safe(() => clientIp(c)),
    userAgent: (c.req.header('user-agent') ?? '').slice(0, 256),
  };
};

const sameRecord = (a: AuditEvent, b: AuditEvent) => JSON.stringify(a) === JSON.stringify(b);

const safe = (f: () => string) => {
  try {
    return f();
  } catch {
    return 'unknown';
  }
};
