import { randomUUID } from 'node:crypto';
import { CofferError } from '../errors.js';
import type { Clock, TenantFetch } from '../ports.js';
import type { ActorRef } from '../principal.js';
import type { ServicePrincipal, WorkloadIdentityProvider } from '../records.js';
import type { OrgScope } from '../scope.js';
import type { DirectoryStore, PrincipalStore } from '../stores.js';
import { generateClientId, generateClientSecret, hashClientSecret } from './client-credentials.js';
import { parseCondition } from './conditions.js';

/** At most this many live keys per principal: enough to rotate, few enough to review. */
export const MAX_KEYS_PER_PRINCIPAL = 5;

export const createServicePrincipal = async (
  deps: { principals: PrincipalStore; directory: DirectoryStore; clock: Clock },
  org: OrgScope,
  input: { name: string; projectId?: string },
  actor: ActorRef,
): Promise<ServicePrincipal> => {
  if (input.projectId && (await deps.directory.findProjectOrg(input.projectId)) !== org.orgId) {
    throw new CofferError('PROJECT_NOT_FOUND', `project ${input.projectId} not found`);
  }
  const sp: ServicePrincipal = {
    id: randomUUID(),
    orgId: org.orgId,
    name: input.name,
    ...(input.projectId ? { projectId: input.projectId } : {}),
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor,
  };
  await deps.principals.createServicePrincipal(org, sp);
  return sp;
};

export const requireServicePrincipal = async (
  deps: { principals: PrincipalStore },
  org: OrgScope,
  id: string,
) => {
  const sp = await deps.principals.getServicePrincipal(org, id);
  if (!sp) throw new CofferError('SERVICE_PRINCIPAL_NOT_FOUND', `service principal ${id} not found`);
  return sp;
};

/** A new client credential; the secret is returned this once and only its hash is kept. */
export const createClientKey = async (
  deps: { principals: PrincipalStore; clock: Clock },
  org: OrgScope,
  principalId: string,
): Promise<{ clientId: string; clientSecret: string; createdAt: string }> => {
  const sp = await requireServicePrincipal(deps, org, principalId);
  if ((await deps.principals.listClientKeys(org, principalId)).length >= MAX_KEYS_PER_PRINCIPAL) {
    throw new CofferError(
      'INVALID_ARGUMENT',
      `a service principal can have at most ${MAX_KEYS_PER_PRINCIPAL} keys; delete an old one first`,
    );
  }
  const clientId = generateClientId();
  const clientSecret = generateClientSecret();
  const createdAt = deps.clock.now().toISOString();
  await deps.principals.putClientKey(org, {
    clientId,
    orgId: org.orgId,
    principalId,
    principalName: sp.name,
    secretHash: hashClientSecret(clientSecret),
    createdAt,
  });
  return { clientId, clientSecret, createdAt };
};

export const deleteClientKey = async (
  deps: { principals: PrincipalStore },
  org: OrgScope,
  principalId: string,
  clientId: string,
) => {
  if (!(await deps.principals.deleteClientKey(org, principalId, clientId))) {
    throw new CofferError('KEY_NOT_FOUND', `key ${clientId} not found`);
  }
};

export const createWorkloadProvider = async (
  deps: { principals: PrincipalStore; clock: Clock; tenantFetch: Pick<TenantFetch, 'urlProblem'> },
  org: OrgScope,
  principalId: string,
  input: {
    name: string;
    issuer: string;
    audiences: readonly string[];
    conditionalAccess: string;
    description: string;
  },
): Promise<WorkloadIdentityProvider> => {
  await requireServicePrincipal(deps, org, principalId);
  parseCondition(input.conditionalAccess); // refuse a malformed expression now, not at exchange time
  // Coffer fetches the issuer's discovery document and keys: https, and never an internal address.
  const problem = deps.tenantFetch.urlProblem(input.issuer);
  if (problem) throw new CofferError('INVALID_ARGUMENT', `issuer ${problem}`);
  const provider: WorkloadIdentityProvider = {
    ...input,
    issuer: input.issuer.replace(/\/$/, ''),
    orgId: org.orgId,
    principalId,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.principals.createProvider(org, provider);
  return provider;
};
