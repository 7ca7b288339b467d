import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { apiFor, getToken, startTestCoffer, type TestCoffer, keyPair } from '../helpers/coffer.js';

/** Issue 9, item 16: the bootstrap admin is an ordinary, listed service principal. */
describe('the bootstrap admin', () => {
  let t: TestCoffer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const tokenStatus = async (url: string, id: string, secret: string) =>
    (
      await fetch(`${url}/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }),
      })
    ).status;

  it('is listed, and its key can be rotated and revoked through the API', async () => {
    t = await startTestCoffer();
    const sps = `/iam/2019-12-10/organizations/${t.org}/service-principals`;
    const principalId = t.coffer.bootstrap.state.principal_id;

    const listed = await t.api('GET', sps);
    expect(listed.status).toBe(200);
    expect(listed.body.service_principals).toEqual([
      expect.objectContaining({ id: principalId, name: 'bootstrap-admin' }),
    ]);
    const keys = await t.api('GET', `${sps}/${principalId}/keys`);
    expect(keys.body.keys).toEqual([expect.objectContaining({ client_id: 'test-bootstrap-client' })]);

    // Rotate: a new key, then the first one deleted.
    const keyPath = `/iam/2019-12-10/organizations/${t.org}/service-principal-keys`;
    const added = await t.api('POST', keyPath, { principal_id: principalId });
    expect(added.status).toBe(200);
    const key = keyPair(added);
    const removed = await t.api('DELETE', `${keyPath}/test-bootstrap-client`);
    expect(removed.status).toBe(200);

    // Whatever secret is offered, the deleted client id no longer logs in.
    expect(await tokenStatus(t.coffer.url, 'test-bootstrap-client', 'any-secret')).toBe(401);
    expect(await tokenStatus(t.coffer.url, key.client_id, key.client_secret)).toBe(200);
    const rotated = apiFor(t.coffer.url, await getToken(t.coffer.url, key.client_id, key.client_secret));
    expect((await rotated('GET', `${t.P}/apps`)).status).toBe(200);
  });

  it('is listed after a restart on a data directory made before it was a principal', async () => {
    t = await startTestCoffer();
    const principalId = t.coffer.bootstrap.state.principal_id;
    // What older versions left behind: the key and the admin binding, no principal record.
    const record = (await t.rawItems()).find((i) => i.kind === 'service-principal' && i.id === principalId);
    expect(record).toBeDefined();
    await t
      .rawClient()
      .send(
        new DeleteItemCommand({ TableName: 'coffer', Key: marshall({ pk: record?.pk, sk: record?.sk }) }),
      );
    t = await t.restart();

    const listed = await t.api('GET', `/iam/2019-12-10/organizations/${t.org}/service-principals`);
    expect(listed.body.service_principals).toEqual([
      expect.objectContaining({ id: principalId, name: 'bootstrap-admin' }),
    ]);
  });
});
