import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyContextFor, valueAad, valueAadFor, type ValueBinding } from '../../shared/domain/crypto/aad.js';
import { gcmOpen, gcmSeal } from '../../shared/domain/crypto/aes-gcm.js';
import { decodeBlob, encodeBlob } from '../../shared/domain/crypto/blob.js';
import { DataKeyCache } from '../../shared/domain/crypto/data-key-cache.js';
import { DataKeys } from '../../shared/domain/crypto/data-keys.js';
import { openValue, openValues, sealValue } from '../../shared/domain/crypto/envelope.js';
import { CofferError } from '../../shared/domain/errors.js';
import { LocalKeyring } from '../../shared/adapters/local/local-keyring.js';

const binding: ValueBinding = {
  orgId: 'org-1',
  projectId: 'proj-1',
  app: 'web',
  secret: 'DB_PASSWORD',
  version: 3,
};
const codeOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e instanceof CofferError ? e.code : `foreign:${String(e)}`;
  }
  return 'no error';
};

const setup = () => {
  const keyring = LocalKeyring.fromBytes(randomBytes(32));
  const dataKeys = new DataKeys(keyring, new DataKeyCache());
  return { keyring, dataKeys };
};

describe('envelope encryption', () => {
  it('round-trips a value, including non-ASCII text', async () => {
    const { dataKeys } = setup();
    const key = await dataKeys.create(keyContextFor('org-1', 'proj-1', 'web'), new Date());
    const blob = sealValue(key, binding, 'pässwörd 🔐');
    expect(blob.includes(Buffer.from('pässwörd'))).toBe(false);
    expect(await openValue(dataKeys, binding, blob)).toBe('pässwörd 🔐');
  });

  it.each([
    ['organization', { orgId: 'org-2' }],
    ['project', { projectId: 'proj-2' }],
    ['app', { app: 'api' }],
    ['secret name', { secret: 'OTHER' }],
    ['version', { version: 4 }],
  ])('refuses to open under another %s, also once the bytes were opened', async (_label, change) => {
    const { dataKeys } = setup();
    const key = await dataKeys.create(keyContextFor('org-1', 'proj-1', 'web'), new Date());
    const blob = sealValue(key, binding, 'secret');
    expect(await codeOf(openValue(dataKeys, { ...binding, ...change }, blob))).toBe('INTEGRITY_CHECK_FAILED');
    // Opened under its own binding, the bytes are in the opened-values memo: still no other binding.
    expect(await openValue(dataKeys, binding, blob)).toBe('secret');
    expect(await codeOf(openValue(dataKeys, { ...binding, ...change }, blob))).toBe('INTEGRITY_CHECK_FAILED');
  });

  it('opens many values with one unwrap per data key, in order', async () => {
    // Prepare: three values under key A, two under key B, interleaved; a reader with a cold cache.
    const { keyring, dataKeys } = setup();
    const ctx = keyContextFor('org-1', 'proj-1', 'web');
    const [a, b] = [await dataKeys.create(ctx, new Date()), await dataKeys.create(ctx, new Date())];
    const sealed = (['A1', 'A2', 'B1', 'B2', 'A3'] as const).map((v, i) => {
      const at = { ...binding, secret: `S${i}` };
      return { binding: at, blob: sealValue(v.startsWith('A') ? a : b, at, v) };
    });
    const reader = new DataKeys(keyring, new DataKeyCache());

    // Act
    const values = await openValues(reader, sealed);

    // Assess: A, then B, then A again from the cache (the run of equal keys is what is shared).
    expect(values).toEqual(['A1', 'A2', 'B1', 'B2', 'A3']);
    expect(reader.stats.decrypt).toBe(2);
  });

  it.each([
    ['another app', { app: 'api' }],
    ['another secret name', { secret: 'OTHER' }],
  ])('refuses to open one of many under %s, as openValue does', async (_label, change) => {
    const { dataKeys } = setup();
    const key = await dataKeys.create(keyContextFor('org-1', 'proj-1', 'web'), new Date());
    const good = { binding, blob: sealValue(key, binding, 'one') };
    const moved = { binding: { ...binding, ...change }, blob: sealValue(key, binding, 'two') };
    expect(await codeOf(openValues(dataKeys, [good, moved]))).toBe('INTEGRITY_CHECK_FAILED');
  });

  it.each([
    ['a flipped ciphertext bit', (b: Buffer) => b.length - 20],
    ['a flipped tag bit', (b: Buffer) => b.length - 1],
    ['a flipped nonce bit', (b: Buffer) => b.length - 16 - 7 - 12],
    ['a flipped key id bit', () => 5],
    ['a flipped wrapped-key bit', () => 25],
  ])('detects %s', async (_label, at) => {
    const { dataKeys } = setup();
    const key = await dataKeys.create(keyContextFor('org-1', 'proj-1', 'web'), new Date());
    const blob = sealValue(key, binding, 'secret!');
    const i = at(blob);
    blob[i] = (blob[i] ?? 0) ^ 0x01;
    // A fresh cache, so the wrapped key is really unwrapped again.
    const reader = new DataKeys(setup().keyring, new DataKeyCache());
    expect(await codeOf(openValue(reader, binding, blob))).toBe('INTEGRITY_CHECK_FAILED');
    expect(await codeOf(openValue(dataKeys, binding, blob))).toBe('INTEGRITY_CHECK_FAILED');
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['unknown version', Buffer.from([0x02, ...randomBytes(80)])],
    ['truncated after the header', Buffer.from([0x01, ...randomBytes(17)])],
    [
      'wrapped key length past the end',
      Buffer.concat([Buffer.from([0x01]), randomBytes(16), Buffer.from([0x03, 0xe8]), randomBytes(20)]),
    ],
    [
      'zero wrapped key length',
      Buffer.concat([Buffer.from([0x01]), randomBytes(16), Buffer.from([0, 0]), randomBytes(40)]),
    ],
  ])('rejects a malformed blob (%s) before touching the cipher', (_label, raw) => {
    expect(() => decodeBlob(raw)).toThrow(expect.objectContaining({ code: 'INTEGRITY_CHECK_FAILED' }));
  });

  it('encodes and decodes the blob layout exactly', () => {
    const parts = {
      keyId: randomBytes(16),
      wrappedKey: randomBytes(61),
      nonce: randomBytes(12),
      ciphertext: randomBytes(7),
      tag: randomBytes(16),
    };
    const blob = encodeBlob(parts);
    expect(blob.length).toBe(1 + 16 + 2 + 61 + 12 + 7 + 16);
    expect(blob[0]).toBe(1);
    expect(decodeBlob(blob)).toEqual(parts);
  });

  it('binds the AAD unambiguously (no field can bleed into the next)', () => {
    const a = valueAad({ ...binding, app: 'ab', secret: 'C' }, 'k');
    const b = valueAad({ ...binding, app: 'a', secret: 'BC' }, 'k');
    expect(a.equals(b)).toBe(false);
  });

  // The stored format: every value ever sealed was bound to these bytes, so they may never change.
  // Label, then per field a 4-byte big-endian length and the field's UTF-8 bytes.
  it.each([
    {
      name: 'ASCII fields',
      binding: { orgId: 'o', projectId: 'pp', app: 'a', secret: 'S', version: 12 },
      keyId: 'k',
      hex:
        Buffer.from('coffer/value/v1').toString('hex') +
        '00000001' +
        '6f' +
        '00000002' +
        '7070' +
        '00000001' +
        '61' +
        '00000001' +
        '53' +
        '00000002' +
        '3132' +
        '00000001' +
        '6b',
    },
    {
      name: 'a non-ASCII secret name (UTF-8 length, not characters)',
      binding: { orgId: 'o', projectId: 'p', app: 'a', secret: 'é', version: 1 },
      keyId: '',
      hex:
        Buffer.from('coffer/value/v1').toString('hex') +
        '00000001' +
        '6f' +
        '00000001' +
        '70' +
        '00000001' +
        '61' +
        '00000002' +
        'c3a9' +
        '00000001' +
        '31' +
        '00000000',
    },
    {
      name: 'a field longer than 255 bytes',
      binding: { orgId: 'o', projectId: 'p', app: 'a', secret: 'x'.repeat(300), version: 1 },
      keyId: 'k',
      hex:
        Buffer.from('coffer/value/v1').toString('hex') +
        '00000001' +
        '6f' +
        '00000001' +
        '70' +
        '00000001' +
        '61' +
        '0000012c' +
        '78'.repeat(300) +
        '00000001' +
        '31' +
        '00000001' +
        '6b',
    },
  ])('encodes the AAD of $name byte for byte', ({ binding: b, keyId, hex }) => {
    expect(valueAad(b, keyId).toString('hex')).toBe(hex);
  });

  it('encodes, per app, the same bytes as the format says for every value it is given', () => {
    // The format written out the slow way: label, then per field a 4-byte length and UTF-8 bytes.
    const reference = (fields: string[]) =>
      Buffer.concat([
        Buffer.from('coffer/value/v1'),
        ...fields.flatMap((f) => {
          const bytes = Buffer.from(f, 'utf8');
          const len = Buffer.alloc(4);
          len.writeUInt32BE(bytes.length);
          return [len, bytes];
        }),
      ]);
    for (const scope of [
      ['org-1', 'proj-1', 'web'],
      ['org-ü', 'proj', 'äpp'],
    ] as const) {
      const encode = valueAadFor(scope[0], scope[1], scope[2]);
      for (const [secret, version, keyId] of [
        ['DB_URL', 1, 'ab'.repeat(16)],
        ['PASSWÖRD', 12, 'cd'.repeat(16)],
        ['😀', 3, ''],
        ['x'.repeat(70_000), 9, 'k'],
      ] as const) {
        expect(
          encode(secret, version, keyId).equals(reference([...scope, secret, String(version), keyId])),
        ).toBe(true);
      }
    }
  });

  it.each([0, 16, 31, 33, 64])('refuses a %i-byte AES key', (size) => {
    expect(() => gcmSeal(randomBytes(size), Buffer.from('x'), Buffer.alloc(0))).toThrow(/exactly 32 bytes/);
    expect(() =>
      gcmOpen(
        randomBytes(size),
        { nonce: randomBytes(12), ciphertext: randomBytes(1), tag: randomBytes(16) },
        Buffer.alloc(0),
      ),
    ).toThrow(/exactly 32 bytes/);
  });
});

