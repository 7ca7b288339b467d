import { CofferError } from '../errors.js';
import type { ActorRef } from '../principal.js';
import type { SecretHead } from '../records.js';
import type { AppScope } from '../scope.js';
import { prepareWrite, writeSecret, type WriteDeps } from './write-secret.js';

export const MAX_BATCH = 100;
/**
 * Secrets of one batch written at the same time. Each is its own short chain of conditional writes
 * on its own items, so they need no order; 16 at a time turns 100 secrets into about 7 sequential
 * waves of round trips instead of 100, while one batch stays a modest burst on its app's partition.
 */
export const BATCH_CONCURRENCY = 16;

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
  const fail = conflicts === 'FAIL';
  // The app check and (for FAIL) the existence check go out together.
  const [prepared, existing] = await Promise.all([
    prepareWrite(deps, scope),
    fail
      ? deps.secrets.getHeads(
          scope,
          entries.map((e) => e.name),
        )
      : [],
  ]);
  if (existing.length > 0) {
    const taken = existing.map((h) => h.name).sort();
    throw new CofferError('SECRET_ALREADY_EXISTS', `secrets already exist: ${taken.join(', ')}`);
  }
  const written: (SecretHead | undefined)[] = new Array<SecretHead | undefined>(entries.length);
  let failure: unknown;
  let nextIndex = 0;
  const worker = async () => {
    while (failure === undefined && nextIndex < entries.length) {
      const i = nextIndex++;
      const e = entries[i] as { name: string; value: string };
      try {
        written[i] = await writeSecret(
          deps,
          scope,
          { ...e, expectedVersion: fail ? 0 : undefined },
          actor,
          prepared,
          { knownAbsent: fail, countLater: true },
        );
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, entries.length) }, worker));
  const heads = written.filter((h): h is SecretHead => h !== undefined);
  // Version 1 of a head means this batch created the secret (a new incarnation starts at 1).
  const created = heads.filter((h) => h.latest.version === 1).length;
  if (failure === undefined) {
    if (created > 0) await deps.apps.adjustSecretCount(scope, created);
    return heads;
  }
  if (fail) {
    for (const h of heads) {
      if (await deps.secrets.deleteHead(scope, h.name, h.gen))
        await deps.secrets.deleteVersions(scope, h.name, h.gen, 'all');
    }
    if (failure instanceof CofferError && failure.code === 'VERSION_CONFLICT') {
      throw new CofferError(
        'SECRET_ALREADY_EXISTS',
        'a secret in the batch was created concurrently; nothing was written',
        { cause: failure },
      );
    }
  } else if (created > 0) await deps.apps.adjustSecretCount(scope, created);
  throw failure;
};
