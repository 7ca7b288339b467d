import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, getToken, keyPair, startTestCoffer, type Api, type TestCoffer } from '../helpers/coffer.js';

const RM = '/resource-manager/2019-12-10';
const reasonOf = (body: Record<string, unknown>) =>
  (body.details as { reason?: string }[] | undefined)?.[0]?.reason;

describe('service principals: revocation, key limit, project admins (issue 9, items 3, 4, 6, 12)', () => {
  let t: TestCoffer;
  const SPS = () => `/iam/2019-12-10/organizations/${t.org}/service-principals`;

  const newPrincipal = async (api: Api, base: string, name: string) => {
    const res = await api('POST', base, { name });
    expect(res.status).toBe(200);
    return (res.body.service_principal as { id: string }).id;
  };
  /** HCP's key endpoint sits beside the principals': POST .../service-principal-keys {principal_id}. */
  const keysOf = (base: string) => base.replace(/service-principals$/, 'service-principal-keys');
  const newKey = async (api: Api, base: string, id: string) => {
    const res = await api('POST', keysOf(base), { principal_id: id });
    expect(res.status).toBe(200);
    return keyPair(res);
  };
  const grant = async (path: string, role: string, id: string) => {
    const policy = (await t.api('GET', path)).body.policy as { bindings: unknown[]; etag: string };
    const res = await t.api('PUT', path, {
      policy: {
        bindings: [
          ...policy.bindings,
          { role_id: role, members: [{ member_id: id, member_type: 'SERVICE_PRINCIPAL' }] },
        ],
        etag: policy.etag,
      },
    });
    expect(res.status).toBe(200);
  };
  const auditOf = async (res: { headers: Headers }) =>
    (await t.auditEvents()).filter((e) => e.request_id === res.headers.get('x-request-id'));

  beforeAll(async () => {
    t = await startTestCoffer();
    await t.api('POST', `${t.P}/apps`, { name: 'web' });
    await t.api('POST', `${t.P}/apps/web/secret/kv`, { name: 'DB', value: 'web-db-password' });
  });
  afterAll(() => t.close());

  it('stops a deleted principal’s earlier token and removes it from every policy', async () => {
    // Prepare: a contributor with a token minted before the delete, as in the report.
    const id = await newPrincipal(t.api, SPS(), 'doomed');
    await grant(`${RM}/organizations/${t.org}/iam-policy`, 'roles/contributor', id);
    await grant(`${t.P}/apps/web/iam-policy`, 'roles/app-secret-reader', id);
    const key = await newKey(t.api, SPS(), id);
    const doomed = apiFor(t.coffer.url, await getToken(t.coffer.url, key.client_id, key.client_secret));
    expect((await doomed('GET', `${t.P}/apps/web/secrets/DB:open`)).status).toBe(200);

    // Act
    expect((await t.api('DELETE', `${SPS()}/${id}`)).status).toBe(200);
    const open = await doomed('GET', `${t.P}/apps/web/secrets/DB:open`);

    // Assess: 401 "invalid token", the reason in the audit event; no policy names it any more.
    expect({ status: open.status, code: open.body.code, message: open.body.message }).toEqual({
      status: 401,
      code: 16,
      message: 'invalid token',
    });
    expect(await auditOf(open)).toEqual([
      expect.objectContaining({ outcome: 401, error_code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' }),
    ]);
    for (const path of [`${RM}/organizations/${t.org}/iam-policy`, `${t.P}/apps/web/iam-policy`]) {
      expect(JSON.stringify((await t.api('GET', path)).body.policy)).not.toContain(id);
    }
    expect(JSON.stringify(await t.rawItems())).not.toContain(`MEMBER#SERVICE_PRINCIPAL#${id}`);
  });

  it('stops the tokens of a deleted key, and only those: the principal’s other key keeps working', async () => {
    const id = await newPrincipal(t.api, SPS(), 'rotating');
    await grant(`${RM}/organizations/${t.org}/iam-policy`, 'roles/viewer', id);
    const oldKey = await newKey(t.api, SPS(), id);
    const newKeyPair = await newKey(t.api, SPS(), id);
    const viaOld = apiFor(t.coffer.url, await getToken(t.coffer.url, oldKey.client_id, oldKey.client_secret));
    const viaNew = apiFor(
      t.coffer.url,
      await getToken(t.coffer.url, newKeyPair.client_id, newKeyPair.client_secret),
    );

    expect((await t.api('DELETE', `${keysOf(SPS())}/${oldKey.client_id}`)).status).toBe(200);
    const old = await viaOld('GET', `${t.P}/apps`);
    const fresh = await viaNew('GET', `${t.P}/apps`);

    expect({ status: old.status, message: old.body.message }).toEqual({
      status: 401,
      message: 'invalid token',
    });
    expect(await auditOf(old)).toEqual([expect.objectContaining({ reason: 'TOKEN_REVOKED' })]);
    expect(fresh.status).toBe(200);
  });

  it('lets exactly 5 of 20 concurrent key creations succeed', async () => {
    const id = await newPrincipal(t.api, SPS(), 'racy');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.api('POST', keysOf(SPS()), { principal_id: id })),
    );
    const refused = answers.filter((a) => a.status !== 200);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    expect(new Set(refused.map((r) => `${r.status} ${reasonOf(r.body)}`))).toEqual(
      new Set(['412 KEY_LIMIT_REACHED']),
    );
    expect(((await t.api('GET', `${SPS()}/${id}/keys`)).body.keys as unknown[]).length).toBe(5);
  });

  it.each([
    ['null', 'null'],
    ['a list', '[{}]'],
    ['an unknown field', '{"principal_id":"$ID","name":"x"}'],
    ['missing the principal', '{}'],
    ['a string', '"key"'],
  ])('refuses a key-creation body that is %s with 400 and creates no key', async (_label, body) => {
    const id = await newPrincipal(t.api, SPS(), `strict-${_label.replace(/\W/g, '')}`.slice(0, 30));
    const before = await t.state();
    const res = await t.api('POST', keysOf(SPS()), body.replace('$ID', id), {
      'content-type': 'application/json',
    });
    expect({ status: res.status, code: res.body.code, reason: reasonOf(res.body) }).toEqual({
      status: 400,
      code: 3,
      reason: 'INVALID_ARGUMENT',
    });
    expect(await t.state()).toBe(before);
    expect((await t.api('POST', keysOf(SPS()), { principal_id: id })).status).toBe(200);
  });

  describe('a project admin', () => {
    let admin: Api;
    let secondProject: string;
    const PSPS = (project: string) =>
      `/iam/2019-12-10/organizations/${t.org}/projects/${project}/service-principals`;

    beforeAll(async () => {
      const id = await newPrincipal(t.api, SPS(), 'project-admin');
      await grant(`${RM}/projects/${t.project}/iam-policy`, 'roles/admin', id);
      const key = await newKey(t.api, SPS(), id);
      admin = apiFor(t.coffer.url, await getToken(t.coffer.url, key.client_id, key.client_secret));
      const second = await t.api('POST', `${RM}/projects`, {
        name: 'second',
        parent: { type: 'ORGANIZATION', id: t.org },
      });
      secondProject = (second.body.project as { id: string }).id;
    });

    it('manages the service principals of their project, and sees no others', async () => {
      const orgWide = await newPrincipal(t.api, SPS(), 'org-wide');
      const mine = await newPrincipal(admin, PSPS(t.project), 'deployer');
      const key = await newKey(admin, PSPS(t.project), mine);
      await expect(getToken(t.coffer.url, key.client_id, key.client_secret)).resolves.toMatch(/^ey/);

      const listed = (await admin('GET', PSPS(t.project))).body.service_principals as {
        id: string;
        project_id: string;
      }[];
      expect(listed.map((s) => [s.id, s.project_id])).toEqual([[mine, t.project]]);
      // HCP's GetProjectServicePrincipalResponse names the project beside the principal.
      const got = await admin('GET', `${PSPS(t.project)}/${mine}`);
      expect({ status: got.status, project_id: got.body.project_id }).toEqual({
        status: 200,
        project_id: t.project,
      });
      const foreign = await admin('GET', `${PSPS(t.project)}/${orgWide}`);
      expect({ status: foreign.status, reason: reasonOf(foreign.body) }).toEqual({
        status: 404,
        reason: 'SERVICE_PRINCIPAL_NOT_FOUND',
      });
      const otherProject = await admin('GET', PSPS(secondProject));
      expect({ status: otherProject.status, reason: reasonOf(otherProject.body) }).toEqual({
        status: 404,
        reason: 'ORGANIZATION_NOT_FOUND',
      });
      const orgRoute = await admin('POST', SPS(), { name: 'not-mine' });
      expect({ status: orgRoute.status, reason: reasonOf(orgRoute.body) }).toEqual({
        status: 404,
        reason: 'ORGANIZATION_NOT_FOUND',
      });
      expect((await admin('DELETE', `${PSPS(t.project)}/${mine}`)).status).toBe(200);
    });

    it('reads their project’s audit events, and only those', async () => {
      const events = `/audit/2019-12-10/organizations/${t.org}/events`;
      const own = await admin('GET', `${events}?project_id=${t.project}&pagination.page_size=50`);
      expect(own.status).toBe(200);
      const seen = own.body.events as { project_id?: string }[];
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((e) => e.project_id))).toEqual(new Set([t.project]));

      const all = await admin('GET', events);
      const other = await admin('GET', `${events}?project_id=${secondProject}`);
      expect([all.status, reasonOf(all.body), other.status, reasonOf(other.body)]).toEqual([
        404,
        'ORGANIZATION_NOT_FOUND',
        404,
        'ORGANIZATION_NOT_FOUND',
      ]);
    });
  });
});
