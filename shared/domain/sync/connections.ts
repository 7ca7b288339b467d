import { keyContextFor } from '../crypto/aad.js';
import { CofferError } from '../errors.js';
import type { DataKeys } from '../crypto/data-keys.js';
import { openValue, sealValue } from '../crypto/envelope.js';
import type { Clock } from '../ports.js';
import type { ProjectScope } from '../scope.js';

/**
 * Integration credentials are sealed exactly like secret values, under their own data key and bound
 * to (organization, project, integration name, revision). `_integration` cannot be an app name (app
 * names start with a letter or digit), so no app's key or ciphertext can ever stand in for it.
 */
const INTEGRATION = '_integration';
const bindingOf = (scope: ProjectScope, name: string, revision: number) => ({
  orgId: scope.orgId,
  projectId: scope.projectId,
  app: INTEGRATION,
  secret: name,
  version: revision,
});

export const sealConnection = async (
  deps: { dataKeys: DataKeys; clock: Clock },
  scope: ProjectScope,
  name: string,
  revision: number,
  connection: unknown,
): Promise<Buffer> => {
  const key = await deps.dataKeys.create(
    keyContextFor(scope.orgId, scope.projectId, INTEGRATION),
    deps.clock.now(),
  );
  return sealValue(key, bindingOf(scope, name, revision), JSON.stringify(connection));
};

export const openConnection = async (
  dataKeys: DataKeys,
  scope: ProjectScope,
  name: string,
  revision: number,
  blob: Buffer,
): Promise<unknown> => {
  const json = await openValue(dataKeys, bindingOf(scope, name, revision), blob);
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // Never let JSON.parse's message (it quotes the text, which is credentials) travel on.
    throw new CofferError(
      'INTEGRITY_CHECK_FAILED',
      `integration ${name}: its stored connection is not valid JSON`,
    );
  }
};
