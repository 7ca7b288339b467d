import { CofferError } from '../errors.js';
import type { ActorRef } from '../principal.js';
import type { AppScope } from '../scope.js';
import { openVersionRecords } from './read-secrets.js';
import { deleteSecret } from './delete-secret.js';
import { prepareWrite, writeSecret, type WriteDeps } from './write-secret.js';

export interface MapWriteInput {
  /**
   * 'replace': the app becomes equal to `data` (names absent from it are deleted).
   * 'merge': JSON merge patch; only the names given change, a null deletes.
   */
  readonly mode: 'replace' | 'merge';
  readonly data: Readonly<Record<string, string | null>>;
  /** Check-and-set against the app revision (0: the app must never have been written). */
  readonly cas?: number;
}

export interface MapWriteResult {
  readonly revision: number;
  readonly createdAt: string;
  /** Whether anything changed; an unchanged map claims no revision. */
  readonly changed: boolean;
  readonly syncNames: readonly string[];
}

/** Attempts when another writer moved the revision between our read and our claim (no cas given). */
const MAX_ATTEMPTS = 5;

/**
 * Writes an app's secrets as one map, as one change: one app revision, a new version for each
 * changed value, none for an unchanged one, and a deletion for each name removed. The revision is
 * claimed on the condition that it is still the one the diff was computed from, so a concurrent
 * change is never silently overwritten: with `cas` the caller is told (REVISION_CONFLICT); without,
 * the diff is recomputed. The store has no transactions: readers may see the change land secret by
 * secret within its revision, never a secret in a half-written state.
 */
export const writeAppMap = async (
  deps: WriteDeps,
  scope: AppScope,
  input: MapWriteInput,
  actor: ActorRef,
): Promise<MapWriteResult> => {
  for (let attempt = 0; ; attempt++) {
    const { state, heads } = await deps.secrets.readCurrent(scope);
    if (state.casRequired && input.cas === undefined) {
      throw new CofferError('INVALID_ARGUMENT', 'check-and-set parameter required for this call');
    }
    if (input.cas !== undefined && input.cas !== state.revision) throw casMismatch();
    const opened = await openVersionRecords(
      deps.dataKeys,
      scope,
      heads.map((h) => ({ name: h.name, record: h.latest })),
    );
    const current = new Map(heads.map((h, i) => [h.name, opened[i]?.value]));
    const changed = Object.entries(input.data).filter(
      (e): e is [string, string] => e[1] !== null && current.get(e[0]) !== e[1],
    );
    const removed = heads.filter((h) =>
      input.mode === 'replace' ? !(h.name in input.data) : input.data[h.name] === null,
    );
    if (changed.length === 0 && removed.length === 0) {
      const app = await deps.apps.getApp(scope);
      return {
        revision: state.revision,
        createdAt: state.revisedAt ?? '',
        changed: false,
        syncNames: app?.syncNames ?? [],
      };
    }
    let prepared;
    try {
      prepared = await prepareWrite(deps, scope, {
        expected: state.revision,
        deleted: removed.map((h) => ({ name: h.name, createdRevision: h.createdRevision })),
      });
    } catch (err) {
      const raced = err instanceof CofferError && err.code === 'REVISION_CONFLICT';
      if (raced && input.cas !== undefined) throw casMismatch();
      if (raced && attempt + 1 < MAX_ATTEMPTS) continue;
      throw err;
    }
    await Promise.all(
      changed.map(([name, value]) => writeSecret(deps, scope, { name, value }, actor, prepared)),
    );
    for (const h of removed) {
      try {
        await deleteSecret(deps, scope, h.name, true);
      } catch (err) {
        // Deleted meanwhile by someone else: the map is as asked.
        if (!(err instanceof CofferError && err.code === 'SECRET_NOT_FOUND')) throw err;
      }
    }
    return {
      revision: prepared.revision,
      createdAt: prepared.revisedAt,
      changed: true,
      syncNames: prepared.app.syncNames,
    };
  }
};

const casMismatch = () =>
  new CofferError('REVISION_CONFLICT', 'check-and-set parameter did not match the current version');
