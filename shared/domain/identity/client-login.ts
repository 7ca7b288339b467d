import { CofferError } from '../errors.js';
import type { Principal } from '../principal.js';
import type { DirectoryStore } from '../stores.js';
import type { AccessTokens } from './access-tokens.js';
import { clientSecretMatches, hashClientSecret } from './client-credentials.js';

/** Compared against when the client id is unknown, so both paths do the same work. */
const DUMMY_HASH = hashClientSecret('coffer-unknown-client');

/** OAuth 2.0 client credentials grant: a service principal's key for a short-lived access token. */
export const loginWithClientCredentials = async (
  deps: { directory: DirectoryStore; tokens: AccessTokens },
  clientId: string,
  clientSecret: string,
) => {
  const key = await deps.directory.findClientKey(clientId);
  const ok = clientSecretMatches(clientSecret, key?.secretHash ?? DUMMY_HASH);
  if (!key || !ok) throw new CofferError('INVALID_CLIENT', 'client authentication failed');
  const principal: Principal = { id: key.principalId, type: 'SERVICE', name: key.principalName };
  return deps.tokens.issue(principal);
};
