import { CofferError } from '../errors.js';
import type { OrgScope } from '../scope.js';
import { deleteClientKey } from './service-principals.js';

/**
 * Delete{Organization,Project}ServicePrincipalKey: HCP names the key by client id alone, so find its
 * principal first. A key of another organization, or (at project level) of a principal that is not
 * the project's, is reported as absent.
 */
export const deleteServicePrincipalKeyByClientId = async (
  deps: Parameters<typeof deleteClientKey>[0],
  org: OrgScope,
  clientId: string,
  projectId?: string,
): Promise<void> => {
  const absent = () => new CofferError('KEY_NOT_FOUND', `key ${clientId} not found`);
  const key = await deps.principals.findClientKey(clientId);
  if (!key || key.orgId !== org.orgId) throw absent();
  if (projectId !== undefined) {
    const sp = await deps.principals.getServicePrincipal(org, key.principalId);
    if (sp?.projectId !== projectId) throw absent();
  }
  await deleteClientKey(deps, org, key.principalId, clientId);
};
