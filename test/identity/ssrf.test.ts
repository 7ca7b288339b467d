import type * as Dns from 'node:dns';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

// `localhost.` resolves to loopback wherever the resolver knows it; make sure it does here, so the
// tests below show the connect-time check and not a failed lookup.
vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof Dns>();
  const lookup = (host: string, options: object, callback: (...args: unknown[]) => void) =>
    host === 'localhost.'
      ? callback(null, [{ address: '127.0.0.1', family: 4 }])
      : real.lookup(host, options as never, callback as never);
  return { ...real, default: { ...real, lookup }, lookup };
});

/**
 * Issue 9, item 5: Coffer must not fetch internal addresses a tenant names: workload identity
 * issuers (and the JWKS they point to) and sync destinations' base URLs. Loopback http is not allowed
 * here (the local-only test setting is off, as in production).
 */
describe('outbound requests to tenant-chosen addresses', () => {
  let t: TestCoffer;
  let internal: Server;
  let port = 0;
  let hits = 0;
  let spId = '';
  const SPS = () => `/iam/2019-12-10/organizations/${t.org}/service-principals`;

  beforeAll(async () => {
    // A service on Coffer's own machine that answers like an OIDC issuer would.
    internal = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ issuer: `https://localhost.:${port}`, jwks_uri: `https://localhost.:${port}/jwks` }),
      );
    });
    // Counted per connection, not per request: an https request to this http server fails its
    // handshake, but the connection alone would prove Coffer reached inside.
    internal.on('connection', () => hits++);
    await new Promise<void>((r) => internal.listen(0, '127.0.0.1', () => r()));
    port = (internal.address() as AddressInfo).port;
    t = await startTestCoffer({ env: { COFFER_ALLOW_LOOPBACK_HTTP: 'false' } });
    const sp = await t.api('POST', SPS(), { name: 'ci-deployer' });
    spId = (sp.body.service_principal as { id: string }).id;
  });
  afterAll(async () => {
    await t.close();
    internal.close();
  });

  it.each([
    ['plain http to loopback', () => `http://127.0.0.1:${port}`],
    ['https to loopback', () => `https://127.0.0.1:${port}`],
    ['localhost', () => `https://localhost:${port}`],
    ['the cloud metadata address', () => 'https://169.254.169.254'],
    ['the AWS IPv6 metadata address', () => 'https://[fd00:ec2::254]'],
    ['an RFC 1918 address', () => 'https://10.1.2.3'],
    ['a CGNAT address', () => 'https://100.64.0.1'],
    ['IPv6 loopback', () => 'https://[::1]'],
    ['IPv4-mapped loopback', () => 'https://[::ffff:127.0.0.1]'],
    ['plain http to a public name', () => 'http://token.actions.githubusercontent.com'],
  ])('refuses a workload identity provider whose issuer is %s', async (_label, issuer) => {
    const res = await t.api('POST', `${SPS()}/${spId}/workload-identity-providers`, {
      name: 'internal',
      issuer: issuer(),
      allowed_audiences: ['coffer'],
      conditional_access: 'jwt_claims.sub == "x"',
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ reason: 'INVALID_ARGUMENT' })]);
  });

  it('checks the address as resolved at connect time: a name that resolves to loopback is never fetched', async () => {
    // `localhost.` passes any check of the name as written; only the resolved 127.0.0.1 gives it away.
    const issuer = `https://localhost.:${port}`;
    const created = await t.api('POST', `${SPS()}/${spId}/workload-identity-providers`, {
      name: 'rebinding',
      issuer,
      allowed_audiences: ['coffer'],
      conditional_access: 'jwt_claims.sub == "x"',
    });
    expect(created.status).toBe(200);
    const resource = (created.body.provider as { resource_name: string }).resource_name;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k' })
      .setIssuer(issuer)
      .setAudience('coffer')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

    const res = await t.api(
      'POST',
      '/oauth2/token',
      new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: token,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        resource,
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(res.status).toBe(401);
    expect(hits).toBe(0);
  });

  it.each([
    ['the metadata address', 'https://169.254.169.254'],
    ['plain http to loopback', 'http://127.0.0.1:9'],
    ['an RFC 1918 address', 'https://192.168.1.10'],
  ])('refuses a GitHub integration whose base URL is %s', async (_label, baseUrl) => {
    const res = await t.api('POST', `${t.P}/integrations`, {
      name: 'gh-internal',
      provider: 'github',
      connection: { token: 'ghp_example', base_url: baseUrl },
    });
    expect(res.status).toBe(400);
  });

  it('never reaches a destination whose name resolves to loopback', async () => {
    await t.api('POST', `${t.P}/integrations`, {
      name: 'gh-rebind',
      provider: 'github',
      connection: { token: 'ghp_example', base_url: `https://localhost.:${port}` },
    });
    await t.api('POST', `${t.P}/syncs`, {
      name: 'to-rebind',
      integration_name: 'gh-rebind',
      target: { scope: 'repository', owner: 'acme', repository: 'api' },
    });
    await t.api('POST', `${t.P}/apps`, { name: 'web' });
    await t.api('POST', `${t.P}/apps/web/secret/kv`, { name: 'K', value: 'v' });
    await t.api('PATCH', `${t.P}/apps/web`, { sync_names: ['to-rebind'] });
    const plan = await t.api('GET', `${t.P}/apps/web/syncs/to-rebind:plan`);
    expect(plan.status).toBeGreaterThanOrEqual(400);
    expect(hits).toBe(0);
  });
});
