import type { ActorRef } from '../../../shared/domain/principal.js';

/** Secrets20231128Principal: who created or changed something. */
export const presentPrincipal = (a: ActorRef) => ({
  name: a.name,
  type: a.type,
  ...(a.email ? { email: a.email } : {}),
});

/** HCP's `created_by_id`: the principal's id (empty for records written before ids were kept). */
export const principalId = (a: ActorRef) => a.id ?? '';
