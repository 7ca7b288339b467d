import { CofferError } from '../errors.js';
import type { Principal } from '../principal.js';
import { unsafeOrgScope } from '../scope.js';
import type { PrincipalStore } from '../stores.js';
import type { AccessTokens } from './access-tokens.js';
import { conditionHolds } from './conditions.js';
import type { ExternalTokens } from './external-tokens.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const SUBJECT_TOKEN_TYPES = [
  'urn:ietf:params:oauth:token-type:jwt',
  'urn:ietf:params:oauth:token-type:id_token',
  'urn:ietf:params:oauth:token-type:access_token',
];

/**
 * The provider a token exchange targets, named by its resource name:
 * `organizations/{org}/service-principals/{principal}/workload-identity-providers/{name}`.
 */
const RESOURCE =
  /^organizations\/([0-9a-f-]{36})\/service-principals\/([0-9a-f-]{36})\/workload-identity-providers\/([a-z0-9][a-z0-9-]{0,63})$/;

export const providerResourceName = (orgId: string, principalId: string, name: string) =>
  `organizations/${orgId}/service-principals/${principalId}/workload-identity-providers/${name}`;

export interface ExchangeResult {
  readonly token: string;
  readonly expiresIn: number;
  readonly principal: Principal;
  readonly orgId: string;
}

/**
 * RFC 8693 token exchange for workload identity federation: an external token (GitHub Actions,
 * Kubernetes, any OIDC issuer) that the named provider accepts becomes a short-lived Coffer token
 * for the provider's service principal. Every refusal is the same 401 to the caller; the reason goes
 * to the audit trail.
 */
export const exchangeWorkloadToken = async (
  deps: { principals: PrincipalStore; external: ExternalTokens; tokens: AccessTokens },
  input: { subjectToken: string; subjectTokenType: string; resource: string },
): Promise<ExchangeResult> => {
  if (!SUBJECT_TOKEN_TYPES.includes(input.subjectTokenType)) {
    throw new CofferError(
      'INVALID_ARGUMENT',
      'subject_token_type must be a JWT, ID token or access token type',
    );
  }
  const m = RESOURCE.exec(input.resource);
  if (!m) throw new CofferError('INVALID_ARGUMENT', 'resource must name a workload identity provider');
  const [, orgId, principalId, name] = m as unknown as [string, string, string, string];
  const org = unsafeOrgScope(orgId); // the provider record itself decides; nothing is revealed on failure
  const provider = await deps.principals.getProvider(org, principalId, name);
  if (!provider) throw denied('EXCHANGE_UNKNOWN_PROVIDER');
  const claims = await deps.external.verifyFrom(input.subjectToken, provider.issuer, provider.audiences);
  if (!conditionHolds(provider.conditionalAccess, claims as Record<string, unknown>)) {
    throw denied('EXCHANGE_CONDITION_FAILED');
  }
  const sp = await deps.principals.getServicePrincipal(org, principalId);
  if (!sp) throw denied('EXCHANGE_PRINCIPAL_GONE');
  const principal: Principal = {
    id: sp.id,
    type: 'WORKLOAD',
    name: sp.name,
    ...(sp.projectId ? { projectId: sp.projectId } : {}),
  };
  const issued = await deps.tokens.issue(principal);
  return { ...issued, principal, orgId };
};

/** One answer for every refusal ("invalid token"); which check failed goes to the audit event only. */
const denied = (reason: string) => new CofferError('UNAUTHENTICATED', 'invalid token', { reason });
