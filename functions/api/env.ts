import type { Principal } from '../../shared/domain/principal.js';
import type { Services } from '../../shared/runtime/services.js';

/** Per-request values the middleware and handlers share. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    services: Services;
    /** What the request concerned, for its audit event (set when the handler authorizes). */
    auditTarget: { orgId: string; projectId?: string };
    /** Identifiers the audit event may only hold as HMACs (e.g. a presented client id). */
    auditHashes: Record<string, string>;
    /** The stable code of the error this request answered with, for its audit event. */
    errorCode: string;
    /** Its finer reason for operators (which token check failed), if any. */
    errorReason: string;
  };
}
