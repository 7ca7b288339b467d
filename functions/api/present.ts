import type { OpenedSecret, OpenedVersion } from '../../shared/domain/secrets/read-secrets.js';
import type {
  AppRecord,
  Organization,
  Project,
  SecretHead,
  VersionRecord,
} from '../../shared/domain/records.js';

/** Domain records to HCP Vault Secrets 2023-11-28 JSON shapes. Never emits a value unless opened. */

export const presentOrganization = (o: Organization) => ({ id: o.id, name: o.name, created_at: o.createdAt });

export const presentProject = (p: Project) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  organization_id: p.orgId,
  created_at: p.createdAt,
});

export const presentApp = (a: AppRecord) => ({
  name: a.name,
  description: a.description,
  organization_id: a.orgId,
  project_id: a.projectId,
  resource_name: `secrets/project/${a.projectId}/app/${a.name}`,
  secret_count: String(a.secretCount),
  sync_names: [...a.syncNames],
  created_at: a.createdAt,
  created_by: a.createdBy,
  updated_at: a.updatedAt,
  updated_by: a.updatedBy,
});

export const presentVersion = (v: VersionRecord | OpenedVersion) => ({
  version: String(v.version),
  created_at: v.createdAt,
  created_by: v.createdBy,
});

export const presentOpenVersion = (v: OpenedVersion) => ({ ...presentVersion(v), value: v.value });

const secretMeta = (s: SecretHead | OpenedSecret) => ({
  name: s.name,
  type: 'kv' as const,
  provider: '' as const,
  latest_version: String(s.latest.version),
  version_count: String(s.versionCount),
  created_at: s.createdAt,
  created_by: s.createdBy,
  sync_status: Object.fromEntries(
    Object.entries(s.syncStatus ?? {}).map(([sync, st]) => [
      sync,
      { status: st.status, last_error_code: st.lastErrorCode, updated_at: st.updatedAt },
    ]),
  ),
});

export const presentSecret = (s: SecretHead) => ({
  ...secretMeta(s),
  static_version: presentVersion(s.latest),
});

export const presentOpenSecret = (s: OpenedSecret) => ({
  ...secretMeta(s),
  static_version: presentOpenVersion(s.latest),
});

export const pagination = (next: string) => ({ next_page_token: next, previous_page_token: '' });
