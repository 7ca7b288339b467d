import type { Page, PageRequest } from '../ports.js';
import type { PrincipalType } from '../principal.js';

/**
 * One audit event per API request, including denied, invalid and failed ones. It never holds a
 * secret value or a token; an identifier that may itself be sensitive (a client id presented on a
 * failed login) is stored only as an HMAC-SHA256 under a per-organization key.
 */
export interface AuditEvent {
  readonly time: string;
  readonly requestId: string;
  /** The organization the request concerned, or UNSCOPED_ORG when it named none. */
  readonly orgId: string;
  readonly projectId?: string;
  readonly principal?: { readonly id: string; readonly type: PrincipalType; readonly name: string };
  /** The API operation (OpenAPI operationId), or UNKNOWN_ROUTE. */
  readonly operation: string;
  /** The request path (no query string, no body). */
  readonly resource: string;
  /** The HTTP status answered. */
  readonly outcome: number;
  /** The stable error code when the request failed. */
  readonly errorCode?: string;
  /** A finer reason for operators, e.g. which token check failed (TOKEN_EXPIRED, TOKEN_WRONG_TYPE). */
  readonly reason?: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** HMAC-SHA256 (base64url) of identifiers worth correlating but not storing, e.g. `client_id`. */
  readonly hashed?: Readonly<Record<string, string>>;
}

/** The pseudo-organization for requests that name none (e.g. a login with an unknown client id). */
export const UNSCOPED_ORG = '_unscoped';

export interface AuditFilter {
  readonly from: Date;
  readonly to: Date;
  readonly principalId?: string;
  readonly operation?: string;
  readonly outcome?: number;
  readonly projectId?: string;
}

export interface AuditStore {
  /** Writes the event durably; rejects if it could not (reveals must then fail). */
  append(event: AuditEvent, expiresAt: Date): Promise<void>;
  /** Newest first. */
  query(orgId: string, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>>;
  /** The organization's wrapped HMAC key, if it has one yet. */
  getWrappedKey(orgId: string): Promise<Buffer | undefined>;
  /** Stores the wrapped HMAC key unless one exists; returns false if another writer won. */
  putWrappedKey(orgId: string, wrapped: Buffer): Promise<boolean>;
}
