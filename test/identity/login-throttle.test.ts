import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer, keyPair } from '../helpers/coffer.js';

const reasonOf = (body: Record<string, unknown>) =>
  (body.details as { reason?: string }[] | undefined)?.[0]?.reason;

describe('the brute-force brake on /oauth2/token (issue 9, item 11)', () => {
  let t: TestCoffer;
  let client: { client_id: string; client_secret: string };

  const login = async (clientId: string, secret: string) => {
    const res = await fetch(`${t.coffer.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: secret,
      }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, reason: reasonOf(body), retryAfter: res.headers.get('retry-after'), body };
  };

  beforeAll(async () => {
    // A frozen clock 5 s into a throttling window, so no burst below straddles two windows.
    const frozen = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5_000);
    t = await startTestCoffer({ overrides: () => ({ clock: { now: () => frozen } }) });
    const sp = await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principals`, {
      name: 'ci-bot',
    });
    const id = (sp.body.service_principal as { id: string }).id;
    client = keyPair(
      await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principal-keys`, {
        principal_id: id,
      }),
    );
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After after 10 wrong secrets, yet still lets the right secret in', async () => {
    // Act: a burst of wrong secrets, as in the report, then the real client.
    const wrong = [];
    for (let i = 0; i < 14; i++)
      wrong.push(await login(client.client_id, `cfs_guess-${i}-${'x'.repeat(30)}`));
    const rightful = await login(client.client_id, client.client_secret);
    const stillWrong = await login(client.client_id, `cfs_guess-again-${'x'.repeat(30)}`);

    // Assess
    expect(wrong.slice(0, 10).map((r) => `${r.status} ${r.reason}`)).toEqual(
      Array(10).fill('401 INVALID_CLIENT'),
    );
    for (const r of [...wrong.slice(10), stillWrong]) {
      expect({ status: r.status, reason: r.reason }).toEqual({ status: 429, reason: 'LOGIN_THROTTLED' });
      expect(r.retryAfter).toBe('55');
    }
    expect(rightful.status).toBe(200);
    expect(rightful.body.access_token).toEqual(expect.any(String));
  });

  it('throttles an unknown client id the same way, so the brake does not tell which ids exist', async () => {
    const answers = [];
    for (let i = 0; i < 11; i++)
      answers.push(await login('cfc_00000000000000000000000000000000', `wrong-${i}`));
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(401), 429]);
  });

  it('records the throttled attempts in the audit trail', async () => {
    const events = (await t.auditEvents()).filter((e) => e.operation === 'Token' && e.outcome === 429);
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events[0]).toMatchObject({ error_code: 'LOGIN_THROTTLED' });
  });
});
