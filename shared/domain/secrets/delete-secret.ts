import { CofferError } from '../errors.js';
import type { AppScope } from '../scope.js';
import type { AppStore, SecretStore } from '../stores.js';
import { getSecret } from './read-secrets.js';

/**
 * Deletes a secret and all its versions. The head goes first: from that moment the secret is gone for
 * every reader, and any history item left by a crash belongs to a dead incarnation that no future
 * secret of the same name can pick up.
 */
export const deleteSecret = async (
  deps: { secrets: SecretStore; apps: AppStore },
  scope: AppScope,
  name: string,
): Promise<void> => {
  const head = await getSecret(deps, scope, name);
  if (!(await deps.secrets.deleteHead(scope, name, head.gen))) {
    throw new CofferError('SECRET_NOT_FOUND', `secret ${name} not found`);
  }
  await deps.apps.adjustSecretCount(scope, -1);
  await deps.secrets.deleteVersions(scope, name, head.gen, 'all');
};
