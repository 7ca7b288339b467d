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
import { MAX_BATCH } from '../../shared/domain/secrets/bulk-write.js';

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
const ResourceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,35}$/, 'names are 3-36 characters of a-z, 0-9 and -');
export const UpdateAppBody = z
  .strictObject({
    description: Description.optional(),
    sync_names: z
      .array(ResourceName)
      .max(20)
      .optional()
      .openapi({ description: 'Connect the app to exactly these syncs.' }),
  })
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
      .max(MAX_BATCH, `at most ${MAX_BATCH} secrets per batch`),
    conflicts: z.enum(['FAIL', 'UPDATE']).default('FAIL'),
  })
  .openapi('CreateAppKVSecretsBatchRequest');

// ---- identity ----
export const TokenBody = z.discriminatedUnion(
  'grant_type',
  [
    z.object({
      grant_type: z.literal('client_credentials'),
      client_id: z.string().min(1).max(256).optional(),
      client_secret: z.string().min(1).max(1024).optional(),
      audience: z.string().max(256).optional(),
      scope: z.string().max(1024).optional(),
    }),
    z.object({
      grant_type: z.literal('urn:ietf:params:oauth:grant-type:token-exchange'),
      subject_token: z.string().min(1).max(8192),
      subject_token_type: z.string().min(1).max(256),
      resource: z.string().min(1).max(512).optional(),
      audience: z.string().min(1).max(512).optional(),
      requested_token_type: z.string().max(256).optional(),
      scope: z.string().max(1024).optional(),
    }),
  ],
  { error: 'grant_type must be client_credentials or urn:ietf:params:oauth:grant-type:token-exchange' },
);
export const TokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    issued_token_type: z.string().optional(),
  })
  .openapi('TokenResponse');

// ---- IAM ----
const MemberSchema = z.strictObject({
  member_id: z.string().min(1).max(320),
  member_type: z.enum(['USER', 'SERVICE_PRINCIPAL']),
});
export const Policy = z
  .object({
    bindings: z.array(z.object({ role_id: z.string(), members: z.array(MemberSchema) })),
    etag: z.string(),
  })
  .openapi('Policy');
export const SetPolicyBody = z
  .strictObject({
    policy: z.strictObject({
      bindings: z
        .array(
          z.strictObject({ role_id: z.string().min(1).max(64), members: z.array(MemberSchema).max(1000) }),
        )
        .max(20),
      etag: z.string().min(1).max(64),
    }),
  })
  .openapi('SetIamPolicyRequest');
export const LockStatus = z
  .object({
    lock_status: z.object({
      locked: z.boolean(),
      locked_at: z.string().optional(),
      locked_by: Actor.optional(),
    }),
  })
  .openapi('LockStatus');
export const ServicePrincipal = z
  .object({
    id: z.string(),
    name: z.string(),
    organization_id: z.string(),
    project_id: z.string(),
    created_at: z.string(),
    created_by: Actor,
  })
  .openapi('ServicePrincipal');
export const CreateServicePrincipalBody = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{2,35}$/, 'names are 3-36 characters of a-z, 0-9 and -'),
    project_id: ResourceId.optional(),
  })
  .openapi('CreateServicePrincipalRequest');
export const CreateClientKeyBody = z.strictObject({}).openapi('CreateServicePrincipalKeyRequest');
export const ClientKey = z
  .object({ client_id: z.string(), created_at: z.string() })
  .openapi('ServicePrincipalKey');
export const NewClientKey = ClientKey.extend({ client_secret: z.string() }).openapi('NewServicePrincipalKey');
export const WorkloadProvider = z
  .object({
    name: z.string(),
    resource_name: z.string(),
    issuer: z.string(),
    allowed_audiences: z.array(z.string()),
    conditional_access: z.string(),
    description: z.string(),
    created_at: z.string(),
  })
  .openapi('WorkloadIdentityProvider');
export const CreateWorkloadProviderBody = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'names are 1-64 characters of a-z, 0-9 and -'),
    issuer: z.url({ protocol: /^https?$/ }),
    allowed_audiences: z.array(z.string().min(1).max(256)).min(1).max(10),
    conditional_access: z.string().min(1).max(2048),
    description: Description.default(''),
  })
  .openapi('CreateWorkloadIdentityProviderRequest');
export const AuditEvent = z
  .object({
    time: z.string(),
    request_id: z.string(),
    organization_id: z.string(),
    project_id: z.string().optional(),
    principal: Actor.extend({ id: z.string() }).optional(),
    operation: z.string(),
    resource: z.string(),
    outcome: z.number().int(),
    error_code: z.string().optional(),
    reason: z.string().optional(),
    source_ip: z.string(),
    user_agent: z.string(),
    hashed: z.record(z.string(), z.string()).optional(),
  })
  .openapi('AuditEvent');
export const AuditQuery = PageQuery.extend({
  start_time: z.iso
    .datetime()
    .optional()
    .openapi({ param: { name: 'start_time', in: 'query' } }),
  end_time: z.iso
    .datetime()
    .optional()
    .openapi({ param: { name: 'end_time', in: 'query' } }),
  principal_id: z
    .string()
    .max(128)
    .optional()
    .openapi({ param: { name: 'principal_id', in: 'query' } }),
  operation: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: 'operation', in: 'query' } }),
  outcome: z.coerce
    .number()
    .int()
    .min(100)
    .max(599)
    .optional()
    .openapi({ param: { name: 'outcome', in: 'query' }, type: 'integer' }),
  /** Only this project's events; a project admin may read these (and only these). */
  project_id: ResourceId.optional().openapi({ param: { name: 'project_id', in: 'query' } }),
});
export const CallerIdentity = z
  .object({
    principal: z.object({ id: z.string(), type: z.enum(['USER', 'SERVICE', 'WORKLOAD']), name: z.string() }),
  })
  .openapi('CallerIdentity');

// ---- sync ----
export const Provider = z.enum(['github', 'vercel', 'aws', 'gcp', 'azure']);
export const Integration = z
  .object({
    name: z.string(),
    provider: Provider,
    created_at: z.string(),
    created_by: Actor,
    updated_at: z.string(),
  })
  .openapi('Integration');
export const CreateIntegrationBody = z
  .strictObject({
    name: ResourceName,
    provider: Provider,
    connection: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'Provider credentials; never returned.' }),
  })
  .openapi('CreateIntegrationRequest');
export const UpdateIntegrationBody = z
  .strictObject({ connection: z.record(z.string(), z.unknown()) })
  .openapi('UpdateIntegrationRequest');
export const Sync = z
  .object({
    name: z.string(),
    integration_name: z.string(),
    provider: Provider,
    target: z.record(z.string(), z.unknown()),
    delete_behavior: z.enum(['DELETE', 'LEAVE']),
    created_at: z.string(),
    created_by: Actor,
  })
  .openapi('Sync');
export const CreateSyncBody = z
  .strictObject({
    name: ResourceName,
    integration_name: ResourceName,
    target: z.record(z.string(), z.unknown()),
    delete_behavior: z.enum(['DELETE', 'LEAVE']).default('DELETE'),
  })
  .openapi('CreateSyncRequest');
export const AppSyncStatus = z
  .object({
    name: z.string(),
    status: z.string(),
    last_sync_at: z.string(),
    last_error_code: z.string(),
    counts: z.record(z.string(), z.number()),
  })
  .openapi('AppSyncStatus');
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
