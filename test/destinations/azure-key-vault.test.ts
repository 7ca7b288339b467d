import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DestinationOptions } from '../../shared/adapters/destinations/factory.js';
import { createDestination } from '../../shared/adapters/destinations/factory.js';
import type { Destination } from '../../shared/domain/sync/destination.js';
import type { AzureKeyVaultStandInOptions } from '../standins/index.js';
import { AzureKeyVaultStandIn } from '../standins/index.js';
import { canary, expectNoValue, fast, rejection } from './helpers.js';

function connection(kv: AzureKeyVaultStandIn): Record<string, string> {
  const c = kv.credentials();
  return {
    tenant_id: c.tenantId,
    client_id: c.clientId,
    client_secret: c.clientSecret,
    authority_host: c.authorityHost,
    vault_url: c.vaultUrl,
  };
}

function destination(
  kv: AzureKeyVaultStandIn,
  options: DestinationOptions = {},
  target: { name_prefix?: string } = {},
): Destination {
  return createDestination('azure', connection(kv), target, fast(options));
}

/** A vault per test: soft-delete state and options differ from test to test. */
async function withVault(
  options: AzureKeyVaultStandInOptions,
  run: (kv: AzureKeyVaultStandIn) => Promise<void>,
): Promise<void> {
  const kv = new AzureKeyVaultStandIn(options);
  await kv.start();
  try {
    await run(kv);
  } finally {
    await kv.close();
  }
}

