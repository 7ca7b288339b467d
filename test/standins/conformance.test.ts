/**
 * The contract every stand-in shares (see index.ts): loopback-only listening, the request log,
 * write counting, and fault injection that answers in the vendor's format without touching state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DestinationStandIn } from './index.js';
import {
  AwsSecretsManagerStandIn,
  AzureKeyVaultStandIn,
  GcpSecretManagerStandIn,
  GitHubStandIn,
  VercelStandIn,
} from './index.js';

interface Case {
  name: string;
  make: () => Promise<{
    standIn: DestinationStandIn;
    /** An authorised read. */
    read: () => Promise<Response>;
    /** An authorised write of something that does not exist (rejected by the API, but a write). */
    write: () => Promise<Response>;
    /** The read without credentials. */
    anonymous: () => Promise<Response>;
  }>;
  unauthenticated: number;
  rateLimited: number;
  rateLimitedBody: unknown;
  serverErrorBody: unknown;
}

const fakeSigV4 = (region = 'us-east-1'): Record<string, string> => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-date': '20240101T000000Z',
  authorization: `AWS4-HMAC-SHA256 Credential=AKIASTANDIN/20240101/${region}/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`,
});

const cases: Case[] = [
  {
    name: 'GitHub',
    make: async () => {
      const s = new GitHubStandIn();
      await s.start();
      await s.addRepo('o/r');
      const auth = { authorization: `Bearer ${s.authToken}` };
      return {
        standIn: s,
        read: () => fetch(`${s.url}/repos/o/r/actions/secrets`, { headers: auth }),
        write: () => fetch(`${s.url}/repos/o/r/actions/secrets/NOPE`, { method: 'DELETE', headers: auth }),
        anonymous: () => fetch(`${s.url}/repos/o/r/actions/secrets`),
      };
    },
    unauthenticated: 401,
    rateLimited: 403,
    rateLimitedBody: { message: expect.stringContaining('rate limit exceeded') },
    serverErrorBody: { message: 'Server Error' },
  },
  {
    name: 'Vercel',
    make: async () => {
      const s = new VercelStandIn();
      await s.start();
      s.addProject('p');
      const auth = { authorization: `Bearer ${s.token}` };
      return {
        standIn: s,
        read: () => fetch(`${s.url}/v10/projects/p/env?teamId=${s.teamId}`, { headers: auth }),
        write: () =>
          fetch(`${s.url}/v9/projects/p/env/nope?teamId=${s.teamId}`, { method: 'DELETE', headers: auth }),
        anonymous: () => fetch(`${s.url}/v10/projects/p/env?teamId=${s.teamId}`),
      };
    },
    unauthenticated: 403,
    rateLimited: 429,
    rateLimitedBody: { error: { code: 'rate_limited' } },
    serverErrorBody: { error: { code: 'internal_server_error' } },
  },
  {
    name: 'AWS Secrets Manager',
    make: async () => {
      const s = new AwsSecretsManagerStandIn();
      await s.start();
      const op = (target: string, body: unknown, headers: Record<string, string>): Promise<Response> =>
        fetch(s.url, {
          method: 'POST',
          headers: { ...headers, 'x-amz-target': `secretsmanager.${target}` },
          body: JSON.stringify(body),
        });
      return {
        standIn: s,
        read: () => op('ListSecrets', {}, fakeSigV4()),
        write: () => op('DeleteSecret', { SecretId: 'nope' }, fakeSigV4()),
        anonymous: () => op('ListSecrets', {}, { 'content-type': 'application/x-amz-json-1.1' }),
      };
    },
    unauthenticated: 403,
    rateLimited: 400,
    rateLimitedBody: { __type: 'ThrottlingException', message: 'Rate exceeded' },
    serverErrorBody: { __type: 'InternalServiceError' },
  },
  {
    name: 'GCP Secret Manager',
    make: async () => {
      const s = new GcpSecretManagerStandIn();
      await s.start();
      const auth = { authorization: `Bearer ${s.accessToken()}` };
      const base = `${s.url}/v1/projects/coffer-test/secrets`;
      return {
        standIn: s,
        read: () => fetch(base, { headers: auth }),
        write: () => fetch(`${base}/nope`, { method: 'DELETE', headers: auth }),
        anonymous: () => fetch(base),
      };
    },
    unauthenticated: 401,
    rateLimited: 429,
    rateLimitedBody: { error: { code: 429, status: 'RESOURCE_EXHAUSTED' } },
    serverErrorBody: { error: { code: 500, status: 'INTERNAL' } },
  },
  {
    name: 'Azure Key Vault',
    make: async () => {
      const s = new AzureKeyVaultStandIn();
      await s.start();
      const auth = { authorization: `Bearer ${s.accessToken()}` };
      return {
        standIn: s,
        read: () => fetch(`${s.url}/secrets?api-version=7.5`, { headers: auth }),
        write: () => fetch(`${s.url}/secrets/nope?api-version=7.5`, { method: 'DELETE', headers: auth }),
        anonymous: () => fetch(`${s.url}/secrets?api-version=7.5`),
      };
    },
    unauthenticated: 401,
    rateLimited: 429,
    rateLimitedBody: { error: { code: 'Throttled' } },
    serverErrorBody: { error: { code: 'InternalServerError' } },
  },
];

