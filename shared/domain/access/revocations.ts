import type { Principal } from '../principal.js';

/**
 * Token revocation. Coffer's access tokens are self-contained, so deleting a service principal or
 * one of its keys cannot recall the tokens already issued. Instead the organization keeps a small
 * record: "tokens of this principal (or obtained with this key) issued at or before T are void".
 * It is read in the same BatchGetItem as the policies and cached with them, so a revocation takes
 * effect on every instance within the policy cache window and costs a warm request nothing.
 *
 * An entry is needed only while a token it voids could still be unexpired; after the longest
 * possible token lifetime it is dropped.
 */
export const principalSubject = (principalId: string) => `P:${principalId}`;
export const keySubject = (principalId: string, clientId: string) => `K:${principalId}:${clientId}`;

/** Longest token lifetime Coffer can be configured with (COFFER_TOKEN_TTL_SECONDS ≤ 43,200) plus skew. */
export const REVOCATION_KEEP_SECONDS = 43_200 + 300;

/** True when the caller's token was voided by a revocation. Users' external tokens are never. */
export const isRevoked = (p: Principal, revoked: Readonly<Record<string, number>> | undefined): boolean => {
  if (!revoked || p.type === 'USER' || p.issuedAt === undefined) return false;
  const byPrincipal = revoked[principalSubject(p.id)];
  if (byPrincipal !== undefined && p.issuedAt <= byPrincipal) return true;
  const byKey = p.clientId ? revoked[keySubject(p.id, p.clientId)] : undefined;
  return byKey !== undefined && p.issuedAt <= byKey;
};
