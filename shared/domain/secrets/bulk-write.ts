import { CofferError } from '../errors.js';
import type { ActorRef } from '../principal.js';
import type { SecretHead } from '../records.js';
import type { AppScope } from '../scope.js';
import { prepareWrite, writeSecret, type WriteDeps } from './write-secret.js';

export const MAX_BATCH = 100;

/**
 * Writes up to 100 secrets. With conflicts=FAIL nothing is written if any name already exists; if a
 * concurrent writer creates one mid-batch, the secrets this batch created are removed again, so the
 * batch is all or nothing. With conflicts=UPDATE existing secrets get a new version.
 */
export const bulkWrite = async (
  deps: WriteDeps,
  scope: AppScope,
  entries: readonly { name: string; value: string }[],
  conflicts: 'FAIL' | 'UPDATE',
  actor: ActorRef,
): Promise<SecretHead[]> => {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name))
      throw new CofferError('INVALID_ARGUMENT', `secret ${e.name} appears twice in the batch`);
    seen.add(e.name);
  }
  const prepared = await prepareWrite(deps, scope);
  if (conflicts === 'FAIL') {
    const taken = (
      await deps.secrets.getHeads(
        scope,
        entries.map((e) => e.name),
      )
    ).map((h) => h.name);
    if (taken.length > 0) {
      throw new CofferError('SECRET_ALREADY_EXISTS', `secrets already exist: ${taken.sort().join(', ')}`);
    }
  }
  const written: SecretHead[] = [];
  try {
    for (const e of entries) {
      const expectedVersion = conflicts === 'FAIL' ? 0 : undefined;
      written.push(await writeSecret(deps, scope, { ...e, expectedVersion }, actor, prepared));
    }
  } catch (err) {
    if (conflicts === 'FAIL') {
      for (const h of written) {
        if (await deps.secrets.deleteHead(scope, h.name, h.gen)) {
          await deps.apps.adjustSecretCount(scope, -1);
          await deps.secrets.deleteVersions(scope, h.name, h.gen, 'all');
        }
      }
      if (err instanceof CofferError && err.code === 'VERSION_CONFLICT') {
        throw new CofferError(
          'SECRET_ALREADY_EXISTS',
          'a secret in the batch was created concurrently; nothing was written',
          { cause: err },
        );
      }
    }
    throw err;
  }
  return written;
};
