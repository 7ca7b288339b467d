import { z } from '@hono/zod-openapi';
import { Timestamp } from './common.js';

/**
 * Integrations and syncs. The response fields HCP defines (Secrets20231128Integration, ...Sync,
 * ...AppSync) keep HCP's names and types; Coffer's destinations add `target`, `delete_behavior` and
 * per-action `counts`. Requests use Coffer's `connection` and `target` objects (docs/API.md).
 */
export const Provider = z.enum(['github', 'vercel', 'aws', 'gcp', 'azure']);
const ResourceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,35}$/, 'names are 3-36 characters of a-z, 0-9 and -');

export const Integration = z
  .object({
    name: z.string(),
    provider: Provider,
    capabilities: z.array(z.enum(['DYNAMIC', 'ROTATION', 'SYNC'])),
    resource_name: z.string(),
    created_at: Timestamp,
    created_by_id: z.string(),
    updated_at: Timestamp,
  })
  .openapi('Integration');
export const CreateIntegrationBody = z
  .strictObject({
    name: ResourceName,
    provider: Provider,
    capabilities: z.array(z.literal('SYNC')).nullish(),
    connection: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'Provider credentials (Coffer); sealed, never returned.' }),
  })
  .openapi('CreateIntegrationRequest');
export const UpdateIntegrationBody = z
  .strictObject({ connection: z.record(z.string(), z.unknown()) })
  .openapi('UpdateIntegrationRequest');

export const Sync = z
  .object({
    name: z.string(),
    integration_name: z.string(),
    type: z.string().openapi({ description: 'The destination kind (the integration’s provider).' }),
    resource_name: z.string(),
    created_at: Timestamp,
    created_by_id: z.string(),
    provider: Provider,
    target: z.record(z.string(), z.unknown()),
    delete_behavior: z.enum(['DELETE', 'LEAVE']),
  })
  .openapi('Sync');
export const CreateSyncBody = z
  .strictObject({
    name: ResourceName,
    integration_name: ResourceName,
    type: z.string().max(32).optional().openapi({ description: 'Ignored: the integration decides.' }),
    target: z.record(z.string(), z.unknown()),
    delete_behavior: z.enum(['DELETE', 'LEAVE']).optional().openapi({ description: 'Default DELETE.' }),
  })
  .openapi('CreateSyncRequest');

export const AppSync = z
  .object({
    sync_name: z.string(),
    aggregated_status: z.string(),
    aggregated_error_code: z.string(),
    last_synced_at: z.string(),
    num_secrets: z.string(),
    counts: z.record(z.string(), z.number()).openapi({ description: 'Coffer: last run’s actions.' }),
  })
  .openapi('AppSync');
export const SyncPlan = z
  .object({
    actions: z.array(
      z.object({
        secret_name: z.string(),
        destination_name: z.string(),
        action: z.string(),
        reason: z.string().optional(),
      }),
    ),
  })
  .openapi('SyncPlan');

export const IntegrationResponse = z.object({ integration: Integration });
export const ListIntegrationsResponse = z.object({ integrations: z.array(Integration) });
export const SyncResponse = z.object({ sync: Sync });
export const ListSyncsResponse = z.object({ syncs: z.array(Sync) });
export const AppSyncsResponse = z.object({ syncs: z.array(AppSync) });
