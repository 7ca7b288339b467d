import { randomBytes } from 'node:crypto';
import { currentDataKey } from '../crypto/app-data-key.js';
import type { DataKeys, UsableDataKey } from '../crypto/data-keys.js';
import { sealValue } from '../crypto/envelope.js';
import { CofferError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { ActorRef } from '../principal.js';
import type { AppRecord, SecretHead, VersionRecord } from '../records.js';
import type { AppScope } from '../scope.js';
import type { AppStore, RevisionClaim, SecretStore } from '../stores.js';
import { requireWritableApp } from '../apps/require-app.js';

export interface WriteDeps {
  apps: AppStore;
  secrets: SecretStore;
  dataKeys: DataKeys;
  clock: Clock;
  /** Waits between contended attempts; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

export interface WriteInput {
  readonly name: string;
  readonly value: string;
  /** 0 = the secret must not exist yet; N = the latest version must be N. */
  readonly expectedVersion?: number;
}

/** Enough for 100 writers racing on one secret: each round one of them wins. */
const MAX_ATTEMPTS = 120;
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const jitter = (attempt: number) => Math.random() * Math.min(50, 2 ** Math.min(attempt, 6));

/**
 * Writes a new version of a secret (creating the secret at version 1).
 *
 * Protocol, each step one conditional item write, so it works on the embedded server (which has no
 * transactions) and a crash at any point leaves readable state:
 *  1. insert version item N+1 of the head's incarnation, only if absent: the winner of this write
 *     owns version N+1, so concurrent writers can never both create it (no lost update, no gap);
 *  2. replace the head, only if it still says N: the head is what readers see.
 * If the owner of N+1 died between 1 and 2, the next writer finds N+1 present but unpublished and
 * publishes it (roll forward) before taking N+2.
 */
export const writeSecret = async (
  deps: WriteDeps,
  scope: AppScope,
  input: WriteInput,
  actor: ActorRef,
  prepared?: PreparedWrite,
  opts: WriteOptions = {},
): Promise<SecretHead> => {
  const readHead = () => deps.secrets.getHead(scope, input.name, { consistent: true });
  // The app check and the first head read are independent: one round trip, not two.
  const [{ app, key, revision }, firstHead] = await Promise.all([
    prepared ?? prepareWrite(deps, scope),
    opts.knownAbsent ? undefined : readHead(),
  ]);
  const sleep = deps.sleep ?? defaultSleep;
  let stuckAt: { gen: string; version: number } | undefined;

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(jitter(attempt));
    const head = attempt === 0 ? firstHead : await readHead();
    const current = head?.latest.version ?? 0;
    if (input.expectedVersion !== undefined && input.expectedVersion !== current) {
      throw versionConflict(input.name, input.expectedVersion, current);
    }
    const next = current + 1;
    const gen = head?.gen ?? randomBytes(12).toString('base64url');
    // A secret's versions never go back in revision, even if a writer that claimed an older
    // revision commits after one that claimed a newer one.
    const record = seal(deps, key, scope, input, next, Math.max(revision, head?.latest.revision ?? 0), actor);

    if ((await deps.secrets.insertVersion(scope, input.name, gen, record)) === 'exists') {
      if (input.expectedVersion !== undefined) throw versionConflict(input.name, input.expectedVersion, next);
      if (head && stuckAt?.gen === head.gen && stuckAt.version === current)
        await rollForward(deps, scope, head);
      stuckAt = head ? { gen: head.gen, version: current } : undefined;
      continue;
    }

    const newHead: SecretHead = {
      name: input.name,
      gen,
      latest: record,
      versionCount: Math.min(next, app.maxVersions),
      createdAt: head?.createdAt ?? record.createdAt,
      createdBy: head?.createdBy ?? actor,
      createdRevision: head?.createdRevision ?? record.revision,
      // Every connected sync has yet to push this version.
      ...(app.syncNames.length > 0
        ? {
            syncStatus: Object.fromEntries(
              app.syncNames.map((s) => [
                s,
                { status: 'PENDING' as const, lastErrorCode: '', updatedAt: record.createdAt },
              ]),
            ),
          }
        : {}),
    };
    if (await deps.secrets.commitHead(scope, newHead, head ? { gen, version: current } : 'absent')) {
      if (!head && !opts.countLater) await deps.apps.adjustSecretCount(scope, 1);
      await prune(deps, scope, input.name, gen, next, app.maxVersions);
      return newHead;
    }
    // The head moved under us. A helper may have published our version for us (roll forward).
    const now = await deps.secrets.getHead(scope, input.name, { consistent: true });
    if (now?.gen === gen && now.latest.version >= next) return { ...newHead, latest: record };
    if (now?.gen !== gen) await deps.secrets.deleteVersions(scope, input.name, gen, [next]);
    if (input.expectedVersion !== undefined)
      throw versionConflict(input.name, input.expectedVersion, now?.latest.version ?? 0);
  }
  throw new CofferError('WRITE_CONTENTION', `too many concurrent writers on secret ${input.name}; retry`);
};

