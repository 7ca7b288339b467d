import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import sodium from 'libsodium-wrappers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubStandIn } from './github.js';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

async function seal(plaintext: string, publicKey: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(
    sodium.crypto_box_seal(sodium.from_string(plaintext), key),
    sodium.base64_variants.ORIGINAL,
  );
}

function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
    ? err.status
    : undefined;
}

async function rejectStatus(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
  } catch (err) {
    return statusOf(err);
  }
  throw new Error('expected the request to fail');
}

function untypedRoute(route: string): string {
  return route;
}

describe('GitHub Actions secrets stand-in', () => {
  const gh = new GitHubStandIn();
  let octokit: Octokit;
  let repoId: number;

  beforeAll(async () => {
    const { url } = await gh.start();
    octokit = new Octokit({ auth: gh.authToken, baseUrl: url, log: quiet });
    ({ id: repoId } = await gh.addRepo('acme/api', { environments: ['Production EU'] }));
    await gh.addOrg('acme');
  });
  afterAll(() => gh.close());
  beforeEach(() => {
    gh.clearLog();
    gh.clearFaults();
  });

  it('requires a token: 401 without one, 401 for a wrong one', async () => {
    const anon = new Octokit({ baseUrl: gh.url, log: quiet });
    expect(await rejectStatus(anon.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'api' }))).toBe(401);
    const wrong = new Octokit({ auth: 'ghp_wrong', baseUrl: gh.url, log: quiet });
    expect(await rejectStatus(wrong.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'api' }))).toBe(401);
    expect(gh.requests.map((r) => r.status)).toEqual([401, 401]);
  });

  it('opens a sealed box: 201 on create, 204 on update, names stored upper case, value never returned', async () => {
    const { data: key } = await octokit.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'api' });
    expect(key).toEqual(gh.publicKey({ repo: 'acme/api' }));
    expect(Buffer.from(key.key, 'base64')).toHaveLength(32);

    const created = await octokit.rest.actions.createOrUpdateRepoSecret({
      owner: 'acme',
      repo: 'api',
      secret_name: 'db_password',
      encrypted_value: await seal('hunter2 ✓', key.key),
      key_id: key.key_id,
    });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({});
    expect(gh.secrets('acme/api').DB_PASSWORD?.plaintext).toBe('hunter2 ✓');
    expect(gh.secrets('acme/api').DB_PASSWORD?.origin).toBe('api');

    const updated = await octokit.rest.actions.createOrUpdateRepoSecret({
      owner: 'acme',
      repo: 'api',
      secret_name: 'DB_PASSWORD',
      encrypted_value: await seal('v2', key.key),
      key_id: key.key_id,
    });
    expect(updated.status).toBe(204);
    expect(gh.secrets('acme/api').DB_PASSWORD?.plaintext).toBe('v2');

    const got = await octokit.rest.actions.getRepoSecret({
      owner: 'acme',
      repo: 'api',
      secret_name: 'Db_Password',
    });
    expect(Object.keys(got.data).sort()).toEqual(['created_at', 'name', 'updated_at']);
    expect(got.data.name).toBe('DB_PASSWORD');
    expect(got.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(gh.writeCount()).toBe(2);
  });

  it('rejects a wrong or stale key_id and undecryptable values with 422, leaving state alone', async () => {
    await gh.addRepo('acme/keys');
    const { data: key } = await octokit.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'keys' });
    const put = (encrypted_value: string, key_id: string): Promise<number | undefined> =>
      rejectStatus(
        octokit.rest.actions.createOrUpdateRepoSecret({
          owner: 'acme',
          repo: 'keys',
          secret_name: 'K',
          encrypted_value,
          key_id,
        }),
      );
    expect(await put(await seal('x', key.key), '1234')).toBe(422);
    expect(await put(Buffer.from('not a sealed box at all, too short?').toString('base64'), key.key_id)).toBe(
      422,
    );
    // Sealed to another scope's key: right key_id, wrong key.
    const other = gh.publicKey({ repo: 'acme/api' });
    expect(await put(await seal('x', other.key), key.key_id)).toBe(422);

    gh.rotateKey({ repo: 'acme/keys' });
    expect(await put(await seal('x', key.key), key.key_id)).toBe(422);
    expect(gh.secrets('acme/keys')).toEqual({});
  });

  it('validates names with 422', async () => {
    const key = gh.publicKey({ repo: 'acme/api' });
    for (const name of ['GITHUB_TOKEN', 'github_x', '1ABC', 'A-B', 'A.B']) {
      const status = await rejectStatus(
        octokit.rest.actions.createOrUpdateRepoSecret({
          owner: 'acme',
          repo: 'api',
          secret_name: name,
          encrypted_value: await seal('x', key.key),
          key_id: key.key_id,
        }),
      );
      expect(status, name).toBe(422);
    }
  });

  it('enforces the value size and secret count limits with 422', async () => {
    const small = new GitHubStandIn({ maxValueBytes: 10, maxRepoSecrets: 1 });
    await small.start();
    try {
      await small.addRepo('o/r');
      const client = new Octokit({ auth: small.authToken, baseUrl: small.url, log: quiet });
      const key = small.publicKey({ repo: 'o/r' });
      const put = async (name: string, value: string): Promise<number | undefined> => {
        try {
          const r = await client.rest.actions.createOrUpdateRepoSecret({
            owner: 'o',
            repo: 'r',
            secret_name: name,
            encrypted_value: await seal(value, key.key),
            key_id: key.key_id,
          });
          return r.status;
        } catch (err) {
          return statusOf(err);
        }
      };
      expect(await put('A', '12345678901')).toBe(422);
      expect(await put('A', '1234567890')).toBe(201);
      expect(await put('B', 'x')).toBe(422);
      expect(await put('A', 'y')).toBe(204);
    } finally {
      await small.close();
    }
  });

  it('serves environment secrets on both the current and the older repositories/{id} routes', async () => {
    const env = 'Production EU';
    const { data: key } = await octokit.rest.actions.getEnvironmentPublicKey({
      owner: 'acme',
      repo: 'api',
      environment_name: env,
    });
    expect(key.key_id).not.toBe(gh.publicKey({ repo: 'acme/api' }).key_id);
    const created = await octokit.rest.actions.createOrUpdateEnvironmentSecret({
      owner: 'acme',
      repo: 'api',
      environment_name: env,
      secret_name: 'api_key',
      encrypted_value: await seal('env-value', key.key),
      key_id: key.key_id,
    });
    expect(created.status).toBe(201);
    expect(gh.requests.at(-1)?.path).toBe('/repos/acme/api/environments/Production%20EU/secrets/api_key');

    const { data: repo } = await octokit.rest.repos.get({ owner: 'acme', repo: 'api' });
    expect(repo.id).toBe(repoId);
    const old = await octokit.request(
      'PUT /repositories/{repository_id}/environments/{environment_name}/secrets/{secret_name}',
      {
        repository_id: repo.id,
        environment_name: env,
        secret_name: 'API_KEY',
        encrypted_value: await seal('env-value-2', key.key),
        key_id: key.key_id,
      },
    );
    expect(old.status).toBe(204);
    expect(gh.environmentSecrets('acme/api', env).API_KEY?.plaintext).toBe('env-value-2');
    expect(gh.secrets('acme/api').API_KEY).toBeUndefined();

    const listed = await octokit.request(
      'GET /repositories/{repository_id}/environments/{environment_name}/secrets',
      {
        repository_id: repo.id,
        environment_name: env,
      },
    );
    expect(listed.data).toMatchObject({ total_count: 1, secrets: [{ name: 'API_KEY' }] });

    expect(
      await rejectStatus(
        octokit.rest.actions.getEnvironmentPublicKey({
          owner: 'acme',
          repo: 'api',
          environment_name: 'nope',
        }),
      ),
    ).toBe(404);
    expect(await rejectStatus(octokit.rest.actions.listRepoSecrets({ owner: 'acme', repo: 'missing' }))).toBe(
      404,
    );
  });

  it('serves organization secrets with visibility (required) and selected repositories', async () => {
    const { data: key } = await octokit.rest.actions.getOrgPublicKey({ org: 'acme' });
    const missingVisibility = await rejectStatus(
      // The typed route insists on visibility; send the request a careless client would.
      octokit.request(untypedRoute('PUT /orgs/{org}/actions/secrets/{secret_name}'), {
        org: 'acme',
        secret_name: 'SHARED',
        encrypted_value: await seal('s', key.key),
        key_id: key.key_id,
      }),
    );
    expect(missingVisibility).toBe(422);

    const res = await octokit.rest.actions.createOrUpdateOrgSecret({
      org: 'acme',
      secret_name: 'SHARED',
      encrypted_value: await seal('org-value', key.key),
      key_id: key.key_id,
      visibility: 'selected',
      selected_repository_ids: [repoId],
    });
    expect(res.status).toBe(201);
    expect(gh.orgSecrets('acme').SHARED).toMatchObject({
      plaintext: 'org-value',
      visibility: 'selected',
      selected_repository_ids: [repoId],
    });
    const { data } = await octokit.rest.actions.getOrgSecret({ org: 'acme', secret_name: 'shared' });
    expect(data.visibility).toBe('selected');
    expect(data.selected_repositories_url).toBe(`${gh.url}/orgs/acme/actions/secrets/SHARED/repositories`);
  });

  it('paginates with per_page/page and Link headers that Octokit follows', async () => {
    await gh.addRepo('acme/many');
    for (const n of ['E', 'A', 'C', 'B', 'D']) gh.seedSecret({ repo: 'acme/many' }, n, `seeded-${n}`);

    const first = await octokit.rest.actions.listRepoSecrets({ owner: 'acme', repo: 'many', per_page: 2 });
    expect(first.data.total_count).toBe(5);
    expect(first.data.secrets.map((s) => s.name)).toEqual(['A', 'B']);
    expect(first.headers.link).toBe(
      `<${gh.url}/repos/acme/many/actions/secrets?per_page=2&page=2>; rel="next", <${gh.url}/repos/acme/many/actions/secrets?per_page=2&page=3>; rel="last"`,
    );

    gh.clearLog();
    const all = await octokit.paginate(octokit.rest.actions.listRepoSecrets, {
      owner: 'acme',
      repo: 'many',
      per_page: 2,
    });
    expect(all.map((s) => s.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(gh.requests.map((r) => r.query)).toEqual([
      '?per_page=2',
      '?per_page=2&page=2',
      '?per_page=2&page=3',
    ]);

    const capped = await octokit.rest.actions.listRepoSecrets({ owner: 'acme', repo: 'many', per_page: 500 });
    expect(capped.data.secrets).toHaveLength(5);
    expect(capped.headers.link).toBeUndefined();
    expect(gh.writeCount()).toBe(0);
  });

  it('deletes with 204 then 404, and leaves entries seeded by someone else alone', async () => {
    await gh.addRepo('acme/del');
    gh.seedSecret({ repo: 'acme/del' }, 'THEIRS', 'not ours');
    const key = gh.publicKey({ repo: 'acme/del' });
    await octokit.rest.actions.createOrUpdateRepoSecret({
      owner: 'acme',
      repo: 'del',
      secret_name: 'OURS',
      encrypted_value: await seal('ours', key.key),
      key_id: key.key_id,
    });
    const del = await octokit.rest.actions.deleteRepoSecret({
      owner: 'acme',
      repo: 'del',
      secret_name: 'ours',
    });
    expect(del.status).toBe(204);
    expect(
      await rejectStatus(
        octokit.rest.actions.deleteRepoSecret({ owner: 'acme', repo: 'del', secret_name: 'OURS' }),
      ),
    ).toBe(404);
    expect(gh.secrets('acme/del')).toEqual({
      THEIRS: expect.objectContaining({ plaintext: 'not ours', origin: 'seed' }),
    });
  });

  it('injects 5xx without touching state', async () => {
    const key = gh.publicKey({ repo: 'acme/api' });
    gh.failNext(1, 502);
    const status = await rejectStatus(
      octokit.rest.actions.createOrUpdateRepoSecret({
        owner: 'acme',
        repo: 'api',
        secret_name: 'FIVE_HUNDRED',
        encrypted_value: await seal('x', key.key),
        key_id: key.key_id,
      }),
    );
    expect(status).toBe(502);
    expect(gh.secrets('acme/api').FIVE_HUNDRED).toBeUndefined();
    expect(gh.requests).toEqual([expect.objectContaining({ status: 502, injected: true, write: true })]);
  });

  describe('with @octokit/plugin-throttling', () => {
    const Throttled = Octokit.plugin(throttling);
    const calls: { kind: string; retryAfter: number }[] = [];
    const client = (): InstanceType<typeof Throttled> =>
      new Throttled({
        auth: gh.authToken,
        baseUrl: gh.url,
        log: quiet,
        throttle: {
          onRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) => {
            calls.push({ kind: 'primary', retryAfter });
            return retryCount < 2;
          },
          onSecondaryRateLimit: (retryAfter: number, _o: unknown, _k: unknown, retryCount: number) => {
            calls.push({ kind: 'secondary', retryAfter });
            return retryCount < 2;
          },
        },
      });
    beforeEach(() => {
      calls.length = 0;
    });

    it('retries a primary rate limit (429, x-ratelimit-remaining 0) after the reset', async () => {
      gh.seedSecret({ repo: 'acme/api' }, 'LISTED_AFTER_LIMIT', 'x');
      gh.rateLimitNext('primary', { status: 429 });
      const { data } = await client().rest.actions.listRepoSecrets({ owner: 'acme', repo: 'api' });
      expect(data.secrets.map((s) => s.name)).toContain('LISTED_AFTER_LIMIT');
      // x-ratelimit-reset is "now" in whole seconds; the plugin waits until a second after it: 1 s,
      // or 0 s if a second boundary passes between the stand-in's reply and the plugin's clock read.
      expect(calls).toEqual([{ kind: 'primary', retryAfter: expect.any(Number) }]);
      expect([0, 1]).toContain(calls[0]?.retryAfter);
      expect(gh.requests.map((r) => r.status)).toEqual([429, 200]);
    });

    it('retries a secondary rate limit (403 + retry-after) and the sealed value then arrives', async () => {
      const key = gh.publicKey({ repo: 'acme/api' });
      gh.rateLimitNext('secondary', { match: { method: 'PUT' } });
      const res = await client().rest.actions.createOrUpdateRepoSecret({
        owner: 'acme',
        repo: 'api',
        secret_name: 'AFTER_LIMIT',
        encrypted_value: await seal('made it', key.key),
        key_id: key.key_id,
      });
      expect(res.status).toBe(201);
      expect(calls).toEqual([{ kind: 'secondary', retryAfter: 1 }]);
      expect(gh.requests.map((r) => [r.method, r.status])).toEqual([
        ['PUT', 403],
        ['PUT', 201],
      ]);
      expect(gh.writeCount()).toBe(2);
      expect(gh.secrets('acme/api').AFTER_LIMIT?.plaintext).toBe('made it');
    });

    it('emulates the content-creation budget as a secondary limit when configured', async () => {
      const limited = new GitHubStandIn({ writesPerMinute: 1 });
      await limited.start();
      try {
        await limited.addRepo('o/r');
        const key = limited.publicKey({ repo: 'o/r' });
        const raw = new Octokit({ auth: limited.authToken, baseUrl: limited.url, log: quiet });
        const put = (name: string): Promise<unknown> =>
          seal('v', key.key).then((encrypted_value) =>
            raw.rest.actions.createOrUpdateRepoSecret({
              owner: 'o',
              repo: 'r',
              secret_name: name,
              encrypted_value,
              key_id: key.key_id,
            }),
          );
        await put('ONE');
        let message = '';
        try {
          await put('TWO');
        } catch (err) {
          message = err instanceof Error ? err.message : '';
          expect(statusOf(err)).toBe(403);
        }
        expect(message).toMatch(/secondary rate limit/);
        expect(Object.keys(limited.secrets('o/r'))).toEqual(['ONE']);
      } finally {
        await limited.close();
      }
    });
  });
});
