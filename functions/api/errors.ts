import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CofferError, type ErrorCategory, type ErrorCode } from '../../shared/domain/errors.js';
import type { AppEnv } from './env.js';
import type { Logger } from '../../shared/logger.js';

/**
 * The one table from domain error category to HTTP status and gRPC status code (the error body HCP
 * Vault Secrets returns: {"code","message","details"}).
 */
const HTTP: Record<ErrorCategory, { status: ContentfulStatusCode; grpc: number }> = {
  INVALID_ARGUMENT: { status: 400, grpc: 3 },
  PAYLOAD_TOO_LARGE: { status: 413, grpc: 3 },
  UNAUTHENTICATED: { status: 401, grpc: 16 },
  PERMISSION_DENIED: { status: 403, grpc: 7 },
  NOT_FOUND: { status: 404, grpc: 5 },
  ALREADY_EXISTS: { status: 409, grpc: 6 },
  ABORTED: { status: 409, grpc: 10 },
  FAILED_PRECONDITION: { status: 412, grpc: 9 },
  RESOURCE_EXHAUSTED: { status: 429, grpc: 8 },
  UNAVAILABLE: { status: 503, grpc: 14 },
  DATA_LOSS: { status: 500, grpc: 15 },
  INTERNAL: { status: 500, grpc: 13 },
};

export interface ErrorBody {
  code: number;
  message: string;
  details: unknown[];
}

/** Turns anything thrown into the error body. Internals never reach the caller, only the log. */
export const toErrorResponse = (
  err: unknown,
  log: Logger,
  requestId: string,
): {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers: Record<string, string>;
  code: ErrorCode;
  reason?: string;
} => {
  let e: CofferError;
  if (err instanceof CofferError) e = err;
  else if (err instanceof HTTPException && err.status < 500) {
    // Hono raises these for malformed JSON and similar client mistakes.
    e = new CofferError(
      err.status === 413 ? 'BODY_TOO_LARGE' : 'INVALID_ARGUMENT',
      err.message || 'invalid request',
      { cause: err },
    );
  } else e = new CofferError('INTERNAL', 'internal error', { cause: err });

  const { status, grpc } = HTTP[e.category];
  if (status >= 500) log.error('request failed', { requestId, code: e.code, error: describe(e.cause ?? e) });
  else if (e.reason) log.info('request refused', { requestId, code: e.code, reason: e.reason });
  const headers: Record<string, string> = {};
  if (e.category === 'UNAUTHENTICATED') headers['www-authenticate'] = 'Bearer';
  if (e.retryAfterSeconds !== undefined) headers['retry-after'] = String(e.retryAfterSeconds);
  else if (status === 503) headers['retry-after'] = '1';
  const message = e.category === 'INTERNAL' ? `internal error (request ${requestId})` : e.message;
  return {
    status,
    body: { code: grpc, message, details: [{ '@type': 'coffer.ErrorInfo', reason: e.code }] },
    headers,
    code: e.code,
    ...(e.reason ? { reason: e.reason } : {}),
  };
};

/**
 * Error name, code and where it was thrown, never its message: foreign messages (SDKs, JSON.parse)
 * can echo request data, so the stack's first line, which repeats the message, is dropped too.
 */
const describe = (e: unknown) => {
  const err = e as { name?: string; code?: string; stack?: string };
  return {
    name: err?.name,
    code: err?.code,
    at: err?.stack
      ?.split('\n')
      .slice(1, 4)
      .map((l) => l.trim())
      .join(' | '),
  };
};

export const errorResponse = (c: Context<AppEnv>, err: unknown, log: Logger) => {
  const { status, body, headers, code, reason } = toErrorResponse(err, log, c.get('requestId') ?? 'unknown');
  c.set('errorCode', code);
  if (reason) c.set('errorReason', reason);
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(body, status);
};
