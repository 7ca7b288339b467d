import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ScanCommand, DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { startLocalCoffer, type LocalCoffer } from '../../functions/local/runtime.js';
import { parseLocalConfig } from '../../shared/config.js';
import {
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from '../../shared/domain/identity/client-credentials.js';
import { unsafeOrgScope } from '../../shared/domain/scope.js';
import { createProject } from '../../shared/domain/directory/organizations.js';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown> & { code?: number; message?: string };
  headers: Headers;
}

export type Api = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiResponse>;

export interface Tenant {
  org: string;
  project: string;
  token: string;
  api: Api;
  /** The secrets prefix for this tenant's organization and project. */
  P: string;
}

export interface TestCoffer extends Tenant {
  coffer: LocalCoffer;
  dataDir: string;
  /** Creates another organization with its own admin service principal. */
  newTenant(name?: string): Promise<Tenant>;
  rawItems(): Promise<Record<string, unknown>[]>;
  rawClient(): DynamoDBClient;
  /** Every item except the audit trail's, to show a request changed nothing. */
  state(): Promise<string>;
  /** Audit events of all organizations, oldest first. */
  auditEvents(): Promise<Record<string, unknown>[]>;
  close(opts?: { keepData?: boolean }): Promise<void>;
  /** Stops the process and starts a new one on the same data directory. */
  restart(): Promise<TestCoffer>;
}

export const apiFor =
  (url: string, token?: string): Api =>
  async (method, path, body, headers = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: ApiResponse['body'];
    try {
      parsed = text ? (JSON.parse(text) as ApiResponse['body']) : {};
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

export const getToken = async (url: string, clientId: string, clientSecret: string): Promise<string> => {
  const res = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`token request failed: ${res.status}`);
  return body.access_token;
};

const secretsPrefix = (org: string, project: string) =>
  `/secrets/2023-11-28/organizations/${org}/projects/${project}`;

/** Starts the whole local service on a fresh data directory, as `npm start` would. */
export const startTestCoffer = async (
  opts: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestCoffer> => {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'coffer-test-')));
  // Fixed bootstrap credentials, as a user would set them, so a restart can log in again.
  const env = {
    COFFER_BOOTSTRAP_CLIENT_ID: 'test-bootstrap-client',
    COFFER_BOOTSTRAP_CLIENT_SECRET: `test-secret-${randomUUID()}`,
    ...opts.env,
  };
  const coffer = await startLocalCoffer(
    parseLocalConfig({ COFFER_DATA_DIR: dataDir, PORT: '0', COFFER_LOG_LEVEL: 'silent', ...env }),
  );
  const { state } = coffer.bootstrap;
  const token = await getToken(coffer.url, state.client_id, env.COFFER_BOOTSTRAP_CLIENT_SECRET);
  const raw = new DynamoDBClient({
    endpoint: coffer.dynamoEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  const newTenant = async (name = 'other') => {
    const s = coffer.services;
    const orgId = randomUUID();
    const principalId = randomUUID();
    const now = new Date().toISOString();
    await s.directory.createOrganization(
      { id: orgId, name, createdAt: now },
      { id: principalId, type: 'SERVICE_PRINCIPAL' },
    );
    const project = await createProject(s, unsafeOrgScope(orgId), { name: 'default', description: '' });
    const clientId = generateClientId();
    const clientSecret = generateClientSecret();
    await s.principals.createServicePrincipal(unsafeOrgScope(orgId), {
      id: principalId,
      orgId,
      name: `${name}-admin`,
      createdAt: now,
      createdBy: { name: 'test', type: 'SERVICE' },
    });
    await s.principals.putClientKey(unsafeOrgScope(orgId), {
      clientId,
      orgId,
      principalId,
      principalName: `${name}-admin`,
      secretHash: hashClientSecret(clientSecret),
      createdAt: now,
    });
    const t = await getToken(coffer.url, clientId, clientSecret);
    return {
      org: orgId,
      project: project.id,
      token: t,
      api: apiFor(coffer.url, t),
      P: secretsPrefix(orgId, project.id),
    };
  };

  const rawItems = async () => {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await raw.send(
        new ScanCommand({ TableName: 'coffer', ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const isAudit = (i: Record<string, unknown>) => String(i.pk).includes('#AUDIT#') || i.sk === 'AUDITKEY';

  return {
    coffer,
    dataDir,
    org: state.organization_id,
    project: state.project_id,
    token,
    api: apiFor(coffer.url, token),
    P: secretsPrefix(state.organization_id, state.project_id),
    newTenant,
    rawClient: () => raw,
    rawItems,
    state: async () =>
      JSON.stringify(
        (await rawItems())
          .filter((i) => !isAudit(i))
          .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`)),
        (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v),
      ),
    auditEvents: async () =>
      (await rawItems())
        .filter((i) => i.kind === 'audit')
        .sort((a, b) => String(a.sk).localeCompare(String(b.sk))),
    close: async ({ keepData = false } = {}) => {
      raw.destroy();
      await coffer.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
    restart: async () => {
      raw.destroy();
      await coffer.close();
      return startTestCoffer({ dataDir, env });
    },
  };
};
