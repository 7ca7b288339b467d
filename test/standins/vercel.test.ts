import { Vercel } from '@vercel/sdk';
import { VercelError } from '@vercel/sdk/models/vercelerror.js';
import { ResponseValidationError } from '@vercel/sdk/models/responsevalidationerror.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VercelStandIn } from './vercel.js';

async function vercelError(
  p: Promise<unknown>,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResponseValidationError) throw err;
    if (err instanceof VercelError) {
      return { status: err.statusCode, body: JSON.parse(err.body) as unknown, headers: err.headers };
    }
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('Vercel environment variables stand-in', () => {
  const v = new VercelStandIn();
  let sdk: Vercel;
  let project: { id: string; name: string };
  const teamId = v.teamId;

  beforeAll(async () => {
    const { url } = await v.start();
    sdk = new Vercel({ bearerToken: v.token, serverURL: url });
    project = v.addProject('web');
  });
  afterAll(() => v.close());
  beforeEach(() => {
    v.clearLog();
    v.clearFaults();
  });

  it('requires a bearer token (403) and the teamId (404 without, 403 for another team)', async () => {
    const anon = new Vercel({ serverURL: v.url });
    expect(await vercelError(anon.projects.filterProjectEnvs({ idOrName: 'web', teamId }))).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    });
    expect(await vercelError(sdk.projects.filterProjectEnvs({ idOrName: 'web' }))).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    expect(
      await vercelError(sdk.projects.filterProjectEnvs({ idOrName: 'web', teamId: 'team_other' })),
    ).toMatchObject({
      status: 403,
    });
    expect(await vercelError(sdk.projects.filterProjectEnvs({ idOrName: 'nope', teamId }))).toMatchObject({
      status: 404,
    });
  });

  it('creates one variable with 201 {created, failed}; the SDK validates the shape', async () => {
    const res = await sdk.projects.createProjectEnv({
      idOrName: project.id,
      teamId,
      requestBody: {
        key: 'API_URL',
        value: 'https://x.test',
        type: 'encrypted',
        target: ['production', 'preview'],
      },
    });
    expect(v.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v10/projects/${project.id}/env`,
      status: 201,
    });
    expect(res.failed).toEqual([]);
    expect(Array.isArray(res.created)).toBe(false);
    const created = res.created as { id?: string; key: string; value: string; target?: unknown };
    expect(created.key).toBe('API_URL');
    expect(created.value).not.toContain('https://x.test');
    expect(created.target).toEqual(['production', 'preview']);
    const [stored] = v.envs('web').filter((e) => e.key === 'API_URL');
    expect(stored).toMatchObject({
      id: created.id,
      value: 'https://x.test',
      type: 'encrypted',
      origin: 'api',
    });
  });

  it('refuses a duplicate without upsert (400 ENV_ALREADY_EXISTS) and overwrites anyone’s with upsert=true', async () => {
    const p = v.addProject('upserts');
    const theirs = v.seedEnv('upserts', { key: 'SHARED', value: 'theirs', target: ['production'] });
    const dup = await vercelError(
      sdk.projects.createProjectEnv({
        idOrName: 'upserts',
        teamId,
        requestBody: { key: 'SHARED', value: 'ours', type: 'encrypted', target: ['production'] },
      }),
    );
    expect(dup).toMatchObject({
      status: 400,
      body: { error: { code: 'ENV_ALREADY_EXISTS', envVarId: theirs.id } },
    });
    expect(v.envs(p.id)[0]?.value).toBe('theirs');

    const res = await sdk.projects.createProjectEnv({
      idOrName: 'upserts',
      teamId,
      upsert: 'true',
      requestBody: { key: 'SHARED', value: 'ours', type: 'encrypted', target: ['production'] },
    });
    expect(res.failed).toEqual([]);
    // The trap: upsert silently took over the variable someone else created.
    expect(v.envs(p.id)).toEqual([expect.objectContaining({ id: theirs.id, value: 'ours', origin: 'seed' })]);
  });

  it('creates an array with per-item failures and still answers 201', async () => {
    v.addProject('batch');
    const res = await sdk.projects.createProjectEnv({
      idOrName: 'batch',
      teamId,
      upsert: 'true',
      requestBody: [
        { key: 'GOOD', value: 'g', type: 'plain', target: ['development'] },
        { key: 'SECRET', value: 's', type: 'sensitive', target: ['production', 'development'] },
        { key: '1BAD', value: 'b', type: 'encrypted', target: ['production'] },
        { key: 'AWS_EXECUTION_ENV', value: 'r', type: 'encrypted', target: ['production'] },
        { key: 'AWS_REGION', value: 'eu-west-1', type: 'encrypted', target: ['production'] },
      ],
    });
    expect(v.requests.at(-1)?.status).toBe(201);
    expect(Array.isArray(res.created) ? res.created.map((c) => c.key) : []).toEqual(['GOOD', 'AWS_REGION']);
    expect(res.failed.map((f) => [f.error.key, f.error.code])).toEqual([
      ['SECRET', 'bad_request'],
      ['1BAD', 'bad_request'],
      ['AWS_EXECUTION_ENV', 'env_key_reserved'],
    ]);
    expect(v.envs('batch').map((e) => e.key)).toEqual(['AWS_REGION', 'GOOD']);
  });

  it('lists encrypted values opaquely, decrypts on request, and never reveals sensitive ones', async () => {
    const p = v.addProject('listing');
    v.seedEnv('listing', { key: 'ENC', value: 'enc-plain', type: 'encrypted' });
    v.seedEnv('listing', { key: 'PLAIN', value: 'plain-plain', type: 'plain' });
    v.seedEnv('listing', { key: 'SENS', value: 'sens-plain', type: 'sensitive', target: ['production'] });

    const res = await sdk.projects.filterProjectEnvs({ idOrName: p.id, teamId });
    if (!('envs' in res) || !('pagination' in res)) throw new Error('expected {envs, pagination}');
    expect(res.pagination).toEqual({ count: 3, next: null, prev: null });
    const byKey = new Map(res.envs.map((e) => [e.key, e]));
    expect(byKey.get('ENC')?.value).not.toBe('enc-plain');
    expect(byKey.get('PLAIN')?.value).toBe('plain-plain');
    expect(byKey.get('SENS')?.value).not.toBe('sens-plain');

    const dec = await sdk.projects.filterProjectEnvs({ idOrName: p.id, teamId, decrypt: 'true' });
    if (!('envs' in dec)) throw new Error('expected envs');
    const decByKey = new Map(dec.envs.map((e) => [e.key, e]));
    expect(decByKey.get('ENC')).toMatchObject({ value: 'enc-plain', decrypted: true });
    expect(decByKey.get('SENS')?.value).not.toBe('sens-plain');

    const encId = byKey.get('ENC')?.id ?? '';
    const one = await sdk.projects.getProjectEnv({ idOrName: p.id, id: encId, teamId });
    expect(one).toMatchObject({ key: 'ENC', value: 'enc-plain', decrypted: true });
    const sens = await sdk.projects.getProjectEnv({
      idOrName: p.id,
      id: byKey.get('SENS')?.id ?? '',
      teamId,
    });
    expect(sens).toMatchObject({ key: 'SENS', decrypted: false });
    expect('value' in sens).toBe(false);
    expect(v.writeCount()).toBe(0);
  });

  it('paginates with limit/until (fetch) and when the server page size is small (SDK)', async () => {
    const paged = new VercelStandIn({ listPageSize: 2 });
    const { url } = await paged.start();
    try {
      paged.addProject('p', 'prj_paged');
      for (const k of ['A', 'B', 'C', 'D', 'E']) paged.seedEnv('p', { key: k, value: k });
      const client = new Vercel({ bearerToken: paged.token, serverURL: url });
      const first = await client.projects.filterProjectEnvs({ idOrName: 'p', teamId: paged.teamId });
      if (!('pagination' in first)) throw new Error('expected pagination');
      expect(first.envs.map((e) => e.key)).toEqual(['E', 'D']);
      expect(first.pagination.next).toEqual(expect.any(Number));

      const keys: string[] = [];
      let until: number | null = null;
      let pages = 0;
      do {
        const q = new URLSearchParams({ teamId: paged.teamId, limit: '2' });
        if (until !== null) q.set('until', String(until));
        const r = await fetch(`${url}/v10/projects/p/env?${q}`, {
          headers: { authorization: `Bearer ${paged.token}` },
        });
        expect(r.status).toBe(200);
        const body = (await r.json()) as { envs: { key: string }[]; pagination: { next: number | null } };
        keys.push(...body.envs.map((e) => e.key));
        until = body.pagination.next;
        pages++;
      } while (until !== null);
      expect(keys).toEqual(['E', 'D', 'C', 'B', 'A']);
      expect(pages).toBe(3);
    } finally {
      await paged.close();
    }
  });

  it('edits (PATCH v9), deletes (DELETE v9) and batch-deletes (DELETE v1)', async () => {
    const p = v.addProject('edits');
    const a = v.seedEnv('edits', { key: 'A', value: 'a1' });
    const b = v.seedEnv('edits', { key: 'B', value: 'b1', type: 'sensitive', target: ['production'] });
    const c = v.seedEnv('edits', { key: 'C', value: 'c1' });

    const edited = await sdk.projects.editProjectEnv({
      idOrName: p.id,
      id: a.id,
      teamId,
      requestBody: { value: 'a2' },
    });
    expect(edited).toMatchObject({ id: a.id, key: 'A' });
    expect(v.envs(p.id).find((e) => e.id === a.id)?.value).toBe('a2');

    expect(
      await vercelError(
        sdk.projects.editProjectEnv({ idOrName: p.id, id: b.id, teamId, requestBody: { type: 'encrypted' } }),
      ),
    ).toMatchObject({ status: 400 });

    const removed = await sdk.projects.removeProjectEnv({ idOrName: p.id, id: a.id, teamId });
    expect(removed).toMatchObject({ id: a.id, key: 'A' });
    expect(
      await vercelError(sdk.projects.removeProjectEnv({ idOrName: p.id, id: a.id, teamId })),
    ).toMatchObject({
      status: 404,
    });

    const batch = await sdk.projects.batchRemoveProjectEnv({
      idOrName: p.id,
      teamId,
      requestBody: { ids: [b.id, c.id, 'missing'] },
    });
    expect(batch).toEqual({ deleted: 2, ids: [b.id, c.id] });
    expect(v.envs(p.id)).toEqual([]);
    expect(v.writeCount()).toBe(5);
  });

  it('answers 429 with Retry-After and X-RateLimit-*, which the SDK retries when asked to', async () => {
    v.addProject('limited');
    v.rateLimitNext();
    const noRetry = await vercelError(
      sdk.projects.createProjectEnv({
        idOrName: 'limited',
        teamId,
        requestBody: { key: 'K', value: 'v', type: 'encrypted', target: ['production'] },
      }),
    );
    expect(noRetry.status).toBe(429);
    expect(noRetry.headers.get('retry-after')).toBe('1');
    expect(noRetry.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(noRetry.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    expect(noRetry.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(v.envs('limited')).toEqual([]);

    v.rateLimitNext();
    const retrying = new Vercel({
      bearerToken: v.token,
      serverURL: v.url,
      retryConfig: {
        strategy: 'backoff',
        backoff: { initialInterval: 10, maxInterval: 1500, exponent: 1.5, maxElapsedTime: 10_000 },
      },
    });
    const res = await retrying.projects.createProjectEnv({
      idOrName: 'limited',
      teamId,
      requestBody: { key: 'K', value: 'v', type: 'encrypted', target: ['production'] },
    });
    expect(res.failed).toEqual([]);
    expect(v.requests.map((r) => r.status)).toEqual([429, 429, 201]);
    expect(v.envs('limited').map((e) => e.value)).toEqual(['v']);
  });

  it('injects 5xx without touching state', async () => {
    v.addProject('broken');
    v.failNext(2, 503);
    for (let i = 0; i < 2; i++) {
      const e = await vercelError(
        sdk.projects.createProjectEnv({
          idOrName: 'broken',
          teamId,
          requestBody: { key: 'K', value: 'v', type: 'encrypted', target: ['production'] },
        }),
      );
      expect(e).toMatchObject({ status: 503, body: { error: { code: 'internal_server_error' } } });
    }
    expect(v.envs('broken')).toEqual([]);
    expect(v.writeCount()).toBe(2);
  });
});
