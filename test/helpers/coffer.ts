import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ScanCommand, DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { startLocalCoffer, type LocalCoffer } from '../../functions/local/runtime.js';
import { parseLocalConfig } from '../../shared/config.js';
import type { Table } from '../../shared/adapters/dynamodb/table.js';
import { createLogger } from '../../shared/logger.js';
import type { ServiceParts } from '../../shared/runtime/services.js';
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
  /** Every log line the process wrote (level debug). */
  logs: string[];
  /** Stops the process; first checks the audit invariants unless told not to. */
  close(opts?: { keepData?: boolean; skipAuditCheck?: boolean }): Promise<void>;
  /** Stops the process and starts a new one on the same data directory. */
  restart(): Promise<TestCoffer>;
}

/**
 * What every end-to-end test sent, per server: the request ids answered (each must leave exactly
 * one audit event) and the secret values, client secrets and tokens used (none may appear in an
 * audit event or a log line). Checked when the test's Coffer closes.
 */
interface Traffic {
  requestIds: string[];
  planted: Set<string>;
}
const traffic = new Map<string, Traffic>();
const trafficOf = (url: string): Traffic => {
  let t = traffic.get(url);
  if (!t) traffic.set(url, (t = { requestIds: [], planted: new Set() }));
  return t;
};
/** Short strings would match by accident; secrets worth planting are longer. */
const plant = (t: Traffic, v: unknown) => {
  if (typeof v === 'string' && v.length >= 8) t.planted.add(v);
};
const plantValues = (t: Traffic, body: unknown): void => {
  if (typeof body === 'string') {
    try {
      plantValues(t, JSON.parse(body));
    } catch {
      /* not JSON: nothing to plant */
    }
    return;
  }
  if (Array.isArray(body)) body.forEach((b) => plantValues(t, b));
  else if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (k === 'value' || k === 'client_secret' || k === 'subject_token') plant(t, v);
      else plantValues(t, v);
    }
  }
};

/**
 * For clients that do not go through `apiFor` (node-vault): the request ids they sent and the
 * secrets they carried, so the server's close checks them like any other traffic.
 */
export const noteTraffic = (url: string, seen: { requestIds?: string[]; secrets?: string[] }) => {
  const t = trafficOf(url);
  t.requestIds.push(...(seen.requestIds ?? []));
  for (const s of seen.secrets ?? []) plant(t, s);
};

export const apiFor =
  (url: string, token?: string): Api =>
  async (method, path, body, headers = {}) => {
    const seen = trafficOf(url);
    plant(seen, token);
    plantValues(seen, body);
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const id = res.headers.get('x-request-id');
    if (id) seen.requestIds.push(id);
    const text = await res.text();
    let parsed: ApiResponse['body'];
    try {
      parsed = text ? (JSON.parse(text) as ApiResponse['body']) : {};
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };

/** The client credentials of a CreateServicePrincipalKey answer ({key: {client_id}, client_secret}). */
export const keyPair = (res: { body: Record<string, unknown> }) => ({
  client_id: (res.body.key as { client_id: string }).client_id,
  client_secret: res.body.client_secret as string,
});

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
  opts: {
    dataDir?: string;
    env?: Record<string, string>;
    overrides?: (table: Table) => Partial<ServiceParts>;
    /** Traffic carried over from the process this one replaces (restart). */
    traffic?: Traffic;
  } = {},
): Promise<TestCoffer> => {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'coffer-test-')));
  // Fixed bootstrap credentials, as a user would set them, so a restart can log in again.
  const env = {
    COFFER_BOOTSTRAP_CLIENT_ID: 'test-bootstrap-client',
    COFFER_BOOTSTRAP_CLIENT_SECRET: `test-secret-${randomUUID()}`,
    // Tests trigger syncs themselves; no background schedule.
    COFFER_SYNC_INTERVAL_SECONDS: '0',
    // The development identity provider only where a test signs people in (test/signin/).
    COFFER_DEV_OIDC: 'false',
    // Test identity providers and destination stand-ins listen on 127.0.0.1 over plain http.
    COFFER_ALLOW_LOOPBACK_HTTP: 'true',
    // The API alone, whether or not portal/dist was built: test/portal/ serves the portal itself.
    COFFER_PORTAL_DIR: join(dataDir, 'no-portal'),
    ...opts.env,
  };
  const logs: string[] = [];
  const coffer = await startLocalCoffer(
    parseLocalConfig({ COFFER_DATA_DIR: dataDir, PORT: '0', COFFER_LOG_LEVEL: 'debug', ...env }),
    { log: createLogger('debug', (line) => logs.push(line)), overrides: opts.overrides },
  );
  if (opts.traffic) traffic.set(coffer.url, opts.traffic);
  const seen = trafficOf(coffer.url);
  const { state } = coffer.bootstrap;
  const token = await getToken(coffer.url, state.client_id, env.COFFER_BOOTSTRAP_CLIENT_SECRET);
  plant(seen, env.COFFER_BOOTSTRAP_CLIENT_SECRET);
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
    logs,
    close: async ({ keepData = false, skipAuditCheck = false } = {}) => {
      try {
        if (!skipAuditCheck) await checkAuditInvariants(await rawItems(), seen, logs);
      } finally {
        traffic.delete(coffer.url);
        raw.destroy();
        await coffer.close();
        if (!keepData) await rm(dataDir, { recursive: true, force: true });
      }
    },
    restart: async () => {
      traffic.delete(coffer.url);
      raw.destroy();
      await coffer.close();
      return startTestCoffer({ dataDir, env, overrides: opts.overrides, traffic: seen });
    },
  };
};

/** Each answered request left exactly one audit event; no planted secret reached the audit trail or a log. */
const checkAuditInvariants = async (items: Record<string, unknown>[], seen: Traffic, logs: string[]) => {
  const events = items.filter((i) => i.kind === 'audit');
  const perId = new Map<string, number>();
  for (const e of events) perId.set(String(e.request_id), (perId.get(String(e.request_id)) ?? 0) + 1);
  const wrong = seen.requestIds
    .filter((id) => perId.get(id) !== 1)
    .map((id) => `${id}: ${perId.get(id) ?? 0} events`);
  if (wrong.length > 0)
    throw new Error(`requests without exactly one audit event:\n${wrong.slice(0, 10).join('\n')}`);
  const text = JSON.stringify(events) + '\n' + logs.join('\n');
  const leaked = [...seen.planted].filter((p) => text.includes(p));
  if (leaked.length > 0)
    throw new Error(`${leaked.length} planted secret(s) or token(s) found in audit events or logs`);
};