/** Deletes a secret as someone else would, with a token of their own. */
async function deleteAsSomeoneElse(kv: AzureKeyVaultStandIn, name: string): Promise<void> {
  const res = await fetch(`${kv.url}/secrets/${name}?api-version=7.5`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${kv.accessToken()}` },
  });
  expect(res.status).toBe(200);
}

describe('Azure Key Vault destination', () => {
  const kv = new AzureKeyVaultStandIn();
  let nameCount = 0;

  beforeAll(async () => {
    await kv.start();
  });
  afterAll(() => kv.close());
  beforeEach(() => {
    kv.clearLog();
    kv.clearFaults();
  });

  const unique = (base: string): string => `${base}-${++nameCount}`;
  const apiRequests = (vault = kv) => vault.requests.filter((r) => !r.auth);
  const tokenRequests = (vault = kv) => vault.requests.filter((r) => r.auth);

  it('lists across pages, through empty pages that still carry a nextLink, including others’ secrets', async () => {
    await withVault({ emptyPagesBeforeData: true }, async (vault) => {
      for (const n of ['A', 'B', 'C', 'D', 'E']) vault.seedSecret(`SEEDED-${n}`, n);

      const entries = await destination(vault, { pageSize: 2 }).list();

      expect(entries.map((e) => e.name)).toEqual([
        'SEEDED-A',
        'SEEDED-B',
        'SEEDED-C',
        'SEEDED-D',
        'SEEDED-E',
      ]);
      expect(entries[0]?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      // Three pages of data, each preceded by an empty one.
      expect(apiRequests(vault)).toHaveLength(6);
      expect(tokenRequests(vault)).toHaveLength(1);
    });
  });

  it('creates (tagged managed-by: coffer) and updates with the exact plaintext, under the mapped name', async () => {
    const dest = destination(kv);
    const mapping = dest.mapName('DB_PASSWORD');
    expect(mapping).toEqual({ ok: true, name: 'DB-PASSWORD' });
    const name = mapping.ok ? mapping.name : '';
    const first = 'Server=db;Password=p@ss ✓;\nline 2';

    await dest.put(name, first, false);
    expect(kv.secrets()[name]).toMatchObject({ value: first, origin: 'api' });
    expect(kv.secrets()[name]?.versions[0]?.tags).toEqual({ 'managed-by': 'coffer' });

    await dest.put(name, 'v2', true);
    expect(kv.secrets()[name]?.versions.map((v) => v.value)).toEqual([first, 'v2']);
    expect(kv.secrets()[name]?.versions[1]?.tags).toEqual({ 'managed-by': 'coffer' });
    // A create checks that no active secret has the name (GET .../versions → 404) before setting.
    expect(apiRequests().map((r) => `${r.method} ${r.status}`)).toEqual(['GET 404', 'PUT 200', 'PUT 200']);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('never overwrites a secret someone else created, whatever its case: CONFLICT without writing', async () => {
    const name = unique('THEIRS');
    kv.seedSecret(name.toLowerCase(), 'not ours');

    const err = await rejection(destination(kv).put(name.toUpperCase(), 'ours', false));

    expect(err).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect(kv.secrets()[name.toLowerCase()]?.versions.map((v) => v.value)).toEqual(['not ours']);
    expect(kv.writeCount()).toBe(0);
  });

  it('deletes (soft), and deleting a missing secret is not an error', async () => {
    const dest = destination(kv);
    const name = unique('GONE');
    await dest.put(name, 'x', false);

    await dest.delete(name);
    await dest.delete(name);

    expect(kv.secrets()[name]).toBeUndefined();
    expect(kv.deletedSecrets()[name]).toBeDefined();
  });

  describe('soft delete', () => {
    it('re-creating a name it deleted purges its deleted secret, then sets: the old value does not come back', async () => {
      await withVault({}, async (vault) => {
        const dest = destination(vault);
        await dest.put('AGAIN', 'old value', false);
        await dest.delete('AGAIN');
        vault.clearLog();

        await dest.put('AGAIN', 'new value', false);

        expect(vault.secrets().AGAIN?.versions.map((v) => v.value)).toEqual(['new value']);
        expect(vault.deletedSecrets()).toEqual({});
        expect(apiRequests(vault).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
          'GET /secrets/AGAIN/versions 404',
          'PUT /secrets/AGAIN 409',
          'GET /deletedsecrets/AGAIN 200',
          'DELETE /deletedsecrets/AGAIN 204',
          'PUT /secrets/AGAIN 200',
        ]);
      });
    });

    it('with purge protection, recovers its deleted secret, then sets', async () => {
      await withVault({ purgeProtection: true }, async (vault) => {
        const dest = destination(vault);
        await dest.put('PROTECTED', 'old value', false);
        await dest.delete('PROTECTED');
        vault.clearLog();

        await dest.put('PROTECTED', 'new value', false);

        expect(vault.secrets().PROTECTED?.value).toBe('new value');
        expect(vault.deletedSecrets()).toEqual({});
        expect(apiRequests(vault).map((r) => `${r.method} ${r.path} ${r.status}`)).toContain(
          'POST /deletedsecrets/PROTECTED/recover 200',
        );
        expect(apiRequests(vault).some((r) => r.method === 'DELETE')).toBe(false);
      });
    });

    it('leaves a deleted secret someone else made alone: CONFLICT_SOFT_DELETED, nothing purged or recovered', async () => {
      await withVault({}, async (vault) => {
        vault.seedSecret('THEIRS', 'their value');
        await deleteAsSomeoneElse(vault, 'THEIRS');
        vault.clearLog();

        const err = await rejection(destination(vault).put('THEIRS', 'ours', false));

        expect(err).toMatchObject({ code: 'CONFLICT_SOFT_DELETED', retryable: false });
        expect(vault.deletedSecrets().THEIRS?.value).toBe('their value');
        expect(vault.secrets().THEIRS).toBeUndefined();
        expect(apiRequests(vault).map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
      });
    });

    it('waits for a deletion that is still completing (ObjectIsBeingDeleted), then purges and sets', async () => {
      await withVault({ deletionLagRequests: 2 }, async (vault) => {
        const dest = destination(vault);
        await dest.put('LAGGING', 'old value', false);
        await dest.delete('LAGGING');

        await dest.put('LAGGING', 'new value', false);

        expect(vault.secrets().LAGGING?.versions.map((v) => v.value)).toEqual(['new value']);
      });
    });

    it('ends in a retryable BEING_DELETED if the vault stays busy past the retries', async () => {
      await withVault({ deletionLagRequests: 10 }, async (vault) => {
        const dest = destination(vault);
        await dest.put('BUSY', 'old value', false);
        await dest.delete('BUSY');

        const err = await rejection(dest.put('BUSY', 'new value', false));

        expect(err).toMatchObject({ code: 'BEING_DELETED', retryable: true });
      });
    });
  });

  it.each([
    [undefined, 'DB_PASSWORD', { ok: true, name: 'DB-PASSWORD' }],
    [undefined, '_private_key_', { ok: true, name: '-private-key-' }],
    [undefined, 'ApiKey', { ok: true, name: 'ApiKey' }],
    ['app1-', 'DB_PASSWORD', { ok: true, name: 'app1-DB-PASSWORD' }],
    // The longest prefix (63) and the longest Coffer name (64) still fit Key Vault's 127.
    ['x'.repeat(63), 'A'.repeat(64), { ok: true, name: `${'x'.repeat(63)}${'A'.repeat(64)}` }],
    [undefined, 'A-B', { ok: false, reason: expect.stringContaining('Coffer secret name') }],
  ])('maps with prefix %j: %s', (prefix, name, expected) => {
    expect(destination(kv, {}, prefix === undefined ? {} : { name_prefix: prefix }).mapName(name)).toEqual(
      expected,
    );
  });

  describe('tokens', () => {
    it('gets a new token when the vault rejects an expired one, and carries on', async () => {
      const dest = destination(kv);
      await dest.list();
      kv.expireAccessTokens();
      kv.clearLog();

      await dest.list();

      expect(kv.requests.map((r) => (r.auth ? 'token' : String(r.status)))).toEqual(['401', 'token', '200']);
    });

    it('reports a client secret Entra refuses as UNAUTHORIZED, without the secret', async () => {
      const dest = createDestination(
        'azure',
        { ...connection(kv), client_secret: 'wrong~secret-value' },
        {},
        fast(),
      );

      const err = await rejection(dest.list());

      expect(err).toMatchObject({ code: 'UNAUTHORIZED', retryable: false });
      expect(err.message).toContain('invalid_client');
      expectNoValue(err, 'wrong~secret-value');
      expectNoValue(err, kv.clientSecret);
    });

    it('asks for the sovereign cloud’s vault scope when the vault is in one', async () => {
      const scopes: string[] = [];
      const fakeFetch: typeof fetch = async (input, init) => {
        if (String(input).includes('/oauth2/')) {
          scopes.push(new URLSearchParams(String(init?.body)).get('scope') ?? '');
          return Response.json({ access_token: 't', expires_in: 3600 });
        }
        return Response.json({ value: [], nextLink: null });
      };
      const china = createDestination(
        'azure',
        {
          ...connection(kv),
          authority_host: 'https://login.chinacloudapi.cn',
          vault_url: 'https://v.vault.azure.cn',
        },
        {},
        { fetch: fakeFetch },
      );

      await china.list();

      expect(scopes).toEqual(['https://vault.azure.cn/.default']);
    });
  });

  describe('rate limits and failures', () => {
    it('waits out a 429 as Retry-After says and the value then arrives', async () => {
      const name = unique('AFTER-LIMIT');
      kv.rateLimitNext('429', { match: { method: 'PUT' } });

      await destination(kv).put(name, 'made it', true);

      expect(kv.secrets()[name]?.value).toBe('made it');
      expect(apiRequests().map((r) => r.status)).toEqual([429, 200]);
    });

    it('surfaces a 5xx that outlasts its retries as a retryable UNAVAILABLE, without the value', async () => {
      const name = unique('DOWN');
      const value = canary('azure-5xx');
      kv.failNext(3, 503, { method: 'PUT' });

      const err = await rejection(destination(kv).put(name, value, true));

      expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      expectNoValue(err, value);
      expect(apiRequests().map((r) => r.status)).toEqual([503, 503, 503]);
      expect(kv.secrets()[name]).toBeUndefined();
    });

    it('reports a name Key Vault refuses as VALIDATION, without the value', async () => {
      const value = canary('azure-400');

      const err = await rejection(destination(kv).put('NOT_MAPPED', value, true));

      expect(err).toMatchObject({ code: 'VALIDATION', retryable: false });
      expectNoValue(err, value);
    });

    it('refuses a value over 25 KB before sending anything', async () => {
      const err = await rejection(destination(kv).put(unique('BIG'), 'x'.repeat(25 * 1024 + 1), true));

      expect(err).toMatchObject({ code: 'VALUE_TOO_LARGE' });
      expect(kv.requests).toHaveLength(0);
    });

    it('will not follow a nextLink off the vault (it would carry the token there)', async () => {
      const fakeFetch: typeof fetch = async (input) =>
        String(input).includes('/oauth2/')
          ? Response.json({ access_token: 't', expires_in: 3600 })
          : Response.json({ value: [], nextLink: 'https://attacker.example/secrets?page=2' });
      const dest = createDestination(
        'azure',
        { ...connection(kv), vault_url: 'https://v.vault.azure.net' },
        {},
        {
          ...fast(),
          fetch: fakeFetch,
        },
      );

      expect(await rejection(dest.list())).toMatchObject({ code: 'UNEXPECTED' });
    });
  });
});
