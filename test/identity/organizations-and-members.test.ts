import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFor,
  getToken,
  startTestCoffer,
  type Api,
  type Tenant,
  type TestCoffer,
  keyPair,
} from '../helpers/coffer.js';
import { startOidcIssuer, type OidcIssuer } from '../helpers/oidc.js';

const RM = '/resource-manager/2019-12-10';
const reasonOf = (body: Record<string, unknown>) =>
  (body.details as { reason?: string }[] | undefined)?.[0]?.reason;

describe('who may create organizations (issue 9, item 1)', () => {
  let idp: OidcIssuer;
  let t: TestCoffer;
  const users = ['ann', 'ben', 'cat'];

  beforeAll(async () => {
    idp = await startOidcIssuer({
      audience: 'coffer-api',
      clients: users.map((id) => ({ id, email: `${id}@example.com` })),
    });
    t = await startTestCoffer({
      env: {
        COFFER_OIDC_ISSUERS: JSON.stringify([{ issuer: idp.issuer, audience: 'coffer-api' }]),
        COFFER_ORGS_PER_USER: '2',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });
  const user = async (id: string) => apiFor(t.coffer.url, await idp.token(id));

  it('refuses a service principal with 403, even the bootstrap admin, and creates nothing', async () => {
    // Prepare: a principal with no grant at all, as in the report.
    const sp = await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principals`, {
      name: 'no-grants',
    });
    const id = (sp.body.service_principal as { id: string }).id;
    const key = keyPair(
      await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principal-keys`, {
        principal_id: id,
      }),
    );
    const bare = apiFor(t.coffer.url, await getToken(t.coffer.url, key.client_id, key.client_secret));
    const before = await t.state();

    // Act
    const answers = await Promise.all([
      bare('POST', `${RM}/organizations`, { name: 'squat' }),
      t.api('POST', `${RM}/organizations`, { name: 'squat' }),
    ]);

    // Assess
    for (const res of answers) {
      expect({ status: res.status, code: res.body.code, reason: reasonOf(res.body) }).toEqual({
        status: 403,
        code: 7,
        reason: 'PERMISSION_DENIED',
      });
    }
    expect(await t.state()).toBe(before);
  });

  it('lets a user create organizations up to the quota, then answers 429 ORGANIZATION_QUOTA_EXCEEDED', async () => {
    const ann = await user('ann');
    const first = await ann('POST', `${RM}/organizations`, { name: 'Ann One' });
    const second = await ann('POST', `${RM}/organizations`, { name: 'Ann Two' });
    const third = await ann('POST', `${RM}/organizations`, { name: 'Ann Three' });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect({ status: third.status, code: third.body.code, reason: reasonOf(third.body) }).toEqual({
      status: 429,
      code: 8,
      reason: 'ORGANIZATION_QUOTA_EXCEEDED',
    });
    const listed = (await ann('GET', `${RM}/organizations`)).body.organizations as { name: string }[];
    expect(listed.map((o) => o.name)).toEqual(['Ann One', 'Ann Two']);
  });

  it('holds the quota under 10 concurrent creations: exactly 2 organizations', async () => {
    const ben = await user('ben');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => ben('POST', `${RM}/organizations`, { name: `Ben ${i}` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, ...Array(8).fill(429)]);
    expect((await ben('GET', `${RM}/organizations`)).body.organizations).toHaveLength(2);
  });
});

describe('organization self-service turned off (issue 9, item 1)', () => {
  let idp: OidcIssuer;
  let t: TestCoffer;
  beforeAll(async () => {
    idp = await startOidcIssuer({
      audience: 'coffer-api',
      clients: [{ id: 'dan', email: 'dan@example.com' }],
    });
    t = await startTestCoffer({
      env: {
        COFFER_OIDC_ISSUERS: JSON.stringify([{ issuer: idp.issuer, audience: 'coffer-api' }]),
        COFFER_ORG_SELF_SERVICE: 'false',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('refuses a user with 403 and leaves the bootstrap organization as it was', async () => {
    const dan = apiFor(t.coffer.url, await idp.token('dan'));
    const res = await dan('POST', `${RM}/organizations`, { name: 'Dan Inc' });
    expect({ status: res.status, reason: reasonOf(res.body) }).toEqual({
      status: 403,
      reason: 'PERMISSION_DENIED',
    });
    const orgs = (await t.api('GET', `${RM}/organizations`)).body.organizations as { id: string }[];
    expect(orgs.map((o) => o.id)).toEqual([t.org]);
    expect((await t.api('POST', `${t.P}/apps`, { name: 'still-works' })).status).toBe(200);
  });
});

describe('who may be named in a policy (issue 9, item 2)', () => {
  let t: TestCoffer;
  let other: Tenant;
  let otherSp: string;
  let otherApi: Api;
  const policyPath = (t: TestCoffer) => `${RM}/organizations/${t.org}/iam-policy`;

  /** A new service principal of the bootstrap organization, with a token. */
  const principal = async (name: string, projectId?: string) => {
    const sp = await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principals`, {
      name,
      ...(projectId ? { project_id: projectId } : {}),
    });
    const id = (sp.body.service_principal as { id: string }).id;
    const key = keyPair(
      await t.api('POST', `/iam/2019-12-10/organizations/${t.org}/service-principal-keys`, {
        principal_id: id,
      }),
    );
    return { id, api: apiFor(t.coffer.url, await getToken(t.coffer.url, key.client_id, key.client_secret)) };
  };
  const addMember = async (
    api: Api,
    path: string,
    role: string,
    member: { member_id: string; member_type: string },
  ) => {
    const policy = (await api('GET', path)).body.policy as { bindings: unknown[]; etag: string };
    return api('PUT', path, {
      policy: { bindings: [...policy.bindings, { role_id: role, members: [member] }], etag: policy.etag },
    });
  };

  beforeAll(async () => {
    t = await startTestCoffer();
    other = await t.newTenant('outsider');
    // The outsider's own admin principal: a real principal, of another organization.
    const sps = await other.api('GET', `/iam/2019-12-10/organizations/${other.org}/service-principals`);
    otherSp = (sps.body.service_principals as { id: string }[])[0]!.id;
    otherApi = other.api;
    await t.api('POST', `${t.P}/apps`, { name: 'shop' });
    await t.api('POST', `${t.P}/apps/shop/secret/kv`, { name: 'DB', value: 'shop-db-password' });
  });
  afterAll(() => t.close());

  it.each([
    ['an unknown service principal id', { member_id: randomUUID(), member_type: 'SERVICE_PRINCIPAL' }],
    ['a malformed service principal id', { member_id: 'not-a-uuid', member_type: 'SERVICE_PRINCIPAL' }],
    ['a user id nobody in the organization has', { member_id: `usr_${'A'.repeat(26)}`, member_type: 'USER' }],
    ['a malformed user id', { member_id: 'root', member_type: 'USER' }],
    ['a malformed e-mail address', { member_id: 'a@b@c', member_type: 'USER' }],
  ])('refuses %s with 400 and changes nothing', async (_label, member) => {
    const before = await t.state();
    const res = await addMember(t.api, policyPath(t), 'roles/viewer', member);
    expect({ status: res.status, code: res.body.code, reason: reasonOf(res.body) }).toEqual({
      status: 400,
      code: 3,
      reason: 'INVALID_ARGUMENT',
    });
    expect(await t.state()).toBe(before);
  });

  it('refuses another organization’s service principal, so an app manager cannot hand a secret outside', async () => {
    // Prepare: an app manager of `shop`, as in the report.
    const manager = await principal('shop-manager');
    expect(
      (
        await addMember(t.api, `${t.P}/apps/shop/iam-policy`, 'roles/app-manager', {
          member_id: manager.id,
          member_type: 'SERVICE_PRINCIPAL',
        })
      ).status,
    ).toBe(200);

    // Act
    const res = await addMember(manager.api, `${t.P}/apps/shop/iam-policy`, 'roles/app-secret-reader', {
      member_id: otherSp,
      member_type: 'SERVICE_PRINCIPAL',
    });

    // Assess: refused, and the outsider still cannot open the secret.
    expect({ status: res.status, reason: reasonOf(res.body) }).toEqual({
      status: 400,
      reason: 'INVALID_ARGUMENT',
    });
    const open = await otherApi('GET', `${t.P}/apps/shop/secrets/DB:open`);
    expect({ status: open.status, reason: reasonOf(open.body) }).toEqual({
      status: 404,
      reason: 'ORGANIZATION_NOT_FOUND',
    });
  });

  it('accepts a pending grant by e-mail address, and at most 20 of them per policy', async () => {
    const emails = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({
        member_id: `person${from + i}@example.com`,
        member_type: 'USER',
      }));
    const policy = (await t.api('GET', policyPath(t))).body.policy as { bindings: unknown[]; etag: string };
    const ok = await t.api('PUT', policyPath(t), {
      policy: {
        bindings: [...policy.bindings, { role_id: 'roles/viewer', members: emails(20) }],
        etag: policy.etag,
      },
    });
    expect(ok.status).toBe(200);
    const now = ok.body.policy as { bindings: unknown[]; etag: string };
    const tooMany = await t.api('PUT', policyPath(t), {
      policy: {
        bindings: [...now.bindings, { role_id: 'roles/contributor', members: emails(1, 20) }],
        etag: now.etag,
      },
    });
    expect({ status: tooMany.status, reason: reasonOf(tooMany.body) }).toEqual({
      status: 400,
      reason: 'INVALID_ARGUMENT',
    });
    expect(tooMany.body.message).toContain('at most 20');
  });

  it('grants a project-scoped principal roles only inside its project', async () => {
    const second = await t.api('POST', `${RM}/projects`, {
      name: 'second',
      parent: { type: 'ORGANIZATION', id: t.org },
    });
    const secondId = (second.body.project as { id: string }).id;
    const scoped = await principal('ci-default', t.project);
    const member = { member_id: scoped.id, member_type: 'SERVICE_PRINCIPAL' };

    const atOrg = await addMember(t.api, policyPath(t), 'roles/viewer', member);
    const atOtherProject = await addMember(
      t.api,
      `${RM}/projects/${secondId}/iam-policy`,
      'roles/viewer',
      member,
    );
    const atOwnProject = await addMember(
      t.api,
      `${RM}/projects/${t.project}/iam-policy`,
      'roles/viewer',
      member,
    );
    const atOwnApp = await addMember(t.api, `${t.P}/apps/shop/iam-policy`, 'roles/app-secret-reader', member);

    expect([atOrg.status, atOtherProject.status, atOwnProject.status, atOwnApp.status]).toEqual([
      400, 400, 200, 200,
    ]);
    expect((await scoped.api('GET', `${t.P}/apps/shop/secrets/DB:open`)).status).toBe(200);
  });

  it('keeps a project-scoped principal inside its project even if a policy names it outside', async () => {
    // Prepare: a binding at organization level written past the API's checks (as an older
    // version of Coffer could have), to show the authorizer itself confines the principal.
    const scoped = await principal('ci-confined', t.project);
    const s = t.coffer.services;
    const org = (await s.access.getAccess({ orgId: t.org })).org!;
    await s.access.putPolicy(
      { orgId: t.org },
      'ORGANIZATION',
      [...org.bindings, { role: 'admin', members: [{ id: scoped.id, type: 'SERVICE_PRINCIPAL' }] }],
      org.etag,
    );
    s.authorizer.invalidate({ orgId: t.org });

    // Act
    const orgWide = await scoped.api('GET', `${RM}/projects?scope.type=ORGANIZATION&scope.id=${t.org}`);
    const inside = await scoped.api('GET', `${t.P}/apps`);

    // Assess: nothing outside the project, not even with an org-level admin binding; no org grant inside either.
    expect({ status: orgWide.status, reason: reasonOf(orgWide.body) }).toEqual({
      status: 404,
      reason: 'ORGANIZATION_NOT_FOUND',
    });
    expect(inside.status).toBe(404);
  });
});
