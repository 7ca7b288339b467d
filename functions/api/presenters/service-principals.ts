import type { CallerIdentity } from '../../../shared/domain/identity/caller-identity.js';
import type { ClientKey, ServicePrincipal } from '../../../shared/domain/records.js';

/** HCP's `resource_name` of a service principal. */
export const servicePrincipalResourceName = (sp: Pick<ServicePrincipal, 'orgId' | 'projectId' | 'name'>) =>
  sp.projectId
    ? `iam/project/${sp.projectId}/service-principal/${sp.name}`
    : `iam/organization/${sp.orgId}/service-principal/${sp.name}`;

/** HashicorpCloudIamServicePrincipal. */
export const presentServicePrincipal = (sp: ServicePrincipal) => ({
  id: sp.id,
  name: sp.name,
  organization_id: sp.orgId,
  project_id: sp.projectId ?? '',
  resource_name: servicePrincipalResourceName(sp),
  created_at: sp.createdAt,
});

/** HashicorpCloudIamServicePrincipalKey. Keys are usable as soon as they exist: always ACTIVE. */
export const presentKey = (sp: ServicePrincipal, k: Pick<ClientKey, 'clientId' | 'createdAt'>) => ({
  client_id: k.clientId,
  created_at: k.createdAt,
  resource_name: `${servicePrincipalResourceName(sp)}/key/${k.clientId}`,
  state: 'ACTIVE' as const,
});

/**
 * HashicorpCloudIamPrincipal for GetCallerIdentity. A workload acts with its service principal's
 * rights, so it is reported as that service principal (the closest HCP shape; docs/API.md).
 */
export const presentCallerIdentity = ({ principal, servicePrincipal, orgId }: CallerIdentity) =>
  principal.type === 'USER'
    ? {
        principal: {
          id: principal.id,
          type: 'PRINCIPAL_TYPE_USER' as const,
          user: {
            id: principal.id,
            full_name: principal.name,
            ...(principal.email ? { email: principal.email } : {}),
          },
        },
      }
    : {
        principal: {
          id: principal.id,
          type: 'PRINCIPAL_TYPE_SERVICE' as const,
          service: servicePrincipal
            ? presentServicePrincipal(servicePrincipal)
            : { id: principal.id, name: principal.name, ...(orgId ? { organization_id: orgId } : {}) },
        },
      };
