import { errors as joseErrors } from 'jose';
import { CofferError } from '../errors.js';

/**
 * Why a bearer token was refused. The caller only ever reads "invalid token" or "token expired"
 * (naming the failed check would coach a forger); the precise reason goes to the request's audit
 * event and the log, where an operator looks for it.
 */
export type TokenRefusal =
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_TOO_LARGE'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_KEY_HEADER'
  | 'TOKEN_ALG_NOT_ALLOWED'
  | 'TOKEN_UNKNOWN_KEY'
  | 'TOKEN_BAD_SIGNATURE'
  | 'TOKEN_WRONG_TYPE'
  | 'TOKEN_WRONG_ISSUER'
  | 'TOKEN_WRONG_AUDIENCE'
  | 'TOKEN_MISSING_CLAIM'
  | 'TOKEN_CLAIM_INVALID'
  | 'TOKEN_UNTRUSTED_ISSUER'
  | 'TOKEN_ISSUER_UNAVAILABLE'
  /** The issuer or its JWKS URL points where Coffer may not fetch (plain http, private address). */
  | 'TOKEN_ISSUER_REFUSED'
  | 'TOKEN_REVOKED';

/** Headers that would let a token name its own verification key; Coffer only uses keys it knows. */
export const KEY_HEADERS = ['jku', 'x5u', 'jwk', 'x5c'] as const;

/** The UNAUTHENTICATED error for a refused token: a fixed message, the reason kept aside. */
export const refuseToken = (reason: TokenRefusal, cause?: unknown): CofferError =>
  new CofferError('UNAUTHENTICATED', reason === 'TOKEN_EXPIRED' ? 'token expired' : 'invalid token', {
    cause,
    reason,
  });

const CLAIM_REASONS: Record<string, TokenRefusal> = {
  iss: 'TOKEN_WRONG_ISSUER',
  aud: 'TOKEN_WRONG_AUDIENCE',
  typ: 'TOKEN_WRONG_TYPE',
  nbf: 'TOKEN_NOT_YET_VALID',
};

/** Translates whatever token verification threw into a refusal; Coffer's own errors pass unchanged. */
export const refusalFor = (e: unknown): CofferError => {
  if (e instanceof CofferError) return e;
  if (e instanceof joseErrors.JWTExpired) return refuseToken('TOKEN_EXPIRED', e);
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.reason === 'missing') return refuseToken('TOKEN_MISSING_CLAIM', e);
    return refuseToken(CLAIM_REASONS[e.claim] ?? 'TOKEN_CLAIM_INVALID', e);
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed || e instanceof joseErrors.JOSENotSupported)
    return refuseToken('TOKEN_ALG_NOT_ALLOWED', e);
  if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWKSMultipleMatchingKeys)
    return refuseToken('TOKEN_UNKNOWN_KEY', e);
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return refuseToken('TOKEN_BAD_SIGNATURE', e);
  if (e instanceof joseErrors.JWKSTimeout || e instanceof joseErrors.JWKSInvalid)
    return refuseToken('TOKEN_ISSUER_UNAVAILABLE', e);
  return refuseToken('TOKEN_MALFORMED', e);
};
