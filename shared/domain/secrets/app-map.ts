import type { DataKeys } from '../crypto/data-keys.js';
import { CofferError } from '../errors.js';
import type { AppRevisionState, VersionRecord } from '../records.js';
import type { AppScope } from '../scope.js';
import type { AppStore, SecretStore } from '../stores.js';
import { appNotFound } from '../apps/require-app.js';
import { openVersionRecords } from './read-secrets.js';

/**
 * An app's secrets as one map `{NAME: value}` at one app revision: what the Vault KV v2 API shows at
 * `secret/data/{app}`. `data` is null when the revision can no longer be rebuilt (a version it
 * needs was pruned, or a secret alive then was deleted since): Vault's "destroyed".
 */
export interface AppMap {
  readonly revision: number;
  readonly createdAt: string;
  readonly data: Readonly<Record<string, string>> | null;
  readonly customMetadata?: Readonly<Record<string, string>>;
}

type Deps = { secrets: SecretStore; apps: AppStore; dataKeys: DataKeys };

/** The current map: one Query (the revision item and every head), never a second round trip. */
export const readAppMap = async (deps: Deps, scope: AppScope): Promise<AppMap> => {
  const { state, heads } = await deps.secrets.readCurrent(scope);
  if (heads.length === 0) await requireWrittenApp(deps, scope, state);
  const named = heads.map((h) => ({ name: h.name, record: h.latest }));
  return {
    revision: state.revision,
    createdAt: state.revisedAt ?? latestTime(heads.map((h) => h.latest)) ?? '',
    data: await dataOf(deps, scope, named),
    ...meta(state),
  };
};

/**
 * The map as it was at `revision`: for each secret, its latest version written at or before that
 * revision. Reads the app's whole partition (heads and kept versions), so it costs more than the
 * current map; it is for looking back, not for the hot path.
 */
export const readAppMapAt = async (deps: Deps, scope: AppScope, revision: number): Promise<AppMap> => {
  const { state, heads, versions } = await deps.secrets.readHistory(scope);
  if (heads.length === 0) await requireWrittenApp(deps, scope, state);
  if (revision < 1 || revision > state.revision) {
    throw new CofferError('VERSION_NOT_FOUND', `app ${scope.app} has no revision ${revision}`);
  }
  const chosen: { name: string; record: VersionRecord }[] = [];
  let lost = state.tombstones.some((t) => t.createdRevision <= revision && revision < t.deletedRevision);
  for (const head of heads) {
    if (lost) break;
    // Versions of this incarnation that were published (a version above the head is unpublished).
    const records = versions
      .filter((v) => v.name === head.name && v.gen === head.gen && v.record.version < head.latest.version)
      .map((v) => v.record)
      .concat(head.latest);
    const candidate = records
      .filter((r) => r.revision <= revision)
      .reduce<VersionRecord | undefined>((a, r) => (a && a.version > r.version ? a : r), undefined);
    if (candidate) chosen.push({ name: head.name, record: candidate });
    else if (head.createdRevision <= revision) lost = true; // it existed then; that version was pruned
  }
  const at = chosen.filter((c) => c.record.revision === revision).map((c) => c.record);
  const createdAt = latestTime(at) ?? latestTime(chosen.map((c) => c.record)) ?? state.revisedAt ?? '';
  if (lost) return { revision, createdAt, data: null, ...meta(state) };
  return { revision, createdAt, data: await dataOf(deps, scope, chosen), ...meta(state) };
};

/** The map's values by secret name, opened in one pass. */
const dataOf = async (
  deps: Deps,
  scope: AppScope,
  named: readonly { name: string; record: VersionRecord }[],
): Promise<Record<string, string>> => {
  const opened = await openVersionRecords(deps.dataKeys, scope, named);
  return Object.fromEntries(named.map((n, i) => [n.name, opened[i]?.value as string]));
};

/** An app with no secrets is a Vault path only if something was ever written to it. */
const requireWrittenApp = async (deps: Deps, scope: AppScope, state: AppRevisionState) => {
  if (!(await deps.apps.getApp(scope))) throw appNotFound(scope);
  if (state.revision === 0) throw new CofferError('SECRET_NOT_FOUND', `app ${scope.app} holds no secrets`);
};

const latestTime = (records: readonly { createdAt: string }[]) =>
  records
    .map((r) => r.createdAt)
    .sort()
    .at(-1);

const meta = (state: AppRevisionState) =>
  state.customMetadata ? { customMetadata: state.customMetadata } : {};
