import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { startOidcIssuer, type OidcIssuer } from '../helpers/oidc.js';
import { buildCli, coffer, newUser, printEnv } from './cli.js';

/**
 * `coffer login --federated-provider` in a GitHub Actions job: the CLI asks the runner's token
 * service (ACTIONS_ID_TOKEN_REQUEST_URL, bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN) for the job's OIDC
 * token and exchanges it at Coffer (RFC 8693) for the service principal whose workload identity
 * provider trusts it. The job token comes from a real OpenID Connect issuer standing in for GitHub's.
 */
const RM = '/resource-manager/2019-12-10';
const AUDIENCE = 'https://coffer.example/acme';
const REQUEST_TOKEN = `runner-request-token-${randomUUID()}`;
const VALUE = 'deploy-key-value-123';

let ci: OidcIssuer;
let t: TestCoffer;
let resource = '';
/** The runner's token service: hands out the token of `job`, records the audiences asked for. */
let runner: Server;
let runnerUrl = '';
let job = 'main-build';
const asked: string[] = [];
const handedOut: string[] = [];

beforeAll(async () => {
  buildCli();
  const claims = (repository: string) => ({ repository, ref: 'refs/heads/main' });
  ci = await startOidcIssuer({
    audience: AUDIENCE,
    clients: [
      { id: 'main-build', claims: claims('acme/api') },
      { id: 'fork-build', claims: claims('evil/api') },
    ],
  });
  runner = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://runner');
    if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) return void res.writeHead(401).end();
    asked.push(url.searchParams.get('audience') ?? '');
    void ci.token(job).then((value) => {
      handedOut.push(value);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value }));
    });
  });
  await new Promise<void>((r) => runner.listen(0, '127.0.0.1', () => r()));
  runnerUrl = `http://127.0.0.1:${(runner.address() as AddressInfo).port}/token?api-version=2.0`;

  t = await startTestCoffer();
  await t.api('POST', `${t.P}/apps`, { name: 'deploy' });
  await t.api('POST', `${t.P}/apps/deploy/secret/kv`, { name: 'DEPLOY_KEY', value: VALUE });
  const sps = `/iam/2019-12-10/organizations/${t.org}/service-principals`;
  const sp = (await t.api('POST', sps, { name: 'github-deployer' })).body.service_principal as { id: string };
  const policyPath = `${RM}/projects/${t.project}/iam-policy`;
  const policy = (await t.api('GET', policyPath)).body.policy as { etag: string };
  await t.api('PUT', policyPath, {
    policy: {
      bindings: [
        { role_id: 'roles/contributor', members: [{ member_id: sp.id, member_type: 'SERVICE_PRINCIPAL' }] },
      ],
      etag: policy.etag,
    },
  });
  const created = await t.api('POST', `${sps}/${sp.id}/workload-identity-providers`, {
    name: 'github-main',
    issuer: ci.issuer,
    allowed_audiences: [AUDIENCE],
    conditional_access: 'jwt_claims.repository == "acme/api"',
  });
  expect(created.status).toBe(200);
  resource = (created.body.provider as { resource_name: string }).resource_name;
});
afterAll(async () => {
  await t?.close();
  await ci?.close();
  runner?.closeAllConnections();
  await new Promise((r) => runner?.close(r));
});

/** A GitHub Actions job's environment, as the runner sets it with `permissions: id-token: write`. */
const jobEnv = async () => ({
  ...(await newUser(t.coffer.url)),
  CI: 'true',
  GITHUB_ACTIONS: 'true',
  ACTIONS_ID_TOKEN_REQUEST_URL: runnerUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
  COFFER_ORG: t.org,
  COFFER_PROJECT: t.project,
});

describe('coffer login --federated-provider in GitHub Actions', () => {
  it('exchanges the job token, masks both tokens first, and run then reads the secrets as the principal', async () => {
    // prepare
    job = 'main-build';
    const env = await jobEnv();
    // act
    const login = await coffer(['login', '--federated-provider', resource, '--audience', AUDIENCE], { env });
    const who = await coffer(['whoami', '-o', 'json'], { env });
    const run = await coffer(['run', '--app', 'deploy', '--', ...printEnv(['DEPLOY_KEY'])], { env });
    // assess
    expect(login.code, login.stderr).toBe(0);
    expect(asked.at(-1)).toBe(AUDIENCE);
    const jobToken = handedOut.at(-1) as string;
    const lines = login.stderr.split('\n');
    expect(lines[0]).toBe(`::add-mask::${jobToken}`);
    expect(lines[1]).toMatch(/^::add-mask::ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(login.stderr.split(jobToken)).toHaveLength(2); // printed once: inside its own mask command
    expect(JSON.parse(who.stdout).principal).toMatchObject({
      type: 'PRINCIPAL_TYPE_SERVICE',
      service: { name: 'github-deployer' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(`::add-mask::${VALUE}`);
    expect(JSON.parse(run.stdout)).toEqual({ DEPLOY_KEY: VALUE });
  });

  it('asks for the provider resource name as audience when --audience is not given', async () => {
    // prepare
    job = 'main-build';
    const env = await jobEnv();
    // act
    await coffer(['login', '--federated-provider', resource], { env });
    // assess
    expect(asked.at(-1)).toBe(resource);
  });

  it('is refused for a job the provider does not trust (another repository), and stores nothing', async () => {
    // prepare
    job = 'fork-build';
    const env = await jobEnv();
    // act
    const login = await coffer(['login', '--federated-provider', resource, '--audience', AUDIENCE], { env });
    const who = await coffer(['whoami'], { env });
    // assess
    expect(login.code).toBe(77);
    expect(login.stderr).toContain(`exchanging the workload token for ${resource}`);
    expect(who.code).toBe(77);
  });

  it('outside a job with id-token permission says what the job needs', async () => {
    // prepare
    const { ACTIONS_ID_TOKEN_REQUEST_URL: _u, ACTIONS_ID_TOKEN_REQUEST_TOKEN: _t, ...env } = await jobEnv();
    // act
    const login = await coffer(['login', '--federated-provider', resource], { env });
    // assess
    expect(login.code).toBe(77);
    expect(login.stderr).toContain('permissions: id-token: write');
  });
});
