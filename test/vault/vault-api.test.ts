import { randomUUID } from 'node:crypto';
import nodeVault from 'node-vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, noteTraffic, startTestCoffer, type TestCoffer, keyPair } from '../helpers/coffer.js';
import { startOidcIssuer, type OidcIssuer } from '../helpers/oidc.js';

/**
 * The Vault KV v2 API, driven by node-vault (npm) as a Vault user's script would, against a real
 * Coffer. Expected shapes are written out from ../shared/VAULT_API.md and the mapping in issue 11.
 */
const RM = '/resource-manager/2019-12-10';

type VaultClient = ReturnType<typeof nodeVault>;
interface Failure {
  response: { statusCode: number; body: unknown };
}

describe('Vault KV v2 API through node-vault', () => {
  let t: TestCoffer;
  let ci: OidcIssuer;
  let writer: { client_id: string; client_secret: string };
  let writerId = '';
  let resource = '';
  const ids: string[] = [];

  /**
   * Every call carries a request id, so the audit check at close covers node-vault's requests
   * (except `update`, which replaces the request's headers with its Content-Type).
   */
  const rid = () => {
    const id = `vault-${randomUUID()}`;
    ids.push(id);
    return { headers: { 'x-request-id': id } };
  };
  const client = (token?: string): VaultClient =>
    nodeVault({ endpoint: t.coffer.url, token, noCustomHTTPVerbs: true });
  const approle = async () => {
    const v = client();
    await v.approleLogin({
      ...{ role_id: writer.client_id, secret_id: writer.client_secret },
      requestOptions: rid(),
    });
    return v;
  };
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (e: Failure) => ({ status: e.response.statusCode, body: e.response.body }),
    );

  beforeAll(async () => {
    ci = await startOidcIssuer({
      audience: 'https://coffer.example/vault',
      clients: [{ id: 'deploy-job', claims: { repository: 'acme/web' } }],
    });
    t = await startTestCoffer();
    const SPS = `/iam/2019-12-10/organizations/${t.org}/service-principals`;
    writerId = ((await t.api('POST', SPS, { name: 'vault-writer' })).body.service_principal as { id: string })
      .id;
    const created = await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principal-keys`, {
      principal_id: writerId,
    });
    writer = keyPair(created) as typeof writer;
    const policyPath = `${RM}/projects/${t.project}/iam-policy`;
    const { etag } = (await t.api('GET', policyPath)).body.policy as { etag: string };
    const member = { member_id: writerId, member_type: 'SERVICE_PRINCIPAL' };
    await t.api('PUT', policyPath, {
      policy: { bindings: [{ role_id: 'roles/contributor', members: [member] }], etag },
    });
    const provider = await t.api('POST', `${SPS}/${writerId}/workload-identity-providers`, {
      name: 'ci',
      issuer: ci.issuer,
      allowed_audiences: ['https://coffer.example/vault'],
      conditional_access: 'jwt_claims.repository == "acme/web"',
    });
    resource = (provider.body.provider as { resource_name: string }).resource_name;
    noteTraffic(t.coffer.url, { secrets: [writer.client_secret] });
  });
  afterAll(async () => {
    noteTraffic(t.coffer.url, { requestIds: ids });
    await t.close();
    await ci.close();
  });

  it('logs in with approle and answers Vault’s auth block with a Coffer token', async () => {
    const v = client('stale-token-from-an-earlier-login'); // node-vault sends it along; ignored
    const res = (await v.approleLogin({
      role_id: writer.client_id,
      secret_id: writer.client_secret,
      requestOptions: rid(),
    })) as { data: unknown; auth: Record<string, unknown> };
    expect(res.data).toBeNull();
    expect(res.auth).toEqual({
      client_token: expect.stringMatching(/^ey/),
      accessor: '',
      policies: ['default'],
      token_policies: ['default'],
      metadata: { principal_id: writerId, principal_name: 'vault-writer', principal_type: 'SERVICE' },
      lease_duration: 900,
      renewable: false,
      entity_id: writerId,
      token_type: 'service',
      orphan: true,
      mfa_requirement: null,
      num_uses: 0,
    });
    expect(v.token).toBe(res.auth.client_token); // node-vault took the token
  });

  it('refuses wrong approle credentials with 400 and no token', async () => {
    const res = await failure(
      client().approleLogin({
        role_id: writer.client_id,
        secret_id: 'wrong-secret-123',
        requestOptions: rid(),
      }),
    );
    expect(res).toEqual({ status: 400, body: { errors: ['client authentication failed'] } });
  });

  it('logs in with a workload’s JWT (jwt and kubernetes mounts) and reads with the token', async () => {
    const writerClient = await approle();
    await writerClient.write('secret/data/ci-app', { data: { DEPLOY_KEY: 'deploy-key-value-1' } }, rid());
    for (const mount of ['jwt', 'kubernetes']) {
      const v = client();
      const jwt = await ci.token('deploy-job');
      noteTraffic(t.coffer.url, { secrets: [jwt] });
      const res = (await v.jwtLogin({ role: resource, jwt, mount_point: mount, requestOptions: rid() })) as {
        auth: { client_token: string; entity_id: string; renewable: boolean };
      };
      expect(res.auth).toMatchObject({ entity_id: writerId, renewable: false });
      const read = (await v.read('secret/data/ci-app', rid())) as { data: { data: unknown } };
      expect(read.data.data).toEqual({ DEPLOY_KEY: 'deploy-key-value-1' });
    }
  });

  it('writes the map without and with cas, refuses a stale cas, reads the map and one key', async () => {
    const v = await approle();
    const first = (await v.write(
      'secret/data/web',
      { data: { DB_PASSWORD: 'pw-one-111', API_KEY: 'key-one-111' } },
      rid(),
    )) as {
      data: Record<string, unknown>;
    };
    expect(first.data).toEqual({
      created_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      custom_metadata: null,
      deletion_time: '',
      destroyed: false,
      version: 1,
    });
    const second = (await v.write(
      'secret/data/web',
      { data: { DB_PASSWORD: 'pw-two-222', API_KEY: 'key-one-111' }, options: { cas: 1 } },
      rid(),
    )) as {
      data: { version: number };
    };
    expect(second.data.version).toBe(2);

    const before = await t.state();
    const stale = await failure(
      v.write('secret/data/web', { data: { DB_PASSWORD: 'pw-stale-999' }, options: { cas: 1 } }, rid()),
    );
    expect(stale).toEqual({
      status: 400,
      body: { errors: ['check-and-set parameter did not match the current version'] },
    });
    expect(await t.state()).toBe(before);

    const map = (await v.read('secret/data/web', rid())) as {
      data: { data: unknown; metadata: { version: number } };
    };
    expect(map.data.data).toEqual({ DB_PASSWORD: 'pw-two-222', API_KEY: 'key-one-111' });
    expect(map.data.metadata.version).toBe(2);
    const one = (await v.read('secret/data/web/DB_PASSWORD', rid())) as {
      data: { data: unknown; metadata: { version: number } };
    };
    expect(one.data).toMatchObject({ data: { value: 'pw-two-222' }, metadata: { version: 2 } });
    const firstVersion = (await v.read('secret/data/web/DB_PASSWORD?version=1', rid())) as {
      data: { data: unknown };
    };
    expect(firstVersion.data.data).toEqual({ value: 'pw-one-111' });
  });

  it('lets exactly one of several concurrent writers with the same cas win', async () => {
    const v = await approle();
    await v.write('secret/data/raced', { data: { RACED: 'raced-start-0' } }, rid());
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        v
          .write('secret/data/raced', { data: { RACED: `raced-writer-${n}` }, options: { cas: 1 } }, rid())
          .then(
            () => 200,
            (e: Failure) => e.response.statusCode,
          ),
      ),
    );
    expect(results.sort()).toEqual([200, 400, 400, 400]);
    const map = (await v.read('secret/data/raced', rid())) as { data: { metadata: { version: number } } };
    expect(map.data.metadata.version).toBe(2);
  });

  it('changes only the names a merge patch gives; an unchanged value gets no new version', async () => {
    const v = await approle();
    await v.write('secret/data/patched', { data: { A_VALUE: 'a-value-1', B_VALUE: 'b-value-1' } }, rid());
    const patched = (await v.update('secret/data/patched', {
      data: { B_VALUE: 'b-value-2', C_VALUE: 'c-value-1' },
    })) as {
      data: { version: number };
    };
    expect(patched.data.version).toBe(2);
    const map = (await v.read('secret/data/patched', rid())) as { data: { data: unknown } };
    expect(map.data.data).toEqual({ A_VALUE: 'a-value-1', B_VALUE: 'b-value-2', C_VALUE: 'c-value-1' });
    const history = await t.api('GET', `${t.P}/apps/patched/secrets/A_VALUE/versions`);
    expect((history.body.static_versions as { versions: unknown[] }).versions.length).toBe(1);
  });

  it('reads an older revision as it was, and a revision it can no longer rebuild as destroyed', async () => {
    const v = await approle();
    await v.write('secret/data/history', { data: { ONE_NAME: 'one-at-r1' } }, rid());
    await v.write('secret/data/history', { data: { ONE_NAME: 'one-at-r2', TWO_NAME: 'two-at-r2' } }, rid());
    await v.update('secret/data/history', { data: { TWO_NAME: 'two-at-r3' } });
    const at = async (n: number) =>
      ((await v.read(`secret/data/history?version=${n}`, rid())) as { data: { data: unknown } }).data.data;
    expect(await at(1)).toEqual({ ONE_NAME: 'one-at-r1' });
    expect(await at(2)).toEqual({ ONE_NAME: 'one-at-r2', TWO_NAME: 'two-at-r2' });
    expect(await at(3)).toEqual({ ONE_NAME: 'one-at-r2', TWO_NAME: 'two-at-r3' });

    // Deleting a name deletes its versions (Coffer keeps none of a deleted secret).
    await v.update('secret/data/history', { data: { ONE_NAME: null } });
    expect(await at(4)).toEqual({ TWO_NAME: 'two-at-r3' });
    const lost = await failure(v.read('secret/data/history?version=2', rid()));
    expect(lost).toMatchObject({
      status: 404,
      body: { data: { data: null, metadata: { destroyed: true, version: 2, deletion_time: '' } } },
    });
    expect(await failure(v.read('secret/data/history?version=9', rid()))).toEqual({
      status: 404,
      body: { errors: [] },
    });
  });

  it('lists apps and an app’s secret names with GET ?list=true|1', async () => {
    const v = await approle();
    await v.write('secret/data/listed', { data: { X_ONE: 'x-one-value', Y_TWO: 'y-two-value' } }, rid());
    const apps = (await v.list('secret/metadata/', rid())) as { data: { keys: string[] } };
    expect(apps.data.keys).toEqual(expect.arrayContaining(['listed', 'web']));
    const names = (await v.list('secret/metadata/listed/', rid())) as { data: { keys: string[] } };
    expect(names.data.keys).toEqual(['X_ONE', 'Y_TWO']);
    const goStyle = await fetch(`${t.coffer.url}/v1/secret/metadata/listed?list=true`, {
      headers: { 'x-vault-token': v.token, ...rid().headers },
    });
    expect(await goStyle.json()).toMatchObject({ data: { keys: ['X_ONE', 'Y_TWO'] } });
  });

  it('writes and reads app metadata; cas_required makes cas mandatory', async () => {
    const v = await approle();
    await v.write('secret/metadata/pushed', { custom_metadata: { 'managed-by': 'external-secrets' } }, rid());
    await v.write('secret/data/pushed', { data: { PUSHED: 'pushed-value-1' } }, rid());
    const meta = (await v.read('secret/metadata/pushed', rid())) as { data: Record<string, unknown> };
    expect(meta.data).toMatchObject({
      cas_required: false,
      current_version: 1,
      custom_metadata: { 'managed-by': 'external-secrets' },
      delete_version_after: '0s',
      max_versions: 50,
    });
    await v.write('secret/metadata/pushed', { cas_required: true, delete_version_after: '0s' }, rid());
    expect(await failure(v.write('secret/data/pushed', { data: { PUSHED: 'x-value-2' } }, rid()))).toEqual({
      status: 400,
      body: { errors: ['check-and-set parameter required for this call'] },
    });
    const secretMeta = (await v.read('secret/metadata/pushed/PUSHED', rid())) as {
      data: Record<string, unknown>;
    };
    expect(secretMeta.data).toMatchObject({
      current_version: 1,
      oldest_version: 1,
      versions: { 1: { destroyed: false } },
    });
  });

  it('reads through the Vault API what the HCP API wrote, and the other way round', async () => {
    const v = await approle();
    await t.api('POST', `${t.P}/apps`, { name: 'both' });
    await t.api('POST', `${t.P}/apps/both/secret/kv`, { name: 'FROM_HCP', value: 'hcp-value-1' });
    const seen = (await v.read('secret/data/both', rid())) as {
      data: { data: unknown; metadata: { version: number } };
    };
    expect(seen.data).toMatchObject({ data: { FROM_HCP: 'hcp-value-1' }, metadata: { version: 1 } });

    await t.api('POST', `${t.P}/apps/both/secret/kv`, { name: 'FROM_HCP', value: 'hcp-value-2' });
    const moved = (await v.read('secret/data/both', rid())) as { data: { metadata: { version: number } } };
    expect(moved.data.metadata.version).toBe(2); // an HCP write moves the revision too

    await v.update('secret/data/both', { data: { FROM_VAULT: 'vault-value-1' } });
    const opened = await t.api('GET', `${t.P}/apps/both/secrets/FROM_VAULT:open`);
    expect(opened.body.secret).toMatchObject({ static_version: { value: 'vault-value-1' } });
  });

  it('refuses writes and reads through the Vault API while the project is locked', async () => {
    const v = await approle();
    await v.write('secret/data/locked', { data: { KEEP: 'keep-value-1' } }, rid());
    await t.api('POST', `/secrets/2023-11-28/organizations/${t.org}/projects/${t.project}/lock`, {
      reason: 'drill',
    });
    try {
      const before = await t.state();
      const write = await failure(
        v.write('secret/data/locked', { data: { KEEP: 'changed-while-locked' } }, rid()),
      );
      expect(write.status).toBe(403);
      expect((write.body as { errors: string[] }).errors[0]).toBe('permission denied');
      expect(await t.state()).toBe(before);
      expect((await failure(v.read('secret/data/locked', rid()))).status).toBe(403);
    } finally {
      await t.api('POST', `/secrets/2023-11-28/organizations/${t.org}/projects/${t.project}/unlock`, {});
    }
  });

  it('answers 403 permission denied, with no data, to a caller without a grant', async () => {
    const other = await t.newTenant('stranger');
    const stranger = client(other.token);
    for (const path of ['secret/data/web', 'secret/data/web/DB_PASSWORD']) {
      const res = await failure(
        stranger.read(path, { headers: { 'x-vault-namespace': t.project, ...rid().headers } }),
      );
      expect(res).toEqual({ status: 403, body: { errors: ['permission denied'] } });
    }
    expect(await failure(client('not-a-token').read('secret/data/web', rid()))).toEqual({
      status: 403,
      body: { errors: ['permission denied'] },
    });
  });

  it('leaves exactly one audit event per Vault request, named by operation', async () => {
    const v = await approle();
    const id = `vault-audited-${randomUUID()}`;
    await v.read('secret/data/web', { headers: { 'x-request-id': id } });
    ids.push(id);
    const events = (await t.auditEvents()).filter((e) => e.request_id === id);
    expect(events).toEqual([
      expect.objectContaining({
        operation: 'OpenVaultKvData',
        outcome: 200,
        org_id: t.org,
        project_id: t.project,
      }),
    ]);
  });
});

describe('Vault API answers, field by field against VAULT_API.md', () => {
  let t: TestCoffer;
  let body: Record<string, Record<string, unknown>>;
  let status: Record<string, number>;

  beforeAll(async () => {
    t = await startTestCoffer();
    await t.api('POST', `${t.P}/apps`, { name: 'web' });
    await t.api('POST', `${t.P}/apps/web/secret/kv`, { name: 'DB_PASSWORD', value: 'table-value-1' });
    const vault = apiFor(t.coffer.url);
    const h = { 'x-vault-token': t.token };
    const calls = {
      mounts: await vault('GET', '/v1/sys/internal/ui/mounts/secret/web', undefined, h),
      lookup: await vault('GET', '/v1/auth/token/lookup-self', undefined, h),
      missing: await vault('GET', '/v1/secret/data/nothing-here', undefined, h),
      seal: await vault('GET', '/v1/sys/seal-status'),
    };
    body = Object.fromEntries(Object.entries(calls).map(([k, r]) => [k, r.body]));
    status = Object.fromEntries(Object.entries(calls).map(([k, r]) => [k, r.status]));
  });
  afterAll(() => t.close());

  const envelope = [
    ['request_id', expect.any(String)],
    ['lease_id', ''],
    ['renewable', false],
    ['lease_duration', 0],
    ['wrap_info', null],
    ['warnings', null],
    ['auth', null],
  ] as const;

  it.each(envelope)('mounts: envelope %s', (field, expected) => {
    expect(status.mounts).toBe(200);
    expect(body.mounts?.[field]).toEqual(expected);
  });
  it.each([
    ['path', 'secret/'],
    ['type', 'kv'],
    ['options', { version: '2' }],
  ])('mounts: data.%s', (field, expected) => {
    expect((body.mounts?.data as Record<string, unknown>)[field]).toEqual(expected);
  });

  it.each(envelope)('lookup-self: envelope %s', (field, expected) => {
    expect(status.lookup).toBe(200);
    expect(body.lookup?.[field]).toEqual(expected);
  });
  it.each([
    ['accessor', expect.any(String)],
    ['creation_time', expect.any(Number)],
    ['creation_ttl', 900],
    ['display_name', 'bootstrap-admin'],
    ['entity_id', expect.any(String)],
    ['expire_time', expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)],
    ['explicit_max_ttl', 0],
    ['id', expect.stringMatching(/^ey/)],
    ['issue_time', expect.stringMatching(/^\d{4}-/)],
    ['num_uses', 0],
    ['orphan', true],
    ['path', expect.any(String)],
    ['policies', ['default']],
    ['renewable', false],
    ['ttl', expect.any(Number)],
    ['type', 'service'],
  ])('lookup-self: data.%s', (field, expected) => {
    expect((body.lookup?.data as Record<string, unknown>)[field]).toEqual(expected);
  });

  it('a missing path: 404 with an empty error list', () => {
    expect([status.missing, body.missing]).toEqual([404, { errors: [] }]);
  });

  it.each([
    ['sealed', false],
    ['initialized', true],
    ['version', expect.stringMatching(/^1\.\d+\.\d+$/)],
  ])('seal-status: %s', (field, expected) => {
    expect(status.seal).toBe(200);
    expect(body.seal?.[field]).toEqual(expected);
  });
});
