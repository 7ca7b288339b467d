import { keyContextFor, valueAad, valueAadFor, type ValueBinding } from './aad.js';
import { gcmOpen, gcmSeal } from './aes-gcm.js';
import { decodeBlob, encodeBlob } from './blob.js';
import type { DataKeys, UsableDataKey } from './data-keys.js';
import { openedValueId } from './opened-values.js';

/**
 * Seals a secret value under the app's data key, bound to its tenant, app, name and version and to
 * the key id, so a ciphertext copied anywhere else fails to open.
 */
export const sealValue = (key: UsableDataKey, binding: ValueBinding, value: string): Buffer => {
  const keyId = Buffer.from(key.id, 'hex');
  const { nonce, ciphertext, tag } = gcmSeal(
    key.plaintext,
    Buffer.from(value, 'utf8'),
    valueAad(binding, key.id),
  );
  return encodeBlob({ keyId, wrappedKey: key.wrapped, nonce, ciphertext, tag });
};

/**
 * Opens stored blobs, each for its binding; throws INTEGRITY_CHECK_FAILED unless everything matches.
 * One key unwrap per run of blobs under the same data key and context (an app's secrets mostly share
 * one), then AES-GCM with no await per value: open-all opens a page of 100 this way. Within a run the
 * scope's AAD bytes and the key id's hex are reused; each value still binds its own blob's key id.
 * Exact bytes already opened under a still-cached key come from `keys.opened` (opened-values.ts).
 */
export const openValues = async (
  keys: DataKeys,
  sealed: readonly { readonly binding: ValueBinding; readonly blob: Uint8Array }[],
): Promise<string[]> => {
  const opened: string[] = [];
  let run: Run | undefined;
  for (const { binding, blob } of sealed) {
    const id = openedValueId(binding, blob);
    const known = keys.opened.get(id);
    if (known !== undefined) {
      opened.push(known);
      continue;
    }
    const parts = decodeBlob(blob);
    if (!run || !sameContext(run.binding, binding) || !run.wrapped.equals(parts.wrappedKey)) {
      const { orgId, projectId, app } = binding;
      const { key, expiresAt } = await keys.unwrapEntry(
        parts.wrappedKey,
        keyContextFor(orgId, projectId, app),
      );
      run = {
        binding,
        wrapped: parts.wrappedKey,
        key,
        expiresAt,
        aad: run && sameContext(run.binding, binding) ? run.aad : valueAadFor(orgId, projectId, app),
        keyId: parts.keyId,
        keyIdHex: parts.keyId.toString('hex'),
      };
    }
    const keyIdHex = run.keyId.equals(parts.keyId) ? run.keyIdHex : parts.keyId.toString('hex');
    const value = gcmOpen(run.key, parts, run.aad(binding.secret, binding.version, keyIdHex)).toString(
      'utf8',
    );
    keys.opened.set(id, value, run.expiresAt);
    opened.push(value);
  }
  return opened;
};

interface Run {
  readonly binding: ValueBinding;
  readonly wrapped: Buffer;
  readonly key: Buffer;
  readonly expiresAt: number;
  readonly aad: ReturnType<typeof valueAadFor>;
  readonly keyId: Buffer;
  readonly keyIdHex: string;
}

const sameContext = (a: ValueBinding, b: ValueBinding) =>
  a.orgId === b.orgId && a.projectId === b.projectId && a.app === b.app;

/** Opens one stored blob (see openValues). */
export const openValue = async (keys: DataKeys, binding: ValueBinding, blob: Uint8Array): Promise<string> =>
  (await openValues(keys, [{ binding, blob }]))[0] as string;
