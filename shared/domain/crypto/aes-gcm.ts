import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CofferError } from '../errors.js';
import { NONCE_BYTES, TAG_BYTES } from './blob.js';

/** AES-256-GCM with a fresh random 96-bit nonce per message. */
export const KEY_BYTES = 32;

const assertKey = (key: Uint8Array): void => {
  // Never let a short or empty key fall through to a weaker cipher or a zero key.
  if (key.length !== KEY_BYTES) throw new CofferError('INTERNAL', 'data key must be exactly 32 bytes');
};

export const gcmSeal = (key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array) => {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
};

/** Opens or throws INTEGRITY_CHECK_FAILED; a wrong key, nonce, AAD or tag never yields bytes. */
export const gcmOpen = (
  key: Uint8Array,
  parts: { nonce: Uint8Array; ciphertext: Uint8Array; tag: Uint8Array },
  aad: Uint8Array,
): Buffer => {
  assertKey(key);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(parts.tag);
    const plaintext = decipher.update(parts.ciphertext);
    const rest = decipher.final(); // empty for GCM, which is a stream cipher; checks the tag
    return rest.length === 0 ? plaintext : Buffer.concat([plaintext, rest]);
  } catch (cause) {
    throw new CofferError('INTEGRITY_CHECK_FAILED', 'ciphertext failed its integrity check', { cause });
  }
};
