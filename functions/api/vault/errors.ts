import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../../shared/domain/errors.js';
import type { AppEnv } from '../env.js';
import { toErrorResponse } from '../errors.js';

/**
 * The one table from Coffer's error codes to Vault's status codes and bodies (`{"errors":[...]}`),
 * for everything under /v1 (VAULT_API.md §1). Codes not named here follow their HTTP status from
 * the HCP table, with the message as the only error.
 *
 * - A missing, invalid or expired token, a caller without a grant on the namespace and a caller
 *   without the permission all get Vault's 403 `permission denied` (clients re-login on it).
 * - Not found is 404 with an empty list (Go clients read that as "no secret", not as a failure).
 * - Check-and-set failures are 400 with Vault's own message; logins refused are 400.
 */
const DENIED = { status: 403, errors: ['permission denied'] } as const;
const ABSENT = { status: 404, errors: [] } as const;
const CAS = { status: 400, errors: ['check-and-set parameter did not match the current version'] } as const;

type Shape = { status: ContentfulStatusCode; errors: readonly string[] | 'message' };
const VAULT: Partial<Record<ErrorCode, Shape>> = {
  UNAUTHENTICATED: DENIED,
  INVALID_CLIENT: DENIED,
  PERMISSION_DENIED: DENIED,
  ORGANIZATION_NOT_FOUND: DENIED,
  PROJECT_NOT_FOUND: DENIED,
  APP_NOT_FOUND: ABSENT,
  SECRET_NOT_FOUND: ABSENT,
  VERSION_NOT_FOUND: ABSENT,
  ROUTE_NOT_FOUND: { status: 404, errors: 'message' },
  VERSION_CONFLICT: CAS,
  REVISION_CONFLICT: CAS,
  RESOURCE_LOCKED: { status: 403, errors: 'message' },
  APP_ALREADY_EXISTS: { status: 400, errors: 'message' },
  SECRET_ALREADY_EXISTS: { status: 400, errors: 'message' },
  APP_BEING_DELETED: { status: 400, errors: 'message' },
  APP_NOT_EMPTY: { status: 400, errors: 'message' },
  WRITE_CONTENTION: { status: 503, errors: 'message' },
};
/** A refused login is a bad request in Vault (`invalid role or secret ID`), not a 403. */
const LOGIN_REFUSED = { status: 400, errors: 'message' } as const;
const LOGIN = /^\/v1\/auth\/[^/]+\/login\/?$/;

export const vaultErrorResponse = (c: Context<AppEnv>, err: unknown) => {
  const services = c.get('services');
  const { status, body, headers, code } = toErrorResponse(err, services.log, c.get('requestId') ?? 'unknown');
  c.set('errorCode', code);
  const refusedLogin = LOGIN.test(c.req.path) && (code === 'INVALID_CLIENT' || code === 'UNAUTHENTICATED');
  const shape: Shape = (refusedLogin ? LOGIN_REFUSED : VAULT[code]) ?? { status, errors: 'message' };
  if (headers['retry-after']) c.header('retry-after', headers['retry-after']);
  const errors = shape.errors === 'message' ? [body.message] : [...shape.errors];
  if (code === 'RESOURCE_LOCKED') errors.unshift('permission denied');
  return c.json({ errors }, shape.status);
};
