import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createProject } from '../../shared/domain/directory/organizations.js';
import {
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from '../../shared/domain/identity/client-credentials.js';
import type { ActorRef } from '../../shared/domain/principal.js';
import { unsafeOrgScope, type OrgScope } from '../../shared/domain/scope.js';
import type { Services } from '../../shared/runtime/services.js';

export interface BootstrapState {
  organization_id: string;
  project_id: string;
  principal_id: string;
  client_id: string;
}

export interface BootstrapResult {
  state: BootstrapState;
  /** Present only when this start generated the secret: it is shown once and never stored. */
  generatedSecret?: string;
}

/** The bootstrap admin's name in listings; an ordinary service principal in every other respect. */
export const BOOTSTRAP_PRINCIPAL_NAME = 'bootstrap-admin';
const CREATED_BY: ActorRef = { name: 'coffer-bootstrap', type: 'SERVICE' };

/**
 * First start of the local process: organization `default`, project `default`, and an admin service
 * principal, listed like any other, whose keys can be added, rotated and deleted through the API.
 * Its credentials come from COFFER_BOOTSTRAP_CLIENT_ID/SECRET, or are generated and shown once. The
 * ids are remembered in bootstrap.json (no secret in it) so later starts reuse them.
 */
export const bootstrapLocal = async (
  services: Services,
  dataDir: string,
  fixed?: { clientId: string; clientSecret: string },
): Promise<BootstrapResult> => {
  const file = join(dataDir, 'bootstrap.json');
  const existing = await readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as BootstrapState,
    () => undefined,
  );
  const now = services.clock.now().toISOString();

  if (existing) {
    const org = unsafeOrgScope(existing.organization_id);
    await migrateBootstrapPrincipal(services, org, existing, now, fixed !== undefined);
    if (fixed) {
      // The environment names the admin's credentials: they work again even after a key delete.
      await services.principals.putClientKey(org, {
        clientId: fixed.clientId,
        orgId: existing.organization_id,
        principalId: existing.principal_id,
        principalName: BOOTSTRAP_PRINCIPAL_NAME,
        secretHash: hashClientSecret(fixed.clientSecret),
        createdAt: now,
      });
    }
    return { state: existing };
  }

  const orgId = randomUUID();
  const principalId = randomUUID();
  await services.directory.createOrganization(
    { id: orgId, name: 'default', createdAt: now },
    { id: principalId, type: 'SERVICE_PRINCIPAL' },
  );
  const org = unsafeOrgScope(orgId);
  await services.principals.createServicePrincipal(org, {
    id: principalId,
    orgId,
    name: BOOTSTRAP_PRINCIPAL_NAME,
    createdAt: now,
    createdBy: CREATED_BY,
  });
  const project = await createProject(services, org, {
    name: 'default',
    description: 'Created on first start',
  });
  const clientId = fixed?.clientId ?? generateClientId();
  const clientSecret = fixed?.clientSecret ?? generateClientSecret();
  await services.principals.putClientKey(org, {
    clientId,
    orgId,
    principalId,
    principalName: BOOTSTRAP_PRINCIPAL_NAME,
    secretHash: hashClientSecret(clientSecret),
    createdAt: now,
  });
  const state: BootstrapState = {
    organization_id: orgId,
    project_id: project.id,
    principal_id: principalId,
    client_id: clientId,
  };
  await writeFile(file, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  return { state, ...(fixed ? {} : { generatedSecret: clientSecret }) };
};

/**
 * Data directories from before the bootstrap admin was a listed principal hold its key but no
 * principal record: add the record under the same id, so the key can be listed, rotated and
 * deleted. A principal deleted through the API (its keys went with it) is not brought back, unless
 * the environment names fixed credentials for it.
 */
const migrateBootstrapPrincipal = async (
  services: Services,
  org: OrgScope,
  state: BootstrapState,
  now: string,
  fixedCredentials: boolean,
) => {
  if (await services.principals.getServicePrincipal(org, state.principal_id)) return;
  const keys = await services.principals.listClientKeys(org, state.principal_id);
  if (keys.length === 0 && !fixedCredentials) return;
  await services.principals.createServicePrincipal(org, {
    id: state.principal_id,
    orgId: state.organization_id,
    name: BOOTSTRAP_PRINCIPAL_NAME,
    createdAt: keys[0]?.createdAt ?? now,
    createdBy: CREATED_BY,
  });
};