describe.each(cases)('$name stand-in contract', (c) => {
  let standIn: DestinationStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it('listens on 127.0.0.1 only, logs requests, and counts writes', async () => {
    const made = await c.make();
    standIn = made.standIn;
    expect(standIn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await made.anonymous()).status).toBe(c.unauthenticated);
    expect((await made.read()).status).toBe(200);
    expect(standIn.writeCount()).toBe(0);
    const write = await made.write();
    expect(write.status).toBeGreaterThanOrEqual(400);
    expect(standIn.writeCount()).toBe(1);
    expect(standIn.requests.map((r) => [r.status, r.write, r.injected])).toEqual([
      [c.unauthenticated, false, false],
      [200, false, false],
      [write.status, true, false],
    ]);
    standIn.clearLog();
    expect(standIn.requests).toEqual([]);
    expect(standIn.writeCount()).toBe(0);
  });

  it('injects 5xx for the next n requests, optionally only for matching ones', async () => {
    const made = await c.make();
    standIn = made.standIn;
    standIn.failNext(2, 500);
    for (let i = 0; i < 2; i++) {
      const r = await made.read();
      expect(r.status).toBe(500);
      expect(await r.json()).toMatchObject(c.serverErrorBody as object);
    }
    expect((await made.read()).status).toBe(200);

    standIn.failNext(1, 503, { method: c.name === 'AWS Secrets Manager' ? 'POST' : 'DELETE' });
    if (c.name !== 'AWS Secrets Manager') expect((await made.read()).status).toBe(200);
    expect((await made.write()).status).toBe(503);
    expect(standIn.requests.filter((r) => r.injected).map((r) => r.status)).toEqual([500, 500, 503]);
    expect(() => standIn?.failNext(1, 429)).toThrow();
  });

  it('rate-limits the next request in the vendor format, then recovers', async () => {
    const made = await c.make();
    standIn = made.standIn;
    standIn.rateLimitNext();
    const limited = await made.read();
    expect(limited.status).toBe(c.rateLimited);
    expect(await limited.json()).toMatchObject(c.rateLimitedBody as object);
    expect((await made.read()).status).toBe(200);
    standIn.rateLimitNext(undefined, { count: 3 });
    standIn.clearFaults();
    expect((await made.read()).status).toBe(200);
  });

  it('closes even with keep-alive connections open, and can start again on a new port', async () => {
    const made = await c.make();
    standIn = made.standIn;
    const first = standIn.url;
    expect((await made.read()).status).toBe(200);
    await standIn.close();
    expect(() => standIn?.url).toThrow();
    const { url } = await standIn.start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe(first);
  });
});
