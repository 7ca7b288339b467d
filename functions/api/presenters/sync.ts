import type { AppRecord } from '../../../shared/domain/records.js';
import type { AppSyncStatus, Integration, SyncConfig } from '../../../shared/domain/sync/records.js';
import { principalId } from './principal.js';

/** Secrets20231128Integration (never its credentials). */
export const presentIntegration = (projectId: string, i: Integration) => ({
  name: i.name,
  provider: i.provider,
  capabilities: ['SYNC' as const],
  resource_name: `secrets/project/${projectId}/integration/${i.name}`,
  created_at: i.createdAt,
  created_by_id: principalId(i.createdBy),
  updated_at: i.updatedAt,
});

/** Secrets20231128Sync with Coffer's destination settings. */
export const presentSync = (projectId: string, s: SyncConfig) => ({
  name: s.name,
  integration_name: s.integrationName,
  type: s.provider,
  resource_name: `secrets/project/${projectId}/sync/${s.name}`,
  created_at: s.createdAt,
  created_by_id: principalId(s.createdBy),
  provider: s.provider,
  target: { ...s.target },
  delete_behavior: s.deleteBehavior,
});

/** Secrets20231128AppSync: one connected sync's last run (PENDING until the first). */
export const presentAppSync = (app: AppRecord, name: string, run: AppSyncStatus | undefined) => ({
  sync_name: name,
  aggregated_status: run?.status ?? 'PENDING',
  aggregated_error_code: run?.lastErrorCode ?? '',
  last_synced_at: run?.lastSyncAt ?? '',
  num_secrets: String(app.secretCount),
  counts: { ...run?.counts },
});
