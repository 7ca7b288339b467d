import { CofferError } from '../errors.js';
import type { OrgScope } from '../scope.js';
import type { PrincipalStore } from '../stores.js';
import { deleteClientKey } from './service-principals.js';

/**
 * DeleteOrganizationServicePrincipalKey: HCP names the key by client id alone, so find its principal
 * first. A key of another organization is reported as absent.
 */
export const deleteServicePrincipalKeyByClientId = async (
  deps: { principals: PrincipalStore },
  org: OrgScope,
  clientId: string,
): Promise<void> => {
  const key = await deps.principals.findClientKey(clientId);
  if (!key || key.orgId !== org.orgId) throw new CofferError('KEY_NOT_FOUND', `key ${clientId} not found`);
  await deleteClientKey(deps, org, key.principalId, clientId);
};