export interface WriteOptions {
  /** The caller has just seen that the secret does not exist: skip the first head read. */
  readonly knownAbsent?: boolean;
  /** The caller adjusts the app's secret count itself (a batch does it once for all it created). */
  readonly countLater?: boolean;
}

export interface PreparedWrite {
  readonly app: AppRecord;
  readonly key: UsableDataKey;
  /** The app revision this change claimed; every version it writes records it. */
  readonly revision: number;
  /** When the revision was claimed (Vault's `created_time` of the revision). */
  readonly revisedAt: string;
}

/**
 * Checks the app accepts writes, settles its data key and claims the next app revision: one change
 * (a single write, a batch, a whole-map write through the Vault API) is one revision. The claim
 * comes first, so a crash after it only leaves a revision that changed nothing.
 *
 * The app check and the claim travel together (one round trip, not two): the claim sent alongside
 * only moves a counter that already exists, which only an app that has been written to and not
 * purged has (a purge deletes the counter with the app's contents), so it cannot create state for a
 * missing or purged app. If the check then refuses, the claimed revision changed nothing. Without a
 * counter (an app's first write), or when an expected revision did not hold, the claim is made again
 * after the check, as a lone claim always was.
 */
export const prepareWrite = async (
  deps: WriteDeps,
  scope: AppScope,
  claim: Omit<RevisionClaim, 'at'> = {},
): Promise<PreparedWrite> => {
  const revisedAt = deps.clock.now().toISOString();
  const [app, early] = await Promise.all([
    requireWritableApp(deps.apps, scope),
    deps.secrets.claimRevision(scope, { ...claim, at: revisedAt, existingOnly: true }),
  ]);
  const key = await currentDataKey(deps, scope, app);
  return { app, key, revision: early ?? (await claimRevision(deps, scope, claim, revisedAt)), revisedAt };
};

/** Moves the app's revision forward; REVISION_CONFLICT when `expected` no longer holds. */
export const claimRevision = async (
  deps: { secrets: SecretStore; clock: Clock },
  scope: AppScope,
  claim: Omit<RevisionClaim, 'at'>,
  at = deps.clock.now().toISOString(),
): Promise<number> => {
  const revision = await deps.secrets.claimRevision(scope, { ...claim, at });
  if (revision === undefined) {
    throw new CofferError(
      'REVISION_CONFLICT',
      `app ${scope.app}: expected revision ${claim.expected} is no longer the current revision`,
    );
  }
  return revision;
};

const seal = (
  deps: WriteDeps,
  key: UsableDataKey,
  scope: AppScope,
  input: WriteInput,
  version: number,
  revision: number,
  actor: ActorRef,
): VersionRecord => ({
  version,
  revision,
  createdAt: deps.clock.now().toISOString(),
  createdBy: actor,
  blob: sealValue(key, { ...scope, secret: input.name, version }, input.value),
});

/** Publishes a version that was inserted but never made it to the head. */
const rollForward = async (deps: WriteDeps, scope: AppScope, head: SecretHead): Promise<void> => {
  const orphan = await deps.secrets.getVersion(scope, head.name, head.gen, head.latest.version + 1);
  if (!orphan) return;
  await deps.secrets.commitHead(
    scope,
    { ...head, latest: orphan, versionCount: head.versionCount + 1 },
    { gen: head.gen, version: head.latest.version },
  );
};

/** Keeps the newest `maxVersions` versions. Best effort: a missed prune is retried by the next write. */
const prune = async (
  deps: WriteDeps,
  scope: AppScope,
  name: string,
  gen: string,
  latest: number,
  maxVersions: number,
) => {
  if (latest <= maxVersions) return;
  const stale = [latest - maxVersions];
  if (latest - maxVersions - 1 >= 1) stale.push(latest - maxVersions - 1);
  await deps.secrets.deleteVersions(scope, name, gen, stale);
};

const versionConflict = (name: string, expected: number, actual: number) =>
  new CofferError(
    'VERSION_CONFLICT',
    `secret ${name}: expected_version ${expected} does not match the latest version (${actual})`,
  );
