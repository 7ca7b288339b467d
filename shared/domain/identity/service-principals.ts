import { randomUUID } from 'node:crypto';
import { CofferError } from '../errors.js';
import type { Clock, TenantFetch } from '../ports.js';
import type { ActorRef } from '../principal.js';
import type { ServicePrincipal, WorkloadIdentityProvider } from '../records.js';
import type { OrgScope } from '../scope.js';
import type { Authorizer } from '../access/authorizer.js';
import { removeMemberEverywhere } from '../access/policies.js';
import { keySubject, principalSubject, REVOCATION_KEEP_SECONDS } from '../access/revocations.js';
import type { AccessStore, DirectoryStore, PrincipalStore } from '../stores.js';
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
  const clientId = generateClientId();
  const clientSecret = generateClientSecret();
  const createdAt = deps.clock.now().toISOString();
  // The limit is enforced by the store's conditional writes (one slot per key), not by counting
  // first: concurrent creations cannot overshoot it.
  const added = await deps.principals.addClientKey(
    org,
    {
      clientId,
      orgId: org.orgId,
      principalId,
      principalName: sp.name,
      ...(sp.projectId ? { principalProjectId: sp.projectId } : {}),
      secretHash: hashClientSecret(clientSecret),
      createdAt,
    },
    MAX_KEYS_PER_PRINCIPAL,
  );
  if (!added) {
    throw new CofferError(
      'KEY_LIMIT_REACHED',
      `a service principal can have at most ${MAX_KEYS_PER_PRINCIPAL} keys; delete an old one first`,
    );
  }
  return { clientId, clientSecret, createdAt };
};

/** Deletes a key: no new token can be obtained with it, and the tokens it gave are revoked. */
export const deleteClientKey = async (
  deps: { principals: PrincipalStore; access: AccessStore; authorizer: Authorizer; clock: Clock },
  org: OrgScope,
  principalId: string,
  clientId: string,
) => {
  if (!(await deps.principals.deleteClientKey(org, principalId, clientId))) {
    throw new CofferError('KEY_NOT_FOUND', `key ${clientId} not found`);
  }
  await revokeTokens(deps, org, [keySubject(principalId, clientId)]);
};

/**
 * Deletes a service principal: first its keys (no new token), then every token it holds is revoked,
 * then it is removed from every policy of the organization. The organization must keep an admin.
 */
export const deleteServicePrincipal = async (
  deps: { principals: PrincipalStore; access: AccessStore; authorizer: Authorizer; clock: Clock },
  org: OrgScope,
  principalId: string,
) => {
  const sp = await requireServicePrincipal(deps, org, principalId);
  const member = { id: principalId, type: 'SERVICE_PRINCIPAL' } as const;
  const orgPolicy = (await deps.access.getAccess({ orgId: org.orgId })).org;
  const otherAdmins = (orgPolicy?.bindings ?? [])
    .filter((b) => b.role === 'admin')
    .flatMap((b) => b.members)
    .filter((m) => m.type !== member.type || m.id !== member.id);
  if (otherAdmins.length === 0) {
    throw new CofferError(
      'LAST_ADMIN',
      'this principal is the organization’s only admin; grant another admin before deleting it',
    );
  }
  await deps.principals.deleteServicePrincipal(org, principalId);
  await revokeTokens(deps, org, [principalSubject(principalId)]);
  await removeMemberEverywhere(deps, org, member, sp.projectId);
};

const revokeTokens = async (
  deps: { access: AccessStore; authorizer: Authorizer; clock: Clock },
  org: OrgScope,
  subjects: string[],
) => {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  await deps.access.revoke(org, subjects, now, now - REVOCATION_KEEP_SECONDS);
  deps.authorizer.invalidate({ orgId: org.orgId });
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