describe('local keyring', () => {
  it('unwraps only under the same context', async () => {
    const keyring = LocalKeyring.fromBytes(randomBytes(32));
    const ctx = keyContextFor('o', 'p', 'a');
    const { plaintext, wrapped } = await keyring.generateDataKey(ctx);
    expect(plaintext).toHaveLength(32);
    expect(await keyring.decryptDataKey(wrapped, ctx)).toEqual(plaintext);
    expect(await codeOf(keyring.decryptDataKey(wrapped, keyContextFor('o', 'p', 'b')))).toBe(
      'INTEGRITY_CHECK_FAILED',
    );
    expect(await codeOf(LocalKeyring.fromBytes(randomBytes(32)).decryptDataKey(wrapped, ctx))).toBe(
      'INTEGRITY_CHECK_FAILED',
    );
  });

  it.each([0, 31, 33])('refuses a %i-byte master key', (size) => {
    expect(() => LocalKeyring.fromBytes(randomBytes(size))).toThrow(/exactly 32 bytes/);
  });
});

describe('data key cache', () => {
  it('serves a key until it is older than the maximum age', () => {
    let now = 1_000;
    const cache = new DataKeyCache({ maxAgeMs: 100, now: () => now });
    const key = randomBytes(32);
    cache.set('a', key);
    now += 99;
    expect(cache.get('a')).toBe(key);
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently used key beyond the maximum size', () => {
    const cache = new DataKeyCache({ maxEntries: 2 });
    cache.set('a', randomBytes(32));
    cache.set('b', randomBytes(32));
    cache.get('a');
    cache.set('c', randomBytes(32));
    expect([
      cache.get('a') !== undefined,
      cache.get('b') !== undefined,
      cache.get('c') !== undefined,
    ]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });

  it('makes one key-provider call per distinct wrapped key and context', async () => {
    const { dataKeys } = setup();
    const ctx = keyContextFor('o', 'p', 'a');
    const key = await dataKeys.create(ctx, new Date());
    const fresh = new DataKeys(setup().keyring, new DataKeyCache());
    expect(fresh.stats).toEqual({ generate: 0, decrypt: 0 });
    await dataKeys.unwrap(key.wrapped, ctx);
    await dataKeys.unwrap(key.wrapped, ctx);
    expect(dataKeys.stats).toEqual({ generate: 1, decrypt: 0 });
  });

  it.each([
    ['another app', keyContextFor('o', 'p', 'b')],
    ['fields that concatenate alike', keyContextFor('o', 'pa', '')],
  ])('does not serve a cached key under %s: the key provider decides', async (_, other) => {
    // Prepare: a key cached under o/p/a.
    const { dataKeys } = setup();
    const key = await dataKeys.create(keyContextFor('o', 'p', 'a'), new Date());

    // Act: the same wrapped bytes under another context.
    const code = await codeOf(dataKeys.unwrap(key.wrapped, other));

    // Assess: it went to the provider, which refused it.
    expect(dataKeys.stats.decrypt).toBe(1);
    expect(code).toBe('INTEGRITY_CHECK_FAILED');
  });
});
