import type { OpenedSecret, OpenedVersion } from '../../../shared/domain/secrets/read-secrets.js';
import { STATIC_SECRET_TYPE } from '../../../shared/domain/secrets/secret-operations.js';
import type { SecretHead, VersionRecord } from '../../../shared/domain/records.js';
import { presentPrincipal, principalId } from './principal.js';

/**
 * Secrets and versions in HCP's shapes (Secrets20231128Secret, ...OpenSecret, ...SecretStaticVersion,
 * ...OpenSecretStaticVersion). Only the `open` presenters ever emit a value.
 */

/** SecretStaticVersion: metadata of one version. */
export const presentVersion = (v: VersionRecord | OpenedVersion) => ({
  version: v.version,
  created_at: v.createdAt,
  created_by: presentPrincipal(v.createdBy),
});

/** OpenSecretStaticVersion: one version with its value. */
export const presentOpenVersion = (v: OpenedVersion) => ({
  version: v.version,
  created_at: v.createdAt,
  created_by_id: principalId(v.createdBy),
  value: v.value,
});

const syncStatus = (s: SecretHead | OpenedSecret) =>
  Object.fromEntries(
    Object.entries(s.syncStatus ?? {}).map(([sync, st]) => [
      sync,
      { status: st.status, last_error_code: st.lastErrorCode, updated_at: st.updatedAt },
    ]),
  );

/** Secret: metadata, never a value. */
export const presentSecret = (s: SecretHead) => ({
  name: s.name,
  type: STATIC_SECRET_TYPE,
  provider: '',
  latest_version: s.latest.version,
  version_count: String(s.versionCount),
  created_at: s.createdAt,
  created_by: presentPrincipal(s.createdBy),
  sync_status: syncStatus(s),
  static_version: presentVersion(s.latest),
});

/** OpenSecret: the secret with its latest value. */
export const presentOpenSecret = (s: OpenedSecret) => ({
  name: s.name,
  type: STATIC_SECRET_TYPE,
  provider: '',
  latest_version: s.latest.version,
  created_at: s.createdAt,
  created_by_id: principalId(s.createdBy),
  sync_status: syncStatus(s),
  static_version: presentOpenVersion(s.latest),
});

/** ListAppSecretVersions / ListOpenAppSecretVersions: versions wrapped as HCP lists them. */
export const presentVersionList = <T>(versions: readonly T[]) => ({
  type: STATIC_SECRET_TYPE,
  static_versions: { versions: [...versions] },
});
