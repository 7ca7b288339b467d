import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

type Case = [label: string, method: string, path: string, body?: unknown, headers?: Record<string, string>];

/** Every case must get 400 with code 3 and write nothing. `{P}` is the secrets prefix. */
const cases: Case[] = [
  ['app name with upper case', 'POST', '{P}/apps', { name: 'Web' }],
  ['app name too short', 'POST', '{P}/apps', { name: 'ab' }],
  ['app name too long', 'POST', '{P}/apps', { name: 'a'.repeat(37) }],
  ['app name starting with a hyphen', 'POST', '{P}/apps', { name: '-web' }],
  ['app name with an accented letter', 'POST', '{P}/apps', { name: 'wéb' }],
  ['app name with a NUL byte', 'POST', '{P}/apps', { name: 'web\u0000x' }],
  ['app name that is a number', 'POST', '{P}/apps', { name: 123 }],
  ['app without a name', 'POST', '{P}/apps', { description: 'x' }],
  ['unknown field on an app', 'POST', '{P}/apps', { name: 'okay-name', colour: 'blue' }],
  ['description too long', 'POST', '{P}/apps', { name: 'okay-name', description: 'd'.repeat(1025) }],
  ['description with a lone surrogate', 'POST', '{P}/apps', { name: 'okay-name', description: '\ud800' }],
  ['secret name starting with a digit', 'POST', '{P}/apps/target/secret/kv', { name: '1ABC', value: 'v' }],
  ['secret name with a hyphen', 'POST', '{P}/apps/target/secret/kv', { name: 'DB-PASS', value: 'v' }],
  ['secret name of 65 characters', 'POST', '{P}/apps/target/secret/kv', { name: 'A'.repeat(65), value: 'v' }],
  ['secret name with a non-ASCII letter', 'POST', '{P}/apps/target/secret/kv', { name: 'PÄSS', value: 'v' }],
  [
    'secret name with a zero-width space',
    'POST',
    '{P}/apps/target/secret/kv',
    { name: 'DB\u200bPASS', value: 'v' },
  ],
  ['empty secret name', 'POST', '{P}/apps/target/secret/kv', { name: '', value: 'v' }],
  ['empty value', 'POST', '{P}/apps/target/secret/kv', { name: 'OK', value: '' }],
  ['value of 64 KiB + 1 byte', 'POST', '{P}/apps/target/secret/kv', { name: 'OK', value: 'x'.repeat(65537) }],
  [
    'value under 64 Ki characters but over 64 KiB of UTF-8',
    'POST',
    '{P}/apps/target/secret/kv',
    { name: 'OK', value: 'é'.repeat(32769) },
  ],
  ['value with a lone surrogate', 'POST', '{P}/apps/target/secret/kv', { name: 'OK', value: 'a\udc00b' }],
  ['value that is a number', 'POST', '{P}/apps/target/secret/kv', { name: 'OK', value: 42 }],
  ['value that is null', 'POST', '{P}/apps/target/secret/kv', { name: 'OK', value: null }],
  ['value that is an object', 'POST', '{P}/apps/target/secret/kv', { name: 'OK', value: { nested: 'v' } }],
  [
    'negative expected_version',
    'POST',
    '{P}/apps/target/secret/kv',
    { name: 'OK', value: 'v', expected_version: '-1' },
  ],
  [
    'expected_version that is not a number',
    'POST',
    '{P}/apps/target/secret/kv',
    { name: 'OK', value: 'v', expected_version: 'abc' },
  ],
  [
    'expected_version as a fraction',
    'POST',
    '{P}/apps/target/secret/kv',
    { name: 'OK', value: 'v', expected_version: 1.5 },
  ],
  ['malformed JSON', 'POST', '{P}/apps/target/secret/kv', '{"name": "OK", "value":'],
  ['a JSON array instead of an object', 'POST', '{P}/apps/target/secret/kv', '[]'],
  ['a JSON string instead of an object', 'POST', '{P}/apps/target/secret/kv', '"OK"'],
  [
    'a body that is not JSON at all',
    'POST',
    '{P}/apps/target/secret/kv',
    'name=OK&value=v',
    { 'content-type': 'text/plain' },
  ],
  ['an empty batch', 'POST', '{P}/apps/target/secret/kv:batch', { secrets: [] }],
  [
    'a batch of 101 secrets',
    'POST',
    '{P}/apps/target/secret/kv:batch',
    { secrets: Array.from({ length: 101 }, (_, i) => ({ name: `S${i}`, value: 'v' })) },
  ],
  [
    'a batch naming one secret twice',
    'POST',
    '{P}/apps/target/secret/kv:batch',
    {
      secrets: [
        { name: 'DUP', value: 'a' },
        { name: 'DUP', value: 'b' },
      ],
    },
  ],
  [
    'a batch with one bad entry among good ones',
    'POST',
    '{P}/apps/target/secret/kv:batch',
    {
      secrets: [
        { name: 'GOOD', value: 'a' },
        { name: 'bad-name', value: 'b' },
      ],
    },
  ],
  [
    'a batch with an unknown conflicts mode',
    'POST',
    '{P}/apps/target/secret/kv:batch',
    { secrets: [{ name: 'GOOD', value: 'a' }], conflicts: 'MAYBE' },
  ],
  ['a negative page size', 'GET', '{P}/apps?pagination.page_size=-1'],
  ['sync_names that is not a list', 'POST', '{P}/apps', { name: 'synced', sync_names: 'a-sync' }],
  ['page size 1001', 'GET', '{P}/apps?pagination.page_size=1001'],
  ['page size that is not a number', 'GET', '{P}/apps?pagination.page_size=ten'],
  ['a garbage page token', 'GET', '{P}/apps?pagination.next_page_token=not-a-token'],
  ['a page token edited by the caller', 'GET', '{P}/apps?pagination.next_page_token={EDITED_TOKEN}'],
  [
    'a page token from another listing',
    'GET',
    '{P}/apps/target/secrets?pagination.next_page_token={APPS_TOKEN}',
  ],
  [
    'an organization id that is not a UUID',
    'GET',
    '/secrets/2023-11-28/organizations/not-a-uuid/projects/{PROJECT}/apps',
  ],
  ['version 0 in the path', 'GET', '{P}/apps/target/secrets/EXISTING/versions/0'],
  ['a version that is not a number', 'GET', '{P}/apps/target/secrets/EXISTING/versions/latest'],
  ['an invalid secret name in the path', 'GET', '{P}/apps/target/secrets/bad-name:open'],
  ['an empty organization name', 'POST', '/resource-manager/2019-12-10/organizations', { name: '   ' }],
  [
    'a project under a parent of the wrong type',
    'POST',
    '/resource-manager/2019-12-10/projects',
    { name: 'p', parent: { type: 'PROJECT', id: '{ORG}' } },
  ],
  [
    'an unsupported grant type',
    'POST',
    '/oauth2/token',
    'grant_type=password&username=a&password=b',
    { 'content-type': 'application/x-www-form-urlencoded' },
  ],
];

