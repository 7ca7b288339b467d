import type { DataKeys } from '../crypto/data-keys.js';
import { openValues } from '../crypto/envelope.js';
import { CofferError } from '../errors.js';
import type { Page, PageRequest } from '../ports.js';
import type { SecretHead, VersionRecord } from '../records.js';
import type { AppScope } from '../scope.js';
import type { AppStore, SecretStore } from '../stores.js';
import { appNotFound } from '../apps/require-app.js';

/** A version with its value revealed. Exists only in memory on the way to the caller. */
export interface OpenedVersion extends Omit<VersionRecord, 'blob'> {
  readonly value: string;
}

export interface OpenedSecret extends Omit<SecretHead, 'latest'> {
  readonly latest: OpenedVersion;
}

const secretNotFound = (name: string) => new CofferError('SECRET_NOT_FOUND', `secret ${name} not found`);

/**
 * A secret's head, or SECRET_NOT_FOUND / APP_NOT_FOUND. The hot path is one strongly consistent
 * GetItem (so a value read right after a write is that write); only a miss looks at the app, to
 * say which of the two is absent.
 */
export const getSecret = async (
  deps: { secrets: SecretStore; apps: AppStore },
  scope: AppScope,
  name: string,
): Promise<SecretHead> => {
  const head = await deps.secrets.getHead(scope, name, { consistent: true });
  if (head) return head;
  if (!(await deps.apps.getApp(scope))) throw appNotFound(scope);
  throw secretNotFound(name);
};

/**
 * Opens version records (each with its secret's name) in one pass: one key unwrap per data key and
 * no await per value (see openValues). Every read that returns values goes through here.
 */
export const openVersionRecords = async (
  dataKeys: DataKeys,
  scope: AppScope,
  named: readonly { readonly name: string; readonly record: VersionRecord }[],
): Promise<OpenedVersion[]> => {
  const { orgId, projectId, app } = scope;
  const values = await openValues(
    dataKeys,
    named.map(({ name, record }) => ({
      binding: { orgId, projectId, app, secret: name, version: record.version },
      blob: record.blob,
    })),
  );
  // Fields named one by one: object rest (`{ blob, ...meta }`) takes V8's slow path, once a value.
  return named.map(({ record: { version, revision, createdAt, createdBy } }, i) => ({
    version,
    revision,
    createdAt,
    createdBy,
    value: values[i] as string,
  }));
};

export const openVersionRecord = async (
  dataKeys: DataKeys,
  scope: AppScope,
  name: string,
  record: VersionRecord,
): Promise<OpenedVersion> =>
  (await openVersionRecords(dataKeys, scope, [{ name, record }]))[0] as OpenedVersion;

/** Heads with their latest values (open-all opens a page of them at once). */
export const openHeads = async (
  dataKeys: DataKeys,
  scope: AppScope,
  heads: readonly SecretHead[],
): Promise<OpenedSecret[]> => {
  const latest = await openVersionRecords(
    dataKeys,
    scope,
    heads.map((h) => ({ name: h.name, record: h.latest })),
  );
  return heads.map((head, i) => ({ ...head, latest: latest[i] as OpenedVersion }));
};

export const openHead = async (
  dataKeys: DataKeys,
  scope: AppScope,
  head: SecretHead,
): Promise<OpenedSecret> => (await openHeads(dataKeys, scope, [head]))[0] as OpenedSecret;

/** One page of an app's secrets. Listing never decrypts; `secrets:open` opens the same page. */
export const listSecrets = async (
  deps: { secrets: SecretStore; apps: AppStore },
  scope: AppScope,
  page: PageRequest,
  filter: { nameContains?: string } = {},
): Promise<Page<SecretHead>> => {
  const result = await deps.secrets.listHeads(scope, page, filter);
  if (result.items.length === 0 && !page.cursor && !(await deps.apps.getApp(scope))) throw appNotFound(scope);
  return result;
};

export const getVersion = async (
  deps: { secrets: SecretStore; apps: AppStore },
  scope: AppScope,
  name: string,
  version: number,
): Promise<VersionRecord> => {
  const head = await getSecret(deps, scope, name);
  // The head always holds the latest version, even if its history copy was never written.
  if (version === head.latest.version) return head.latest;
  const record =
    version < head.latest.version ? await deps.secrets.getVersion(scope, name, head.gen, version) : undefined;
  if (!record) throw new CofferError('VERSION_NOT_FOUND', `version ${version} of secret ${name} not found`);
  return record;
};

export const listVersions = async (
  deps: { secrets: SecretStore; apps: AppStore },
  scope: AppScope,
  name: string,
  page: PageRequest,
): Promise<Page<VersionRecord>> => {
  const head = await getSecret(deps, scope, name);
  const result = await deps.secrets.listVersions(scope, name, head.gen, page);
  // Versions newer than the head (an unpublished write) are not shown until they are committed.
  return { ...result, items: result.items.filter((v) => v.version <= head.latest.version) };
};
