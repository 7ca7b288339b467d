import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyContextFor, type ValueBinding } from '../../shared/domain/crypto/aad.js';
import { DataKeyCache } from '../../shared/domain/crypto/data-key-cache.js';
import { DataKeys } from '../../shared/domain/crypto/data-keys.js';
import { openValue, openValues, sealValue } from '../../shared/domain/crypto/envelope.js';
import { OpenedValues, openedValueId } from '../../shared/domain/crypto/opened-values.js';
import { CofferError } from '../../shared/domain/errors.js';
import type { KeyProvider } from '../../shared/domain/ports.js';
import { LocalKeyring } from '../../shared/adapters/local/local-keyring.js';

const binding: ValueBinding = { orgId: 'org-1', projectId: 'proj-1', app: 'web', secret: 'DB', version: 3 };
const ctx = keyContextFor('org-1', 'proj-1', 'web');

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof CofferError ? e.code : `foreign:${String(e)}`;
  }
  return 'no error';
};

/** A keyring whose KMS key can be "disabled", as revoking a KMS key does. */
const revocable = (inner: KeyProvider) => {
  const state = { revoked: false };
  const provider: KeyProvider = {
    generateDataKey: (c) => inner.generateDataKey(c),
    decryptDataKey: (wrapped, c) => {
      if (state.revoked) throw new CofferError('KEY_UNAVAILABLE', 'key disabled');
      return inner.decryptDataKey(wrapped, c);
    },
  };
  return { provider, state };
};

const setup = (opts: { maxAgeMs?: number; maxBytes?: number } = {}) => {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const { provider, state } = revocable(LocalKeyring.fromBytes(randomBytes(32)));
  const keys = new DataKeys(
    provider,
    new DataKeyCache({ maxAgeMs: opts.maxAgeMs ?? 60_000, now: clock.now }),
    new OpenedValues({ maxBytes: opts.maxBytes, now: clock.now }),
  );
  return { keys, clock, state, provider };
};

describe('opened values', () => {
  it('opens the same stored bytes again from memory, with the same answer', async () => {
    const { keys } = setup();
    const key = await keys.create(ctx, new Date());
    const sealed = ['one', 'two', 'drei 🔐'].map((v, i) => {
      const at = { ...binding, secret: `S${i}` };
      return { binding: at, blob: sealValue(key, at, v) };
    });

    const first = await openValues(keys, sealed);
    const second = await openValues(keys, sealed);

    expect(first).toEqual(['one', 'two', 'drei 🔐']);
    expect(second).toEqual(first);
    expect(keys.opened.stats).toEqual({ hits: 3, misses: 3 });
  });

  it('refuses a changed copy of remembered bytes, on every read', async () => {
    const { keys } = setup();
    const blob = sealValue(await keys.create(ctx, new Date()), binding, 'secret');
    expect(await openValue(keys, binding, blob)).toBe('secret');
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 0x01;

    expect(await codeOf(openValue(keys, binding, tampered))).toBe('INTEGRITY_CHECK_FAILED');
    expect(await codeOf(openValue(keys, binding, tampered))).toBe('INTEGRITY_CHECK_FAILED');
    expect(await openValue(keys, binding, blob)).toBe('secret');
  });

  it('forgets a value when its data key expires, so a revoked key stops reads on the same schedule', async () => {
    // Prepare: the value opened once by a reader whose key cache holds keys for 60 s.
    const { keys, clock, state, provider } = setup({ maxAgeMs: 60_000 });
    const blob = sealValue(await keys.create(ctx, new Date()), binding, 'secret');
    const reader = new DataKeys(
      provider,
      new DataKeyCache({ maxAgeMs: 60_000, now: clock.now }),
      new OpenedValues({ now: clock.now }),
    );
    expect(await openValue(reader, binding, blob)).toBe('secret');
    expect(reader.stats.decrypt).toBe(1);

    // Act: the KMS key is disabled; the process keeps reading until its key's entry expires.
    state.revoked = true;
    clock.advance(59_999);
    const stillCached = await openValue(reader, binding, blob);
    clock.advance(1);
    const afterExpiry = await codeOf(openValue(reader, binding, blob));

    // Assess
    expect(stillCached).toBe('secret');
    expect(afterExpiry).toBe('KEY_UNAVAILABLE');
    expect(reader.stats.decrypt).toBe(2);
  });

  it('keeps within its byte budget, dropping the oldest values first', () => {
    const memo = new OpenedValues({ maxBytes: 2 * 3 * 100 });
    const forever = Number.MAX_SAFE_INTEGER;
    for (const id of ['a', 'b', 'c', 'd']) memo.set(id, id.repeat(99), forever);

    expect(['a', 'b', 'c', 'd'].map((id) => memo.get(id) !== undefined)).toEqual([false, true, true, true]);
    expect(memo.size).toBe(3);
  });

  it('does not remember a value larger than its whole budget, or one whose key has already expired', () => {
    let now = 10;
    const memo = new OpenedValues({ maxBytes: 1000, now: () => now });
    memo.set('big', 'x'.repeat(600), 1_000);
    memo.set('stale', 'y', 10);
    now = 11;
    expect([memo.get('big'), memo.get('stale'), memo.size]).toEqual([undefined, undefined, 0]);
  });

  it('keys by every binding field, length-prefixed, so fields that concatenate alike differ', () => {
    const blob = randomBytes(40);
    const a = openedValueId({ ...binding, projectId: 'p', app: 'ab' }, blob);
    const b = openedValueId({ ...binding, projectId: 'pa', app: 'b' }, blob);
    const c = openedValueId({ ...binding, secret: 'S1', version: 23 }, blob);
    const d = openedValueId({ ...binding, secret: 'S12', version: 3 }, blob);
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(openedValueId(binding, blob)).toBe(openedValueId({ ...binding }, Buffer.from(blob)));
  });
});
