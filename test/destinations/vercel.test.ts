import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DestinationOptions } from '../../shared/adapters/destinations/factory.js';
import { createDestination } from '../../shared/adapters/destinations/factory.js';
import type { Destination } from '../../shared/domain/sync/destination.js';
import { VercelStandIn } from '../standins/index.js';
import { canary, expectNoValue, fast, rejection, thrown } from './helpers.js';

type Target = 'production' | 'preview' | 'development';

describe('Vercel destination', () => {
  const v = new VercelStandIn();
  let projectCount = 0;

  beforeAll(async () => {
    await v.start();
  });
  afterAll(() => v.close());
  beforeEach(() => {
    v.clearLog();
    v.clearFaults();
  });

  const newProject = (): string => v.addProject(`web${++projectCount}`).name;

  const destination = (
    project: string,
    target: { targets?: Target[]; type?: 'encrypted' | 'sensitive' | 'plain' } = {},
    options: DestinationOptions = {},
    standIn: VercelStandIn = v,
  ): Destination =>
    createDestination(
      'vercel',
      { token: standIn.token, team_id: standIn.teamId, base_url: standIn.url },
      {
        project,
        targets: target.targets ?? ['production', 'preview'],
        ...(target.type ? { type: target.type } : {}),
      },
      fast(options),
    );

  it('lists across pages (until cursor), only variables overlapping its targets, including others’', async () => {
    const paged = new VercelStandIn({ listPageSize: 2 });
    await paged.start();
    try {
      paged.addProject('p');
      for (const key of ['A', 'B', 'C', 'D', 'E'])
        paged.seedEnv('p', { key, value: key, target: ['production'] });
      paged.seedEnv('p', { key: 'DEV_ONLY', value: 'd', target: ['development'] });
      paged.seedEnv('p', { key: 'BRANCH', value: 'b', target: ['preview'], gitBranch: 'feature-x' });

      const entries = await destination('p', {}, {}, paged).list();

      expect(entries.map((e) => e.name).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(entries[0]?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(paged.requests.length).toBe(4);
      expect(paged.requests.slice(1).every((r) => r.query.includes('until='))).toBe(true);
    } finally {
      await paged.close();
    }
  });

  it('creates and updates with the exact plaintext, type and targets', async () => {
    const project = newProject();
    const dest = destination(project);
    const first = 'postgres://u:p@db/x?ssl=true ✓\nline 2';

    await dest.put('DATABASE_URL', first, false);
    const [created] = v.envs(project);
    expect(created).toMatchObject({
      key: 'DATABASE_URL',
      value: first,
      type: 'encrypted',
      target: ['production', 'preview'],
      origin: 'api',
    });

    await dest.put('DATABASE_URL', 'v2', true);
    expect(v.envs(project)).toEqual([expect.objectContaining({ id: created?.id, value: 'v2' })]);
    // The create does not use upsert; the update patches the variable by the id the create returned.
    expect(v.requests.map((r) => `${r.method} ${r.path.split('/')[1]} ${r.status}`)).toEqual([
      'POST v10 201',
      'PATCH v9 200',
    ]);
    expect(v.requests[0]?.query).not.toContain('upsert');
  });

  it('updates from a fresh client (a new job) by the id its list found', async () => {
    const project = newProject();
    await destination(project).put('TOKEN', 'one', false);
    const job = destination(project);

    await job.list();
    await job.put('TOKEN', 'two', true);

    expect(v.envs(project).map((e) => e.value)).toEqual(['two']);
  });

  it('creates sensitive variables when configured', async () => {
    const project = newProject();

    await destination(project, { type: 'sensitive' }).put('SIGNING_KEY', 'sensitive value', false);

    expect(v.envs(project)[0]).toMatchObject({ type: 'sensitive', value: 'sensitive value' });
  });

  it('never takes over a variable someone else created: CONFLICT, where upsert would have overwritten it', async () => {
    const project = newProject();
    v.seedEnv(project, { key: 'SHARED', value: 'theirs', target: ['production'] });

    const err = await rejection(destination(project).put('SHARED', 'ours', false));

    expect(err).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect(err.message).toContain('ENV_ALREADY_EXISTS');
    expect(v.envs(project)).toEqual([expect.objectContaining({ value: 'theirs', origin: 'seed' })]);
  });

  it('refuses to guess when several variables of one key overlap its targets', async () => {
    const project = newProject();
    v.seedEnv(project, { key: 'TWICE', value: 'p', target: ['production'] });
    v.seedEnv(project, { key: 'TWICE', value: 'q', target: ['preview'] });

    expect(await rejection(destination(project).put('TWICE', 'x', true))).toMatchObject({ code: 'CONFLICT' });
    expect(await rejection(destination(project).delete('TWICE'))).toMatchObject({ code: 'CONFLICT' });
    expect(
      v
        .envs(project)
        .map((e) => e.value)
        .sort(),
    ).toEqual(['p', 'q']);
    expect(v.writeCount()).toBe(0);
  });

  it('deletes its variable and leaves a same-named one on other targets alone; a missing one is fine', async () => {
    const project = newProject();
    v.seedEnv(project, { key: 'API_KEY', value: 'dev-only, theirs', target: ['development'] });
    const dest = destination(project);
    await dest.put('API_KEY', 'ours', false);

    await dest.delete('API_KEY');
    await dest.delete('API_KEY');

    expect(v.envs(project)).toEqual([
      expect.objectContaining({ value: 'dev-only, theirs', target: ['development'] }),
    ]);
  });

  it('recreates a variable that disappeared before an update', async () => {
    const project = newProject();
    const dest = destination(project);
    await dest.put('EPHEMERAL', 'one', false);
    const id = v.envs(project)[0]?.id ?? '';
    await fetch(`${v.url}/v9/projects/${project}/env/${id}?teamId=${v.teamId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${v.token}` },
    });

    await dest.put('EPHEMERAL', 'two', true);

    expect(v.envs(project).map((e) => e.value)).toEqual(['two']);
  });

  it.each([
    ['DATABASE_URL', { ok: true, name: 'DATABASE_URL' }],
    ['next_public_x', { ok: true, name: 'next_public_x' }],
    ['AWS_REGION', { ok: true, name: 'AWS_REGION' }],
    ['TZ', { ok: false, reason: expect.stringContaining('reserves TZ') }],
    ['aws_execution_env', { ok: false, reason: expect.stringContaining('AWS_EXECUTION_ENV') }],
    ['9LIVES', { ok: false, reason: expect.stringContaining('Coffer secret name') }],
  ])('maps %s', (name, expected) => {
    expect(destination('any').mapName(name)).toEqual(expected);
  });

  it('writes AWS_REGION, which Vercel allows', async () => {
    const project = newProject();

    await destination(project).put('AWS_REGION', 'eu-west-1', false);

    expect(v.envs(project)[0]).toMatchObject({ key: 'AWS_REGION', value: 'eu-west-1' });
  });

  it('rejects a sensitive variable for development in the target', () => {
    expect(thrown(() => destination('any', { type: 'sensitive', targets: ['development'] }))).toMatchObject({
      code: 'INVALID_CONFIG',
    });
  });

  describe('rate limits and failures', () => {
    it('waits out a 429 as Retry-After says and the value then arrives', async () => {
      const project = newProject();
      v.rateLimitNext('429', { match: { method: 'POST' } });

      await destination(project).put('AFTER_LIMIT', 'made it', false);

      expect(v.envs(project)[0]?.value).toBe('made it');
      expect(v.requests.map((r) => r.status)).toEqual([429, 201]);
    });

    it('does not sleep through a Retry-After longer than maxRetryAfterMs: RATE_LIMITED with retryAfterMs', async () => {
      const project = newProject();
      v.rateLimitNext('429', { retryAfter: 30 });

      const err = await rejection(destination(project).list());

      expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 30_000 });
      expect(v.requests).toHaveLength(1);
    });

    it('surfaces a 5xx that outlasts its retries as a retryable UNAVAILABLE, without the value', async () => {
      const project = newProject();
      v.failNext(3, 503);
      const value = canary('vercel-5xx');

      const err = await rejection(destination(project).put('DOWN', value, false));

      expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      expectNoValue(err, value);
      expect(v.requests.map((r) => r.status)).toEqual([503, 503, 503]);
      expect(v.envs(project)).toEqual([]);
    });

    it('retries a 5xx and succeeds', async () => {
      const project = newProject();
      v.failNext(1, 500);

      await destination(project).put('FLAKY', 'ok', false);

      expect(v.envs(project)[0]?.value).toBe('ok');
    });

    it('reports a Vercel validation refusal without the value', async () => {
      const project = newProject();
      const value = canary('vercel-400');

      const err = await rejection(destination(project).put('1BAD', value, false));

      expect(err).toMatchObject({ code: 'VALIDATION', retryable: false });
      expectNoValue(err, value);
    });

    it.each([
      ['a wrong token', { token: 'wrong' }, 'UNAUTHORIZED'],
      ['another team', { team_id: 'team_other' }, 'FORBIDDEN'],
    ])('reports %s as %s', async (_label, change, code) => {
      const project = newProject();
      const dest = createDestination(
        'vercel',
        { token: v.token, team_id: v.teamId, base_url: v.url, ...change },
        { project, targets: ['production'] },
        fast(),
      );

      expect(await rejection(dest.list())).toMatchObject({ code, retryable: false });
    });

    it('reports a missing project as NOT_FOUND', async () => {
      expect(await rejection(destination('no-such-project').list())).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
