import { z } from 'zod';

/**
 * HCP's models, written by hand from the generated Go client's field lists (HVS_SDK_SHAPES.md), not
 * imported from production. Strict: an unknown field or a wrong JSON type fails. Fields HCP always
 * sets are required; Coffer's documented additions are optional.
 */
const s = z.string();
const int = z.number().int();
const Principal = z.strictObject({ email: s.optional(), name: s, type: s });
const Pagination = z.strictObject({ next_page_token: s, previous_page_token: s });
const SyncStatus = z.strictObject({ last_error_code: s, status: s, updated_at: s });

export const App = z.strictObject({
  created_at: s,
  created_by: Principal,
  description: s,
  name: s,
  organization_id: s,
  project_id: s,
  resource_id: s,
  resource_name: s,
  secret_count: int,
  sync_names: z.array(s),
  updated_at: s,
  updated_by: Principal,
});
const SecretStaticVersion = z.strictObject({ created_at: s, created_by: Principal, version: int });
const OpenSecretStaticVersion = z.strictObject({ created_at: s, created_by_id: s, value: s, version: int });
export const Secret = z.strictObject({
  created_at: s,
  created_by: Principal,
  latest_version: int,
  name: s,
  provider: s,
  static_version: SecretStaticVersion,
  sync_status: z.record(s, SyncStatus),
  type: s,
  version_count: s,
});
export const OpenSecret = z.strictObject({
  created_at: s,
  created_by_id: s,
  latest_version: int,
  name: s,
  provider: s,
  static_version: OpenSecretStaticVersion,
  sync_status: z.record(s, SyncStatus),
  type: s,
});
const LockStatus = z.strictObject({
  lock_origin: z.enum(['UNKNOWN_ORIGIN', 'CUSTOMER', 'BILLING']),
  reason: s,
});
const Organization = z.strictObject({
  created_at: s,
  id: s,
  name: s,
  state: z.enum(['UNKNOWN', 'ACTIVE', 'PENDING_DELETE']),
  tfc_synced: z.boolean().optional(),
});
const Project = z.strictObject({
  created_at: s,
  description: s,
  id: s,
  name: s,
  parent: z.strictObject({ id: s, type: z.enum(['UNKNOWN', 'ORGANIZATION', 'PROJECT']) }),
  state: z.enum(['UNKNOWN', 'ACTIVE', 'DELETING', 'DELETED']),
});
const Policy = z.strictObject({
  bindings: z.array(
    z.strictObject({
      members: z.array(
        z.strictObject({
          member_id: s,
          member_type: z.enum(['UNSET', 'USER', 'GROUP', 'SERVICE_PRINCIPAL']),
        }),
      ),
      role_id: s,
    }),
  ),
  etag: s,
});
const ServicePrincipal = z.strictObject({
  created_at: s,
  id: s,
  name: s,
  organization_id: s,
  project_id: s,
  resource_name: s,
});
const ServicePrincipalKey = z.strictObject({
  client_id: s,
  created_at: s,
  resource_name: s,
  state: z.enum(['UNSET', 'CREATING', 'ACTIVE', 'DELETING']),
});
const Empty = z.strictObject({});

/** Response models by HCP operationId. */
export const RESPONSES = {
  ListApps: z.strictObject({ apps: z.array(App), pagination: Pagination }),
  CreateApp: z.strictObject({ app: App }),
  GetApp: z.strictObject({ app: App }),
  UpdateApp: z.strictObject({ app: App }),
  DeleteApp: Empty,
  PurgeAppAndSecrets: Empty,
  CreateAppKVSecret: z.strictObject({ secret: Secret }),
  BulkCreateAppKVSecrets: z.strictObject({ secrets: z.array(Secret) }),
  ListAppSecrets: z.strictObject({ pagination: Pagination, secrets: z.array(Secret) }),
  OpenAppSecrets: z.strictObject({ pagination: Pagination, secrets: z.array(OpenSecret) }),
  GetAppSecret: z.strictObject({ secret: Secret }),
  OpenAppSecret: z.strictObject({ secret: OpenSecret }),
  OpenAppSecretByResourceName: z.strictObject({ secret: OpenSecret }),
  DeleteAppSecret: Empty,
  ListAppSecretVersions: z.strictObject({
    pagination: Pagination,
    static_versions: z.strictObject({ versions: z.array(SecretStaticVersion) }),
    type: s,
  }),
  ListOpenAppSecretVersions: z.strictObject({
    pagination: Pagination,
    static_versions: z.strictObject({ versions: z.array(OpenSecretStaticVersion) }),
    type: s,
  }),
  GetAppSecretVersion: z.strictObject({ static_version: SecretStaticVersion, type: s }),
  OpenAppSecretVersion: z.strictObject({ static_version: OpenSecretStaticVersion, type: s }),
  DeleteAppSecretVersion: Empty,
  LockProject: Empty,
  UnlockProject: Empty,
  GetProjectLockStatus: z.strictObject({
    locks: z.array(LockStatus),
    organization_lock: LockStatus.optional(),
  }),
  LockOrganization: Empty,
  UnlockOrganization: Empty,
  GetOrganizationLockStatus: z.strictObject({
    locks: z.array(LockStatus),
    project_locks: z.record(s, z.strictObject({ locks: z.array(LockStatus) })),
  }),
  OrganizationService_List: z.strictObject({ organizations: z.array(Organization), pagination: Pagination }),
  OrganizationService_Get: z.strictObject({ organization: Organization }),
  ProjectService_List: z.strictObject({ pagination: Pagination, projects: z.array(Project) }),
  ProjectService_Get: z.strictObject({ project: Project }),
  ProjectService_Create: z.strictObject({ operation_id: s.optional(), project: Project }),
  ProjectService_GetIamPolicy: z.strictObject({ policy: Policy }),
  ProjectService_SetIamPolicy: z.strictObject({ policy: Policy }),
  OrganizationService_GetIamPolicy: z.strictObject({ policy: Policy }),
  CreateOrganizationServicePrincipal: z.strictObject({ service_principal: ServicePrincipal }),
  GetOrganizationServicePrincipal: z.strictObject({
    keys: z.array(ServicePrincipalKey),
    service_principal: ServicePrincipal,
  }),
  ListOrganizationServicePrincipals: z.strictObject({
    pagination: Pagination,
    service_principals: z.array(ServicePrincipal),
  }),
  CreateOrganizationServicePrincipalKey: z.strictObject({ client_secret: s, key: ServicePrincipalKey }),
  DeleteOrganizationServicePrincipalKey: Empty,
  DeleteOrganizationServicePrincipal: Empty,
  GetCallerIdentity: z.strictObject({
    principal: z.strictObject({
      id: s,
      type: z.enum(['PRINCIPAL_TYPE_USER', 'PRINCIPAL_TYPE_SERVICE']),
      service: ServicePrincipal.partial().optional(),
      user: z.strictObject({ id: s, full_name: s, email: s.optional() }).optional(),
    }),
  }),
} as const;
