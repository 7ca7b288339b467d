/** Who is calling. Built only from a verified token by the identity layer. */
export type PrincipalType = 'USER' | 'SERVICE' | 'WORKLOAD';

export interface Principal {
  readonly id: string;
  readonly type: PrincipalType;
  readonly name: string;
  /** Users only: the e-mail address their identity provider asserted, lower-cased. */
  readonly email?: string;
  /** Service principals and workloads: the project a project-scoped principal is confined to. */
  readonly projectId?: string;
  /** Coffer tokens: the client key the token was obtained with (a deleted key revokes its tokens). */
  readonly clientId?: string;
  /** Coffer tokens: when the token was issued (seconds since the epoch), for revocation checks. */
  readonly issuedAt?: number;
}

/**
 * What is recorded on resources as `created_by` / `updated_by`. `id` is the principal id HCP shows as
 * `created_by_id`; records written before it was kept lack it.
 */
export interface ActorRef {
  readonly id?: string;
  readonly name: string;
  readonly type: PrincipalType;
  readonly email?: string;
}

export const actorOf = (p: Principal): ActorRef => ({
  id: p.id,
  name: p.name,
  type: p.type,
  ...(p.email ? { email: p.email } : {}),
});

/** Roles from most to least elevated (ARCHITECTURE.md); what each allows is in access/permissions.ts. */
export type Role = 'admin' | 'contributor' | 'viewer' | 'app-manager' | 'app-secret-reader';
