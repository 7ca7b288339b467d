import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createProject } from '../../shared/domain/directory/organizations.js';
import {
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from '../../shared/domain/identity/client-credentials.js';
import { unsafeOrgScope } from '../../shared/domain/scope.js';
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

/**
 * First start of the local process: organization `default`, project `default`, and an admin service
 * principal. Its credentials come from COFFER_BOOTSTRAP_CLIENT_ID/SECRET, or are generated and shown
 * once. The ids are remembered in bootstrap.json (no secret in it) so later starts reuse them.
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
    if (fixed) {
      await services.principals.putClientKey(unsafeOrgScope(existing.organization_id), {
        clientId: fixed.clientId,
        orgId: existing.organization_id,
        principalId: existing.principal_id,
        principalName: 'bootstrap-admin',
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
    principalName: 'bootstrap-admin',
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
