import type { Principal } from '../../shared/domain/principal.js';
import type { Services } from '../../shared/runtime/services.js';

/** Per-request values the middleware and handlers share. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    services: Services;
    /**
     * The organization (and project) the request's audit event belongs to: set only once the caller
     * is known to hold a grant there, or authenticated as one of its principals. Unset, the event
     * goes to the deployment's own trail (functions/api/audit.ts).
     */
    auditTarget: { orgId: string; projectId?: string };
    /** Called when authorization passed: a revealing request starts its audit write now. */
    auditAuthorized: () => void;
    /** Identifiers the audit event may only hold as HMACs (e.g. a presented client id). */
    auditHashes: Record<string, string>;
    /** The stable code of the error this request answered with, for its audit event. */
    errorCode: string;
    /** Its finer reason for operators (which token check failed), if any. */
    errorReason: string;
  };
}
