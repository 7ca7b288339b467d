/**
 * Domain errors. Every failure Coffer reports has a stable `code`; the edge (functions/api/errors.ts)
 * maps each code's category to an HTTP status and the gRPC-style error body, in one table.
 * Messages are for humans and must never contain a secret value, token or key material.
 */
export type ErrorCategory =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'ABORTED'
  | 'FAILED_PRECONDITION'
  | 'PAYLOAD_TOO_LARGE'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAVAILABLE'
  | 'DATA_LOSS'
  | 'INTERNAL';

const CATEGORIES = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  INVALID_PAGE_TOKEN: 'INVALID_ARGUMENT',
  BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CLIENT: 'UNAUTHENTICATED',
  SESSION_EXPIRED: 'UNAUTHENTICATED',
  LOGIN_FAILED: 'UNAUTHENTICATED',
  CSRF_CHECK_FAILED: 'PERMISSION_DENIED',
  SIGN_IN_NOT_CONFIGURED: 'NOT_FOUND',
  IDENTITY_PROVIDER_UNAVAILABLE: 'UNAVAILABLE',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  ORGANIZATION_NOT_FOUND: 'NOT_FOUND',
  PROJECT_NOT_FOUND: 'NOT_FOUND',
  APP_NOT_FOUND: 'NOT_FOUND',
  SECRET_NOT_FOUND: 'NOT_FOUND',
  VERSION_NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'NOT_FOUND',
  APP_ALREADY_EXISTS: 'ALREADY_EXISTS',
  SECRET_ALREADY_EXISTS: 'ALREADY_EXISTS',
  VERSION_CONFLICT: 'ABORTED',
  REVISION_CONFLICT: 'ABORTED',
  WRITE_CONTENTION: 'ABORTED',
  APP_NOT_EMPTY: 'FAILED_PRECONDITION',
  VERSION_IS_LATEST: 'FAILED_PRECONDITION',
  APP_BEING_DELETED: 'FAILED_PRECONDITION',
  RESOURCE_LOCKED: 'FAILED_PRECONDITION',
  ETAG_MISMATCH: 'ABORTED',
  AUDIT_UNAVAILABLE: 'UNAVAILABLE',
  SERVICE_PRINCIPAL_NOT_FOUND: 'NOT_FOUND',
  KEY_NOT_FOUND: 'NOT_FOUND',
  KEY_LIMIT_REACHED: 'FAILED_PRECONDITION',
  LAST_ADMIN: 'FAILED_PRECONDITION',
  PROVIDER_NOT_FOUND: 'NOT_FOUND',
  PROVIDER_ALREADY_EXISTS: 'ALREADY_EXISTS',
  INTEGRATION_NOT_FOUND: 'NOT_FOUND',
  INTEGRATION_ALREADY_EXISTS: 'ALREADY_EXISTS',
  INTEGRATION_IN_USE: 'FAILED_PRECONDITION',
  SYNC_NOT_FOUND: 'NOT_FOUND',
  SYNC_ALREADY_EXISTS: 'ALREADY_EXISTS',
  SYNC_IN_USE: 'FAILED_PRECONDITION',
  SYNC_FAILED: 'UNAVAILABLE',
  DESTINATION_REFUSED: 'FAILED_PRECONDITION',
  RATE_LIMITED: 'RESOURCE_EXHAUSTED',
  ORGANIZATION_QUOTA_EXCEEDED: 'RESOURCE_EXHAUSTED',
  LOGIN_THROTTLED: 'RESOURCE_EXHAUSTED',
  KEY_SERVICE_THROTTLED: 'UNAVAILABLE',
  KEY_UNAVAILABLE: 'UNAVAILABLE',
  STORE_UNAVAILABLE: 'UNAVAILABLE',
  INTEGRITY_CHECK_FAILED: 'DATA_LOSS',
  INTERNAL: 'INTERNAL',
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCode = keyof typeof CATEGORIES;

export class CofferError extends Error {
  override readonly name = 'CofferError';
  readonly category: ErrorCategory;
  /**
   * A finer reason for operators (e.g. which token check failed). It goes to the audit event and the
   * log, never to the caller.
   */
  readonly reason?: string;
  /** For throttling errors: when the caller may try again (sent as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; reason?: string; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.category = CATEGORIES[code];
    if (options?.reason) this.reason = options.reason;
    if (options?.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
