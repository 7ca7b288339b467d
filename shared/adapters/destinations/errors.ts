import { DestinationError } from '../../domain/sync/destination.js';

/**
 * The stable codes destination clients put on `DestinationError`. The engine records them in sync
 * status; tests assert them. Messages say what failed and the vendor's own code and message, never
 * a secret value or a credential.
 */
export const DESTINATION_ERROR_CODES = [
  /** 429, GitHub primary/secondary limits, AWS throttling: retryable, with `retryAfterMs` when known. */
  'RATE_LIMITED',
  /** 5xx, timeouts and network failures that outlasted the client's own retries: retryable. */
  'UNAVAILABLE',
  /** Credentials rejected (401, bad token, bad signature, token endpoint refused). */
  'UNAUTHORIZED',
  /** Authenticated but not allowed (403 that is not a rate limit). */
  'FORBIDDEN',
  /** The configured scope does not exist (repository, environment, project, vault...). */
  'NOT_FOUND',
  /** A create found an entry of that name already there (Coffer never overwrites it), or an ambiguous match. */
  'CONFLICT',
  /** A deleted-but-recoverable entry of that name exists that Coffer did not create (Azure, AWS). */
  'CONFLICT_SOFT_DELETED',
  /** The name is still being deleted at the destination (Azure): retryable. */
  'BEING_DELETED',
  /** The destination rejected the request (400/422): name, value or configuration. */
  'VALIDATION',
  /** The value exceeds the destination's size limit; checked before sending. */
  'VALUE_TOO_LARGE',
  /** A destination quota (secret count, AWS LimitExceededException). */
  'QUOTA_EXCEEDED',
  /** The connection or target failed validation. */
  'INVALID_CONFIG',
  /** The configuration asks for something this client does not implement yet. */
  'UNSUPPORTED',
  /** Anything else: an answer the client does not understand. */
  'UNEXPECTED',
] as const;

export type DestinationErrorCode = (typeof DESTINATION_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<DestinationErrorCode> = new Set([
  'RATE_LIMITED',
  'UNAVAILABLE',
  'BEING_DELETED',
]);

/** Vendor messages are quoted for diagnosis, but bounded: they end up in sync status. */
const MAX_VENDOR_MESSAGE = 300;

export function destinationError(
  code: DestinationErrorCode,
  message: string,
  options: { retryAfterMs?: number; cause?: unknown; retryable?: boolean } = {},
): DestinationError {
  return new DestinationError(
    code,
    message,
    options.retryable ?? RETRYABLE.has(code),
    options.retryAfterMs,
    options.cause === undefined ? undefined : { cause: options.cause },
  );
}

/** The code for an HTTP status that the client did not handle itself. */
export function codeForStatus(status: number): DestinationErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'VALUE_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 408 || status >= 500) return 'UNAVAILABLE';
  if (status >= 400) return 'VALIDATION';
  return 'UNEXPECTED';
}

/** `<what> failed (HTTP <status> <vendor code>): <vendor message>` */
export function describeFailure(
  what: string,
  status: number | string,
  vendor: { code?: string; message?: string } = {},
): string {
  const head = typeof status === 'number' ? `HTTP ${status}` : status;
  const code = vendor.code ? ` ${vendor.code}` : '';
  const message = vendor.message ? `: ${truncate(vendor.message)}` : '';
  return `${what} failed (${head}${code})${message}`;
}

export function truncate(text: string, max = MAX_VENDOR_MESSAGE): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/**
 * Rethrows `err` as a DestinationError that cannot carry `value`: if a message (or, for a foreign
 * error, anything printable) mentions it, the message is redacted and the cause dropped. Vendors do
 * not echo values, but the engine records messages verbatim, so this is checked rather than trusted.
 */
export function withoutValue(err: unknown, value: string): DestinationError {
  const wrapped =
    err instanceof DestinationError
      ? err
      : destinationError(
          'UNEXPECTED',
          describeFailure('write', 'client error', { message: messageOf(err) }),
          {
            cause: err,
          },
        );
  // Values shorter than this are too common as substrings for redaction to mean anything.
  if (value.length < 4 || !wrapped.message.includes(value)) return wrapped;
  return new DestinationError(
    wrapped.code,
    wrapped.message.split(value).join('[REDACTED]'),
    wrapped.retryable,
    wrapped.retryAfterMs,
  );
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unknown error';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}
