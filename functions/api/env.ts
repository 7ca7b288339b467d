import type { Principal } from '../../shared/domain/principal.js';
import type { Services } from '../../shared/runtime/services.js';

/** Per-request values the middleware sets for handlers. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    services: Services;
  };
}
