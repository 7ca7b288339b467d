import { z } from '@hono/zod-openapi';
import { Description, ResourceId } from '../../../shared/domain/names.js';
import { Pagination, Timestamp } from './common.js';

/** Service principals, their keys and workload identity providers (HCP IAM 2019-12-10 shapes). */

export const ServicePrincipal = z
  .object({
    id: z.string(),
    name: z.string(),
    organization_id: z.string(),
    project_id: z.string(),
    resource_name: z.string(),
    created_at: Timestamp,
  })
  .openapi('ServicePrincipal');
export const ServicePrincipalKey = z
  .object({
    client_id: z.string(),
    created_at: Timestamp,
    resource_name: z.string(),
    state: z.enum(['UNSET', 'CREATING', 'ACTIVE', 'DELETING']),
  })
  .openapi('ServicePrincipalKey');

const SpName = z.string().regex(/^[a-z0-9][a-z0-9-]{2,35}$/, 'names are 3-36 characters of a-z, 0-9 and -');
export const CreateServicePrincipalBody = z
  .strictObject({
    name: SpName,
    project_id: ResourceId.optional().openapi({ description: 'Coffer: make it a project principal.' }),
  })
  .openapi('CreateServicePrincipalRequest');
export const CreateKeyBody = z
  .strictObject({ principal_id: ResourceId })
  .openapi('CreateOrganizationServicePrincipalKeyRequest');

export const ServicePrincipalResponse = z.object({ service_principal: ServicePrincipal });
export const GetServicePrincipalResponse = z.object({
  service_principal: ServicePrincipal,
  keys: z.array(ServicePrincipalKey),
  /** GetProjectServicePrincipal only (HCP's GetProjectServicePrincipalResponse). */
  project_id: z.string().optional(),
});
export const ListServicePrincipalsResponse = z.object({
  service_principals: z.array(ServicePrincipal),
  pagination: Pagination,
});
export const KeysResponse = z.object({ keys: z.array(ServicePrincipalKey) });
export const NewKeyResponse = z.object({ key: ServicePrincipalKey, client_secret: z.string() });

export const CallerIdentity = z
  .object({
    principal: z.object({
      id: z.string(),
      type: z.enum(['PRINCIPAL_TYPE_USER', 'PRINCIPAL_TYPE_SERVICE']),
      service: ServicePrincipal.partial().optional(),
      user: z.object({ id: z.string(), full_name: z.string(), email: z.string().optional() }).optional(),
    }),
  })
  .openapi('GetCallerIdentityResponse');

export const WorkloadProvider = z
  .object({
    name: z.string(),
    resource_name: z.string(),
    issuer: z.string(),
    allowed_audiences: z.array(z.string()),
    conditional_access: z.string(),
    description: z.string(),
    created_at: Timestamp,
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