describe('invalid input', () => {
  let t: TestCoffer;
  let appsToken = '';
  beforeAll(async () => {
    t = await startTestCoffer();
    await t.api('POST', `${t.P}/apps`, { name: 'target' });
    await t.api('POST', `${t.P}/apps/target/secret/kv`, { name: 'EXISTING', value: 'v' });
    for (const n of ['pad-a', 'pad-b']) await t.api('POST', `${t.P}/apps`, { name: n });
    const page = await t.api('GET', `${t.P}/apps?pagination.page_size=1`);
    appsToken = (page.body.pagination as { next_page_token: string }).next_page_token;
    expect(appsToken).not.toBe('');
  });
  afterAll(() => t.close());

  it('has a table of at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)(
    'rejects %s with 400, code 3, and writes nothing',
    async (_label, method, path, body, headers) => {
      const edited = Buffer.from(
        Buffer.from(appsToken, 'base64url').toString('utf8').replace('APP#', 'APP#z'),
      ).toString('base64url');
      const concrete = path
        .replace('{P}', t.P)
        .replace('{PROJECT}', t.project)
        .replace('{APPS_TOKEN}', appsToken)
        .replace('{EDITED_TOKEN}', edited);
      const payload =
        typeof body === 'object' ? JSON.parse(JSON.stringify(body).replace('{ORG}', t.org)) : body;
      const before = await t.state();
      const res = await t.api(method, concrete, payload, headers);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(3);
      expect(typeof res.body.message).toBe('string');
      expect(res.body.details).toBeInstanceOf(Array);
      expect(await t.state()).toBe(before);
    },
  );

  it('accepts the largest allowed value exactly (the limits are not off by one)', async () => {
    const res = await t.api('POST', `${t.P}/apps/target/secret/kv`, {
      name: 'MAX',
      value: '€'.repeat(21845) + 'x',
    });
    expect(res.status).toBe(200);
    const open = await t.api('GET', `${t.P}/apps/target/secrets/MAX:open`);
    expect((open.body.secret as { static_version: { value: string } }).static_version.value).toHaveLength(
      21846,
    );
  });
  // Last: the server answers before reading the whole body and drops that connection.
  it('rejects a body over 1 MiB with 413 and code 3 (API.md), writing nothing', async () => {
    const before = await t.state();
    const res = await t.api('POST', `${t.P}/apps/target/secret/kv`, {
      name: 'BIG',
      value: 'x'.repeat(1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe(3);
    expect(await t.state()).toBe(before);
  });
});
