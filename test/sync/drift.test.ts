import { randomBytes } from 'node:crypto';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Octokit } from '@octokit/rest';
import { Vercel } from '@vercel/sdk';
import sodium from 'libsodium-wrappers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueAllSyncs } from '../../functions/scheduler/scheduler.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import type {
  AwsSecretsManagerStandIn,
  AzureKeyVaultStandIn,
  GitHubStandIn,
  VercelStandIn,
} from '../standins/index.js';
import { fixtures, testDestinations, type DestinationFixture } from './fixtures.js';

/**
 * Issue 9, item 13: someone overwrites Coffer's value at the destination, through the vendor's own
 * client; the destination moves its change marker as the real one does. The plan must show an
 * update and a scheduled run must put Coffer's value back, once.
 */
const canary = () => `canary-${randomBytes(18).toString('base64url')}`;
const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** An outside write with each vendor's client (Key Vault's REST API has no client in this repo: fetch). */
const overwrite: Record<string, (d: DestinationFixture, name: string, value: string) => Promise<void>> = {
  github: async (d, name, value) => {
    const gh = d.standIn as GitHubStandIn;
    const octokit = new Octokit({ auth: gh.authToken, baseUrl: gh.url, log: quiet });
    const { data: key } = await octokit.rest.actions.getRepoPublicKey({ owner: 'acme', repo: 'api' });
    await sodium.ready;
    const sealed = sodium.crypto_box_seal(
      sodium.from_string(value),
      sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL),
    );
    await octokit.rest.actions.createOrUpdateRepoSecret({
      owner: 'acme',
      repo: 'api',
      secret_name: name,
      key_id: key.key_id,
      encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL),
    });
  },
  vercel: async (d, name, value) => {
    const v = d.standIn as VercelStandIn;
    const sdk = new Vercel({ bearerToken: v.token, serverURL: v.url });
    const env = v.envs('web').find((e) => e.key === name);
    await sdk.projects.editProjectEnv({
      idOrName: 'web',
      id: env?.id ?? '',
      teamId: v.teamId,
      requestBody: { value },
    });
  },
  aws: async (d, name, value) => {
    const aws = d.standIn as AwsSecretsManagerStandIn;
    const sm = new SecretsManagerClient({
      endpoint: aws.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIASTANDIN000000002', secretAccessKey: 'someone-else' },
    });
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
    sm.destroy();
  },
  azure: async (d, name, value) => {
    const kv = d.standIn as AzureKeyVaultStandIn;
    const res = await fetch(`${kv.url}/secrets/${name}?api-version=7.5`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${kv.accessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value }),
    });
    expect(res.status).toBe(200);
  },
};

describe.each(Object.keys(overwrite))('drift at %s', (provider) => {
  let t: TestCoffer;
  let d: DestinationFixture;
  const ours = canary();
  const plan = async () =>
    (await t.api('GET', `${t.P}/apps/shop/syncs/to-${provider}:plan`)).body.actions as {
      secret_name: string;
      action: string;
    }[];

  beforeAll(async () => {
    d = fixtures[provider as keyof typeof fixtures]();
    await d.standIn.start();
    t = await startTestCoffer({ env: { COFFER_SYNC_RETRY_BASE_MS: '10' }, overrides: testDestinations() });
    const { connection, target } = await d.connect();
    await t.api('POST', `${t.P}/integrations`, { name: 'conn', provider, connection });
    await t.api('POST', `${t.P}/syncs`, { name: `to-${provider}`, integration_name: 'conn', target });
    await t.api('POST', `${t.P}/apps`, { name: 'shop' });
    await t.api('POST', `${t.P}/apps/shop/secret/kv`, { name: 'DB_PASSWORD', value: ours });
    expect((await t.api('PATCH', `${t.P}/apps/shop`, { sync_names: [`to-${provider}`] })).status).toBe(200);
    await t.coffer.syncQueue.idle();
    expect(d.contents()[d.destName('DB_PASSWORD')]).toBe(ours);
  });
  afterAll(async () => {
    await t.close();
    await d.standIn.close();
  });

  it('plans an update and a scheduled run restores Coffer’s value, once', async () => {
    // GitHub and Key Vault report change times in whole seconds, like the real services.
    await new Promise((r) => setTimeout(r, 1100));
    await overwrite[provider]?.(d, d.destName('DB_PASSWORD'), 'overwritten-elsewhere');
    expect(d.contents()[d.destName('DB_PASSWORD')]).toBe('overwritten-elsewhere');

    expect(await plan()).toEqual([expect.objectContaining({ secret_name: 'DB_PASSWORD', action: 'update' })]);

    expect(await enqueueAllSyncs(t.coffer.services)).toBe(1);
    await t.coffer.syncQueue.idle();
    expect(d.contents()[d.destName('DB_PASSWORD')]).toBe(ours);

    // Coffer's own repair is not mistaken for drift: the next runs write nothing.
    expect(await plan()).toEqual([
      expect.objectContaining({ secret_name: 'DB_PASSWORD', action: 'unchanged' }),
    ]);
    d.standIn.clearLog();
    await enqueueAllSyncs(t.coffer.services);
    await t.coffer.syncQueue.idle();
    expect(d.standIn.writeCount()).toBe(0);
  });
});
