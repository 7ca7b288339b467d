import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

/**
 * Issue 9, "tests that cannot fail today": a 404 or 409 says which thing is missing or in the way,
 * not only the gRPC number. A client (the CLI, Terraform, a script) decides what to do next from the
 * reason: an absent app means "create it", an absent secret in an existing app means "set it".
 * Expected reasons are written out here, not read from the production error table.
 */
describe('error reasons name what is wrong', () => {
  let t: TestCoffer;
  const IAM = () => `/iam/2019-12-10/organizations/${t.org}`;
  const RM = '/resource-manager/2019-12-10';

  beforeAll(async () => {
    t = await startTestCoffer();
    expect((await t.api('POST', `${t.P}/apps`, { name: 'present' })).status).toBe(200);
    expect((await t.api('POST', `${t.P}/apps/present/secret/kv`, { name: 'KEPT', value: 'v1' })).status).toBe(
      200,
    );
  });
  afterAll(() => t.close());

  const reasonOf = (body: Record<string, unknown>) =>
    (body.details as { reason?: string }[] | undefined)?.[0]?.reason;

  it.each([
    ['an app that does not exist', 'GET', '{P}/apps/absent', undefined, 404, 5, 'APP_NOT_FOUND'],
    [
      'a secret of an app that does not exist',
      'GET',
      '{P}/apps/absent/secrets/KEPT',
      undefined,
      404,
      5,
      'APP_NOT_FOUND',
    ],
    [
      'a secret that does not exist in an app that does',
      'GET',
      '{P}/apps/present/secrets/ABSENT',
      undefined,
      404,
      5,
      'SECRET_NOT_FOUND',
    ],
    [
      'a value that does not exist',
      'GET',
      '{P}/apps/present/secrets/ABSENT:open',
      undefined,
      404,
      5,
      'SECRET_NOT_FOUND',
    ],
    [
      'a version that does not exist',
      'GET',
      '{P}/apps/present/secrets/KEPT/versions/9',
      undefined,
      404,
      5,
      'VERSION_NOT_FOUND',
    ],
    [
      'deleting the latest version',
      'DELETE',
      '{P}/apps/present/secrets/KEPT/versions/1',
      undefined,
      412,
      9,
      'VERSION_IS_LATEST',
    ],
    ['an app created twice', 'POST', '{P}/apps', { name: 'present' }, 409, 6, 'APP_ALREADY_EXISTS'],
    [
      'a project that does not exist',
      'GET',
      `${RM}/projects/00000000-0000-4000-8000-000000000000`,
      undefined,
      404,
      5,
      'PROJECT_NOT_FOUND',
    ],
    [
      'a service principal that does not exist',
      'GET',
      '{IAM}/service-principals/00000000-0000-4000-8000-000000000000',
      undefined,
      404,
      5,
      'SERVICE_PRINCIPAL_NOT_FOUND',
    ],
    [
      'a key that does not exist',
      'DELETE',
      '{IAM}/service-principal-keys/no-such-client',
      undefined,
      404,
      5,
      'KEY_NOT_FOUND',
    ],
    [
      'an integration that does not exist',
      'GET',
      '{P}/integrations/absent',
      undefined,
      404,
      5,
      'INTEGRATION_NOT_FOUND',
    ],
    ['a sync that does not exist', 'GET', '{P}/syncs/absent', undefined, 404, 5, 'SYNC_NOT_FOUND'],
    [
      'a path Coffer does not serve',
      'GET',
      '/secrets/2023-11-28/nowhere',
      undefined,
      404,
      5,
      'ROUTE_NOT_FOUND',
    ],
    ['a malformed body', 'POST', '{P}/apps', { name: 'Not A Name!' }, 400, 3, 'INVALID_ARGUMENT'],
  ])('%s (%s %s)', async (_label, method, path, body, status, code, reason) => {
    const res = await t.api(method, path.replace('{P}', t.P).replace('{IAM}', IAM()), body);
    expect({ status: res.status, code: res.body.code, reason: reasonOf(res.body) }).toEqual({
      status,
      code,
      reason,
    });
  });
});
