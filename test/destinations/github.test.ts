import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DestinationOptions } from '../../shared/adapters/destinations/factory.js';
import { createDestination } from '../../shared/adapters/destinations/factory.js';
import type { Destination } from '../../shared/domain/sync/destination.js';
import { GitHubStandIn } from '../standins/index.js';
import { canary, expectNoValue, fast, rejection } from './helpers.js';

describe('GitHub Actions destination', () => {
  const gh = new GitHubStandIn();
  let repoCount = 0;

  beforeAll(async () => {
    await gh.start();
    await gh.addOrg('acme');
  });
  afterAll(() => gh.close());
  beforeEach(() => {
    gh.clearLog();
    gh.clearFaults();
  });

  /** A new repository per test, so state never leaks between tests. */
  const newRepo = async (environments: string[] = []): Promise<string> => {
    const name = `repo${++repoCount}`;
    await gh.addRepo(`acme/${name}`, { environments });
    return name;
  };

  const repoDestination = (repository: string, options: DestinationOptions = {}): Destination =>
    createDestination(
      'github',
      { token: gh.authToken, base_url: gh.url },
      { scope: 'repository', owner: 'acme', repository },
      fast(options),
    );

  it('lists every secret across pages, including ones someone else created', async () => {
    const repo = await newRepo();
    for (const n of ['E', 'A', 'C', 'B', 'D']) gh.seedSecret({ repo: `acme/${repo}` }, n, `seeded-${n}`);
    const dest = repoDestination(repo, { pageSize: 2 });

    const entries = await dest.list();

    expect(entries.map((e) => e.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(entries[0]?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(gh.requests.map((r) => r.query)).toEqual([
      '?per_page=2',
      '?per_page=2&page=2',
      '?per_page=2&page=3',
    ]);
    expect(gh.writeCount()).toBe(0);
  });

  it('creates and updates with the exact plaintext, as opened from the sealed box', async () => {
    const repo = await newRepo();
    const dest = repoDestination(repo);
    const first = 'hunter2 ✓\nsecond line "quoted" \\ and 🔑';

    await dest.put('DB_PASSWORD', first, false);
    expect(gh.secrets(`acme/${repo}`).DB_PASSWORD).toMatchObject({ plaintext: first, origin: 'api' });

    await dest.put('DB_PASSWORD', 'v2', true);
    expect(gh.secrets(`acme/${repo}`).DB_PASSWORD?.plaintext).toBe('v2');
    // A create checks first (GET), so only the two PUTs are writes; the public key is fetched once.
    expect(gh.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 404',
      'GET 200',
      'PUT 201',
      'PUT 204',
    ]);
    expect(gh.writeCount()).toBe(2);
  });

  it('never overwrites a secret someone else created: a create answers CONFLICT without writing', async () => {
    const repo = await newRepo();
    gh.seedSecret({ repo: `acme/${repo}` }, 'THEIRS', 'not ours');
    const dest = repoDestination(repo);

    const err = await rejection(dest.put('THEIRS', 'ours', false));

    expect(err).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect(gh.secrets(`acme/${repo}`).THEIRS).toMatchObject({ plaintext: 'not ours', origin: 'seed' });
    expect(gh.writeCount()).toBe(0);
  });

  it('deletes, and deleting a missing secret is not an error', async () => {
    const repo = await newRepo();
    gh.seedSecret({ repo: `acme/${repo}` }, 'KEEP', 'theirs');
    const dest = repoDestination(repo);
    await dest.put('GONE', 'x', false);

    await dest.delete('GONE');
    await dest.delete('GONE');

    expect(Object.keys(gh.secrets(`acme/${repo}`))).toEqual(['KEEP']);
    expect(gh.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([204, 404]);
  });

  it('writes environment secrets (environment names are URL-encoded)', async () => {
    const repo = await newRepo(['Production EU']);
    const dest = createDestination(
      'github',
      { token: gh.authToken, base_url: gh.url },
      { scope: 'environment', owner: 'acme', repository: repo, environment: 'Production EU' },
      fast(),
    );

    await dest.put('API_KEY', 'env-value', false);

    expect(gh.environmentSecrets(`acme/${repo}`, 'Production EU').API_KEY?.plaintext).toBe('env-value');
    expect(gh.secrets(`acme/${repo}`).API_KEY).toBeUndefined();
    expect((await dest.list()).map((e) => e.name)).toEqual(['API_KEY']);
    expect(gh.requests.at(-1)?.path).toBe(`/repos/acme/${repo}/environments/Production%20EU/secrets`);
  });

  it('writes organization secrets with their visibility and selected repositories', async () => {
    const { id } = await gh.addRepo('acme/selected-one');
    const dest = createDestination(
      'github',
      { token: gh.authToken, base_url: gh.url },
      { scope: 'organization', owner: 'acme', visibility: 'selected', selected_repository_ids: [id] },
      fast(),
    );

    await dest.put('SHARED_TOKEN', 'org-value', false);

    expect(gh.orgSecrets('acme').SHARED_TOKEN).toMatchObject({
      plaintext: 'org-value',
      visibility: 'selected',
      selected_repository_ids: [id],
    });
    expect((await dest.list()).map((e) => e.name)).toContain('SHARED_TOKEN');
  });

  it('reseals and resends once when GitHub has rotated the key', async () => {
    const repo = await newRepo();
    const dest = repoDestination(repo);
    await dest.put('ROTATED', 'before', false);
    gh.rotateKey({ repo: `acme/${repo}` });
    gh.clearLog();

    await dest.put('ROTATED', 'after', true);

    expect(gh.secrets(`acme/${repo}`).ROTATED?.plaintext).toBe('after');
    expect(gh.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 422', 'GET 200', 'PUT 204']);
  });

  it.each([
    ['db_password', { ok: true, name: 'DB_PASSWORD' }],
    ['Api_Key', { ok: true, name: 'API_KEY' }],
    ['_PRIVATE', { ok: true, name: '_PRIVATE' }],
    ['GITHUB_TOKEN', { ok: false, reason: expect.stringContaining('GITHUB_') }],
    ['github_sha', { ok: false, reason: expect.stringContaining('GITHUB_') }],
    ['1PASSWORD', { ok: false, reason: expect.stringContaining('Coffer secret name') }],
    ['A-B', { ok: false, reason: expect.stringContaining('Coffer secret name') }],
    [`A${'B'.repeat(64)}`, { ok: false, reason: expect.stringContaining('Coffer secret name') }],
  ])('maps %s', async (name, expected) => {
    expect(repoDestination('any').mapName(name)).toEqual(expected);
  });

  describe('rate limits and failures', () => {
    it('waits out a primary rate limit (429, x-ratelimit-remaining 0) and then lists', async () => {
      const repo = await newRepo();
      gh.seedSecret({ repo: `acme/${repo}` }, 'AFTER_LIMIT', 'x');
      gh.rateLimitNext('primary', { status: 429 });

      const entries = await repoDestination(repo).list();

      expect(entries.map((e) => e.name)).toEqual(['AFTER_LIMIT']);
      expect(gh.requests.map((r) => r.status)).toEqual([429, 200]);
    });

    it('waits out a secondary rate limit (403 + retry-after) and the sealed value then arrives', async () => {
      const repo = await newRepo();
      gh.rateLimitNext('secondary', { match: { method: 'PUT' } });

      await repoDestination(repo).put('AFTER_SECONDARY', 'made it', true);

      expect(gh.secrets(`acme/${repo}`).AFTER_SECONDARY?.plaintext).toBe('made it');
      expect(gh.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([403, 201]);
    });

    it('does not sleep through a limit longer than maxRetryAfterMs: RATE_LIMITED with retryAfterMs', async () => {
      const repo = await newRepo();
      // No retry-after: GitHub says wait at least a minute, longer than this client will sleep.
      gh.rateLimitNext('secondary', { retryAfter: null, match: { method: 'PUT' } });
      const value = canary('gh-limit');

      const err = await rejection(repoDestination(repo).put('LIMITED', value, true));

      expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 60_000 });
      expectNoValue(err, value);
      expect(gh.secrets(`acme/${repo}`).LIMITED).toBeUndefined();
    });

    it('reports a primary limit that resets in an hour with the reset as retryAfterMs', async () => {
      const repo = await newRepo();
      gh.rateLimitNext('primary', { resetInSeconds: 3600 });

      const err = await rejection(repoDestination(repo).list());

      expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
      expect(err.retryAfterMs).toBeGreaterThan(3_500_000);
      expect(err.retryAfterMs).toBeLessThanOrEqual(3_601_000);
      expect(gh.requests).toHaveLength(1);
    });

    it('retries a 5xx and succeeds', async () => {
      const repo = await newRepo();
      gh.failNext(2, 502, { method: 'PUT' });

      await repoDestination(repo).put('FLAKY', 'value', true);

      expect(gh.secrets(`acme/${repo}`).FLAKY?.plaintext).toBe('value');
      expect(gh.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([502, 502, 201]);
    });

    it('surfaces a 5xx that outlasts its retries as a retryable UNAVAILABLE, without the value', async () => {
      const repo = await newRepo();
      gh.failNext(3, 503, { method: 'PUT' });
      const value = canary('gh-5xx');

      const err = await rejection(repoDestination(repo).put('DOWN', value, true));

      expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      expect(err.message).toContain('HTTP 503');
      expectNoValue(err, value);
      expect(gh.requests.filter((r) => r.method === 'PUT')).toHaveLength(3);
    });

    it.each<[string, { token?: string; repository?: string }, string]>([
      ['a wrong token', { token: 'ghp_wrong' }, 'UNAUTHORIZED'],
      ['a missing repository', { repository: 'does-not-exist' }, 'NOT_FOUND'],
    ])('reports %s as %s, not retryable', async (_label, change, code) => {
      const dest = createDestination(
        'github',
        { token: change.token ?? gh.authToken, base_url: gh.url },
        { scope: 'repository', owner: 'acme', repository: change.repository ?? (await newRepo()) },
        fast(),
      );

      expect(await rejection(dest.list())).toMatchObject({ code, retryable: false });
    });

    it('rejects a name GitHub refuses with VALIDATION, without the value in the error', async () => {
      const repo = await newRepo();
      const value = canary('gh-422');

      const err = await rejection(repoDestination(repo).put('BAD-NAME', value, true));

      expect(err).toMatchObject({ code: 'VALIDATION', retryable: false });
      expectNoValue(err, value);
    });

    it('refuses a value over 48 KB before sending anything', async () => {
      const repo = await newRepo();

      const err = await rejection(repoDestination(repo).put('BIG', 'x'.repeat(48 * 1024 + 1), true));

      expect(err).toMatchObject({ code: 'VALUE_TOO_LARGE', retryable: false });
      expect(gh.requests).toHaveLength(0);
    });
  });
});
