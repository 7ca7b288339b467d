import { afterEach, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { CSRF, signIn } from './flow.js';

const EMAIL = 'lifecycle@example.test';
const PASSWORD = 'a long enough dev password';
const RM = '/resource-manager/2019-12-10';

/** A clock the test moves; the development provider keeps real time (it only signs people in). */
const movableClock = () => {
  let offsetMs = 0;
  return { now: () => new Date(Date.now() + offsetMs), advance: (s: number) => (offsetMs += s * 1000) };
};

const start = (env: Record<string, string>, clock?: ReturnType<typeof movableClock>) =>
  startTestCoffer({
    env: {
      COFFER_DEV_OIDC: 'true',
      COFFER_DEV_USER_EMAIL: EMAIL,
      COFFER_DEV_USER_PASSWORD: PASSWORD,
      ...env,
    },
    ...(clock ? { overrides: () => ({ clock }) } : {}),
  });

const sessionStatus = async (t: TestCoffer, b: Browser) => {
  const page = await b.fetch(`${t.coffer.url}/auth/session`, { headers: CSRF });
  const body = JSON.parse(page.text) as { details?: { reason: string }[] };
  return { status: page.status, reason: body.details?.[0]?.reason };
};

describe('sessions end', () => {
  let t: TestCoffer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it.each([
    // [seconds unused, still live?]: idle timeout 60 s, idle timer reset at most every 10 s.
    [59, true],
    [61, false],
  ])('after %i s unused with a 60 s idle timeout: live = %s', async (unused, live) => {
    const clock = movableClock();
    t = await start({ COFFER_SESSION_IDLE_SECONDS: '60', COFFER_SESSION_TOUCH_SECONDS: '10' }, clock);
    const b = new Browser();
    await signIn(b, t.coffer.url, EMAIL, PASSWORD);

    clock.advance(unused);
    const res = await sessionStatus(t, b);

    expect(res).toEqual(
      live ? { status: 200, reason: undefined } : { status: 401, reason: 'SESSION_EXPIRED' },
    );
  });

  it('stays live while used, then ends at its absolute lifetime however active', async () => {
    const clock = movableClock();
    t = await start(
      {
        COFFER_SESSION_IDLE_SECONDS: '120',
        COFFER_SESSION_ABSOLUTE_SECONDS: '300',
        COFFER_SESSION_TOUCH_SECONDS: '0',
      },
      clock,
    );
    const b = new Browser();
    await signIn(b, t.coffer.url, EMAIL, PASSWORD);

    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(100); // each step is within the idle timeout of the previous request
      seen.push((await sessionStatus(t, b)).status);
    }

    expect(seen).toEqual([200, 200, 401]); // 100 s, 200 s, then 300 s: the absolute deadline
  });

  it('revokes every session of a person removed from every organization', async () => {
    t = await start({ COFFER_SESSION_TOUCH_SECONDS: '0' });
    const [one, two] = [new Browser(), new Browser()];
    await signIn(one, t.coffer.url, EMAIL, PASSWORD);
    await signIn(two, t.coffer.url, EMAIL, PASSWORD);
    expect((await sessionStatus(t, one)).status).toBe(200);
    const policyPath = `${RM}/organizations/${t.org}/iam-policy`;
    const { policy } = (await t.api('GET', policyPath)).body as {
      policy: {
        bindings: { role_id: string; members: { member_id: string; member_type: string }[] }[];
        etag: string;
      };
    };

    const removed = await t.api('PUT', policyPath, {
      policy: {
        etag: policy.etag,
        bindings: policy.bindings.map((b) => ({
          ...b,
          members: b.members.filter((m) => m.member_id !== EMAIL),
        })),
      },
    });

    expect(removed.status).toBe(200);
    expect(await sessionStatus(t, one)).toEqual({ status: 401, reason: 'SESSION_EXPIRED' });
    expect((await t.rawItems()).filter((i) => i.kind === 'session')).toEqual([]);
    expect(await sessionStatus(t, two)).toEqual({ status: 401, reason: 'SESSION_EXPIRED' });
  });

  it('keeps the session of a person who never held a grant (they may create an organization)', async () => {
    t = await start({ COFFER_SESSION_TOUCH_SECONDS: '0' });
    const policyPath = `${RM}/organizations/${t.org}/iam-policy`;
    const { policy } = (await t.api('GET', policyPath)).body as {
      policy: { bindings: { role_id: string; members: { member_id: string }[] }[]; etag: string };
    };
    await t.api('PUT', policyPath, {
      policy: {
        etag: policy.etag,
        bindings: policy.bindings.map((b) => ({
          ...b,
          members: b.members.filter((m) => m.member_id !== EMAIL),
        })),
      },
    });
    const b = new Browser();
    await signIn(b, t.coffer.url, EMAIL, PASSWORD);

    const created = await b.fetch(`${t.coffer.url}${RM}/organizations`, {
      method: 'POST',
      headers: { ...CSRF, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mine' }),
    });
    const after = await sessionStatus(t, b);

    expect(created.status).toBe(200);
    expect(after.status).toBe(200);
  });
});
