import { CofferError } from '../errors.js';
import type { AppScope } from '../scope.js';
import type { Clock } from '../ports.js';
import type { AppStore, SecretStore } from '../stores.js';
import { getSecret } from './read-secrets.js';
import { claimRevision } from './write-secret.js';

/**
 * Deletes a secret and all its versions. The head goes first: from that moment the secret is gone for
 * every reader, and any history item left by a crash belongs to a dead incarnation that no future
 * secret of the same name can pick up.
 *
 * The deletion is a change of the app, so it claims the next app revision and leaves a tombstone
 * there (one conditional update): the revisions this incarnation lived in can no longer be
 * rebuilt. A caller that already claimed the revision for a larger change (a whole-map write)
 * passes `claimed` and recorded the tombstone with its claim.
 */
export const deleteSecret = async (
  deps: { secrets: SecretStore; apps: AppStore; clock: Clock },
  scope: AppScope,
  name: string,
  claimed = false,
): Promise<void> => {
  const head = await getSecret(deps, scope, name);
  if (!claimed) {
    await claimRevision(deps, scope, { deleted: [{ name, createdRevision: head.createdRevision }] });
  }
  if (!(await deps.secrets.deleteHead(scope, name, head.gen))) {
    throw new CofferError('SECRET_NOT_FOUND', `secret ${name} not found`);
  }
  await deps.apps.adjustSecretCount(scope, -1);
  await deps.secrets.deleteVersions(scope, name, head.gen, 'all');
};
