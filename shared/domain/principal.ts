/** Who is calling. Built only from a verified token by the identity layer. */
export type PrincipalType = 'USER' | 'SERVICE' | 'WORKLOAD';

export interface Principal {
  readonly id: string;
  readonly type: PrincipalType;
  readonly name: string;
}

/** What is recorded on resources as `created_by` / `updated_by`. */
export interface ActorRef {
  readonly name: string;
  readonly type: PrincipalType;
}

export const actorOf = (p: Principal): ActorRef => ({ name: p.name, type: p.type });

/** Roles from most to least elevated (ARCHITECTURE.md). Issue 2 grants only organization admin. */
export type Role = 'admin' | 'contributor' | 'viewer' | 'app-manager' | 'app-secret-reader';
