import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

/**
 * The audit trail at scale (issues 15.1, 9.7, 9.8): one organization's events spread over 16
 * partitions a day, the query merges them in order with bounded work per page, and requests that
 * prove nothing about an organization are kept out of its trail.
 */
const SHARDS = 16;
/** Queries one page may send: 2 rounds of one Query per shard (shared/adapters/dynamodb/audit-store.ts). */
const MAX_QUERIES_PER_PAGE = 2 * SHARDS;
const AUDIT = (org: string) => `/audit/2019-12-10/organizations/${org}/events`;

interface Event {
  time: string;
  request_id: string;
  operation: string;
  outcome: number;
}

/** Heavy tests: the machine running them may be shared and slow. */
const SLOW = 300_000;

describe('audit trail at scale', () => {
  let t: TestCoffer;
  const auditItemsOf = async (org: string) =>
    (await t.rawItems()).filter((i) => i.kind === 'audit' && String(i.pk).startsWith(`O#${org}#AUDIT#`));
  /** Prepare: events written through the audit trail itself, `n` of them from `start`, 500 ms apart. */
  const seed = async (org: string, start: number, n: number, operation: string, first = 0) => {
    for (let i = first; i < first + n; i += 250)
      await Promise.all(
        Array.from({ length: Math.min(250, first + n - i) }, (_, j) =>
          t.coffer.services.audit.record({
            time: new Date(start + (i + j) * 500).toISOString(),
            requestId: `seeded-${operation}-${i + j}`,
            orgId: org,
            operation,
            resource: '/seeded',
            outcome: 200,
            sourceIp: '192.0.2.1',
            userAgent: 'seed',
          }),
        ),
      );
  };
  const tenantWithApp = async (name: string) => {
    const tenant = await t.newTenant(name);
    await tenant.api('POST', `${tenant.P}/apps`, { name: 'web' });
    return tenant;
  };

  beforeAll(async () => {
    t = await startTestCoffer();
  });
  afterAll(() => t.close());

  it(
    'spreads 1,000 requests of one organization over every shard, none holding more than twice its share',
    async () => {
      const tenant = await tenantWithApp('busy');
      const before = new Set((await auditItemsOf(tenant.org)).map((i) => `${i.pk}|${i.sk}`));
      for (let batch = 0; batch < 50; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => tenant.api('GET', `${tenant.P}/apps/web`)),
        );
        expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      }
      const added = (await auditItemsOf(tenant.org)).filter((i) => !before.has(`${i.pk}|${i.sk}`));
      const perPartition = new Map<string, number>();
      for (const i of added) perPartition.set(String(i.pk), (perPartition.get(String(i.pk)) ?? 0) + 1);
      expect(added).toHaveLength(1000);
      expect(perPartition.size).toBe(SHARDS);
      expect(Math.max(...perPartition.values())).toBeLessThanOrEqual((2 * 1000) / SHARDS);
    },
    SLOW,
  );

  it(
    'answers a time range newest first across the shards, page by page, with every event once',
    async () => {
      const tenant = await t.newTenant('ranged');
      const start = Date.now() - 2 * 3600_000;
      await seed(tenant.org, start, 400, 'Seeded');
      // A window inside the seeded events: the middle half.
      const from = new Date(start + 100 * 500).toISOString();
      const to = new Date(start + 300 * 500).toISOString();
      const expected = Array.from({ length: 201 }, (_, i) => `seeded-Seeded-${100 + i}`).sort();

      const seen: Event[] = [];
      let token = '';
      let pages = 0;
      do {
        const q = new URLSearchParams({
          start_time: from,
          end_time: to,
          'pagination.page_size': '37',
          ...(token ? { 'pagination.next_page_token': token } : {}),
        });
        const res = await tenant.api('GET', `${AUDIT(tenant.org)}?${q}`);
        expect(res.status).toBe(200);
        seen.push(...(res.body.events as Event[]));
        token = (res.body.pagination as { next_page_token: string }).next_page_token;
        pages++;
      } while (token && pages < 100);

      expect(seen.map((e) => e.request_id).sort()).toEqual(expected);
      const times = seen.map((e) => e.time);
      expect(times).toEqual([...times].sort().reverse());
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 37));
    },
    SLOW,
  );

  it(
    'does bounded work per page for a filter that matches almost nothing, and still finds it',
    async () => {
      // Prepare: 2,500 events of an older hour, and three matching ones at its very start.
      const tenant = await t.newTenant('needle');
      const start = Date.now() - 3 * 3600_000;
      await seed(tenant.org, start, 2500, 'SeededNoise', 10);
      await seed(tenant.org, start, 3, 'Needle');

      // Act: page_size=1 with the filter, following tokens.
      const found: Event[] = [];
      const queriesPerPage: number[] = [];
      let token = '';
      do {
        const q = new URLSearchParams({
          start_time: new Date(start - 60_000).toISOString(),
          end_time: new Date(start + 3600_000).toISOString(),
          operation: 'Needle',
          'pagination.page_size': '1',
          ...(token ? { 'pagination.next_page_token': token } : {}),
        });
        const before = t.coffer.dynamoStats.byOperation.QueryCommand ?? 0;
        const res = await tenant.api('GET', `${AUDIT(tenant.org)}?${q}`);
        queriesPerPage.push((t.coffer.dynamoStats.byOperation.QueryCommand ?? 0) - before);
        expect(res.status).toBe(200);
        found.push(...(res.body.events as Event[]));
        token = (res.body.pagination as { next_page_token: string }).next_page_token;
      } while (token && queriesPerPage.length < 50);

      // Assess: every page stayed within its budget, the first ones came back empty with a token,
      // and the three matches arrived newest first.
      expect(Math.max(...queriesPerPage)).toBeLessThanOrEqual(MAX_QUERIES_PER_PAGE);
      expect(queriesPerPage.length).toBeGreaterThanOrEqual(3);
      expect(found.map((e) => e.request_id)).toEqual([
        'seeded-Needle-2',
        'seeded-Needle-1',
        'seeded-Needle-0',
      ]);
    },
    SLOW,
  );

  it.each([
    ['no token', undefined],
    ['a token that is not one (Bearer x)', 'x'],
  ])('writes nothing into the named organization’s trail for a request with %s', async (_label, token) => {
    const tenant = await tenantWithApp('named');
    const before = (await auditItemsOf(tenant.org)).length;
    const res = await apiFor(t.coffer.url, token)('GET', `${tenant.P}/apps/web/secrets/ANY:open`, undefined, {
      'x-request-id': `stranger-${token ?? 'none'}`,
    });
    expect(res.status).toBe(401);
    expect(await auditItemsOf(tenant.org)).toHaveLength(before);
    const [event] = (await t.auditEvents()).filter((e) => e.request_id === `stranger-${token ?? 'none'}`);
    expect(event).toMatchObject({ org_id: '_unscoped', outcome: 401, operation: 'OpenAppSecret' });
    expect(String(event?.pk)).toMatch(/^O#_unscoped#AUDIT#\d{4}-\d{2}-\d{2}#\d{2}$/);
  });

  it('keeps a valid caller of another organization out of the trail it names', async () => {
    const tenant = await tenantWithApp('probed');
    const before = (await auditItemsOf(tenant.org)).length;
    const res = await t.api('GET', `${tenant.P}/apps/web/secrets/ANY:open`);
    expect(res.status).toBe(404);
    expect(await auditItemsOf(tenant.org)).toHaveLength(before);
  });

  it(
    'spreads unauthenticated requests of every tenant over the deployment trail’s shards',
    async () => {
      const tenant = await tenantWithApp('targeted');
      const strangers = Array.from({ length: 200 }, (_, i) =>
        apiFor(t.coffer.url, `forged.${i}.token`)('GET', `${tenant.P}/apps/web`),
      );
      expect((await Promise.all(strangers)).every((r) => r.status === 401)).toBe(true);
      const deployment = await auditItemsOf('_unscoped');
      const perPartition = new Map<string, number>();
      for (const i of deployment) perPartition.set(String(i.pk), (perPartition.get(String(i.pk)) ?? 0) + 1);
      expect(perPartition.size).toBe(SHARDS);
      expect(Math.max(...perPartition.values()) / deployment.length).toBeLessThan(0.2);
    },
    SLOW,
  );
});
