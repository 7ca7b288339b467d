import { CofferError } from '../errors.js';
import type { Principal } from '../principal.js';
import type { PrincipalStore } from '../stores.js';
import type { AccessTokens } from './access-tokens.js';
import { clientSecretMatches, hashClientSecret } from './client-credentials.js';

/** Compared against when the client id is unknown, so both paths do the same work. */
const DUMMY_HASH = hashClientSecret('coffer-unknown-client');

/** OAuth 2.0 client credentials grant: a service principal's key for a short-lived access token. */
export const loginWithClientCredentials = async (
  deps: { principals: PrincipalStore; tokens: AccessTokens },
  clientId: string,
  clientSecret: string,
  /** Told the key's organization as soon as it is known, so even a failed login is audited there. */
  onOrganization: (orgId: string) => void = () => undefined,
) => {
  const key = await deps.principals.findClientKey(clientId);
  if (key) onOrganization(key.orgId);
  const ok = clientSecretMatches(clientSecret, key?.secretHash ?? DUMMY_HASH);
  if (!key || !ok) throw new CofferError('INVALID_CLIENT', 'client authentication failed');
  const principal: Principal = { id: key.principalId, type: 'SERVICE', name: key.principalName };
  return { ...(await deps.tokens.issue(principal)), principal, orgId: key.orgId };
};
