import type { AppRecord } from '../../../shared/domain/records.js';
import { presentPrincipal } from './principal.js';

/** HCP's `resource_name` of an app; OpenAppSecretByResourceName takes it with `/secret/{name}` added. */
export const appResourceName = (projectId: string, app: string) => `secrets/project/${projectId}/app/${app}`;

/** Secrets20231128App. */
export const presentApp = (a: AppRecord) => ({
  name: a.name,
  description: a.description,
  organization_id: a.orgId,
  project_id: a.projectId,
  resource_id: a.resourceId,
  resource_name: appResourceName(a.projectId, a.name),
  secret_count: a.secretCount,
  sync_names: [...a.syncNames],
  created_at: a.createdAt,
  created_by: presentPrincipal(a.createdBy),
  updated_at: a.updatedAt,
  updated_by: presentPrincipal(a.updatedBy),
});
