import { z } from '@hono/zod-openapi';
import {
  AppName,
  Description,
  DisplayName,
  ExpectedVersion,
  ResourceId,
  SecretName,
  SecretValue,
  VersionNumber,
} from '../../shared/domain/names.js';

/**
 * Request and response schemas. Requests are validated with these and /openapi.json is generated
 * from them, so the document cannot drift from the code. Request bodies are strict: an unknown field
 * is a 400, not silently ignored.
 */

export const ErrorBody = z
  .object({ code: z.number().int(), message: z.string(), details: z.array(z.unknown()) })
  .openapi('Error');

const Actor = z
  .object({ name: z.string(), type: z.enum(['USER', 'SERVICE', 'WORKLOAD']) })
  .openapi('Principal');
const Int64 = z
  .string()
  .regex(/^\d+$/)
  .openapi({ description: '64-bit integer as a decimal string', example: '2' });

// ---- parameters ----
export const OrgParams = z.object({
  organization_id: ResourceId.openapi({ param: { name: 'organization_id', in: 'path' } }),
});
export const ProjectParams = OrgParams.extend({
  project_id: ResourceId.openapi({ param: { name: 'project_id', in: 'path' } }),
});
export const AppParams = ProjectParams.extend({
  app_name: AppName.openapi({ param: { name: 'app_name', in: 'path' } }),
});
export const SecretParams = AppParams.extend({
  secret_name: SecretName.openapi({ param: { name: 'secret_name', in: 'path' } }),
});
export const VersionParams = SecretParams.extend({
  version: VersionNumber.openapi({ param: { name: 'version', in: 'path' }, type: 'string' }),
});

export const PageQuery = z.object({
  'pagination.page_size': z.coerce
    .number()
    .int('page_size must be an integer')
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ param: { name: 'pagination.page_size', in: 'query' }, type: 'integer' }),
  'pagination.next_page_token': z
    .string()
    .max(2048)
    .optional()
    .openapi({ param: { name: 'pagination.next_page_token', in: 'query' } }),
});
export const SecretListQuery = PageQuery.extend({
  name_contains: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_]*$/, 'name_contains may only hold characters allowed in secret names')
    .optional()
    .openapi({ param: { name: 'name_contains', in: 'query' } }),
});

export const Pagination = z
  .object({ next_page_token: z.string(), previous_page_token: z.string() })
  .openapi('Pagination');

// ---- resource manager ----
export const Organization = z
  .object({ id: z.string(), name: z.string(), created_at: z.string() })
  .openapi('Organization');
export const Project = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    organization_id: z.string(),
    created_at: z.string(),
  })
  .openapi('Project');
export const CreateOrganizationBody = z
  .strictObject({ name: DisplayName })
  .openapi('CreateOrganizationRequest');
export const CreateProjectBody = z
  .strictObject({
    name: DisplayName,
    description: Description.default(''),
    parent: z.strictObject({ type: z.literal('ORGANIZATION'), id: ResourceId }),
  })
  .openapi('CreateProjectRequest');
export const ProjectListQuery = PageQuery.extend({
  'scope.type': z.literal('ORGANIZATION').openapi({ param: { name: 'scope.type', in: 'query' } }),
  'scope.id': ResourceId.openapi({ param: { name: 'scope.id', in: 'query' } }),
});

// ---- apps ----
export const App = z
  .object({
    name: z.string(),
    description: z.string(),
    organization_id: z.string(),
    project_id: z.string(),
    resource_name: z.string(),
    secret_count: Int64,
    sync_names: z.array(z.string()),
    created_at: z.string(),
    created_by: Actor,
    updated_at: z.string(),
    updated_by: Actor,
  })
  .openapi('App');
export const CreateAppBody = z
  .strictObject({ name: AppName, description: Description.default('') })
  .openapi('CreateAppRequest');
export const UpdateAppBody = z
  .strictObject({ description: Description.optional() })
  .openapi('UpdateAppRequest');

// ---- secrets ----
const StaticVersionMeta = z.object({ version: Int64, created_at: z.string(), created_by: Actor });
export const Version = StaticVersionMeta.openapi('SecretStaticVersion');
export const OpenVersion = StaticVersionMeta.extend({ value: z.string() }).openapi('OpenSecretStaticVersion');
const SyncStatus = z.object({ status: z.string(), last_error_code: z.string(), updated_at: z.string() });
const secretFields = {
  name: z.string(),
  type: z.literal('kv'),
  provider: z.literal(''),
  latest_version: Int64,
  version_count: Int64,
  created_at: z.string(),
  created_by: Actor,
  sync_status: z.record(z.string(), SyncStatus),
};
export const Secret = z.object({ ...secretFields, static_version: Version }).openapi('Secret');
export const OpenSecret = z.object({ ...secretFields, static_version: OpenVersion }).openapi('OpenSecret');
export const CreateSecretBody = z
  .strictObject({
    name: SecretName,
    value: SecretValue,
    expected_version: ExpectedVersion.optional().openapi({
      type: 'string',
      description: 'Check-and-set: "0" = must not exist yet, "N" = latest version must be N.',
    }),
  })
  .openapi('CreateAppKVSecretRequest');
export const BatchBody = z
  .strictObject({
    secrets: z
      .array(z.strictObject({ name: SecretName, value: SecretValue }))
      .min(1, 'secrets must not be empty')
      .max(100, 'at most 100 secrets per batch'),
    conflicts: z.enum(['FAIL', 'UPDATE']).default('FAIL'),
  })
  .openapi('CreateAppKVSecretsBatchRequest');

// ---- identity ----
export const TokenBody = z.object({
  grant_type: z.literal('client_credentials', { error: 'unsupported grant_type' }),
  client_id: z.string().min(1).max(256).optional(),
  client_secret: z.string().min(1).max(1024).optional(),
  audience: z.string().max(256).optional(),
  scope: z.string().max(1024).optional(),
});
export const TokenResponse = z
  .object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() })
  .openapi('TokenResponse');
export const CallerIdentity = z
  .object({
    principal: z.object({ id: z.string(), type: z.enum(['USER', 'SERVICE', 'WORKLOAD']), name: z.string() }),
  })
  .openapi('CallerIdentity');
