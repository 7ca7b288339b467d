import { CofferError } from '../errors.js';

/**
 * The one ciphertext format Coffer stores. Layout (version 1):
 *
 *   0      1 byte   format version (0x01)
 *   1     16 bytes  data key id
 *   17     2 bytes  length W of the wrapped data key (big-endian)
 *   19     W bytes  wrapped data key (KMS CiphertextBlob or local keyring wrapping)
 *   19+W  12 bytes  AES-GCM nonce
 *   31+W  N bytes   ciphertext (N >= 1)
 *   end   16 bytes  AES-GCM tag
 *
 * Carrying the wrapped key in every blob (as the AWS Encryption SDK's message header does) means a
 * read never needs a second lookup to find its key, and old keys stay usable without bookkeeping.
 */
export const BLOB_V1 = 0x01;
export const KEY_ID_BYTES = 16;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
const MAX_WRAPPED_BYTES = 1024;

export interface SealedBlob {
  readonly keyId: Buffer;
  readonly wrappedKey: Buffer;
  readonly nonce: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

export const encodeBlob = (b: SealedBlob): Buffer => {
  if (b.keyId.length !== KEY_ID_BYTES || b.nonce.length !== NONCE_BYTES || b.tag.length !== TAG_BYTES) {
    throw new CofferError('INTERNAL', 'refusing to encode a malformed ciphertext blob');
  }
  if (b.wrappedKey.length < 1 || b.wrappedKey.length > MAX_WRAPPED_BYTES) {
    throw new CofferError('INTERNAL', 'wrapped data key has an unsupported length');
  }
  const len = Buffer.alloc(2);
  len.writeUInt16BE(b.wrappedKey.length);
  return Buffer.concat([Buffer.from([BLOB_V1]), b.keyId, len, b.wrappedKey, b.nonce, b.ciphertext, b.tag]);
};

const corrupt = (why: string): CofferError =>
  new CofferError('INTEGRITY_CHECK_FAILED', `stored ciphertext is malformed (${why})`);

/** Parses a blob, rejecting anything malformed before the cipher is touched. */
export const decodeBlob = (raw: Uint8Array): SealedBlob => {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const fixed = 1 + KEY_ID_BYTES + 2;
  if (buf.length < fixed) throw corrupt('too short');
  if (buf[0] !== BLOB_V1) throw corrupt('unknown format version');
  const wrappedLen = buf.readUInt16BE(1 + KEY_ID_BYTES);
  if (wrappedLen < 1 || wrappedLen > MAX_WRAPPED_BYTES) throw corrupt('bad wrapped key length');
  const nonceAt = fixed + wrappedLen;
  const bodyAt = nonceAt + NONCE_BYTES;
  if (buf.length < bodyAt + 1 + TAG_BYTES) throw corrupt('truncated');
  return {
    keyId: buf.subarray(1, 1 + KEY_ID_BYTES),
    wrappedKey: buf.subarray(fixed, nonceAt),
    nonce: buf.subarray(nonceAt, bodyAt),
    ciphertext: buf.subarray(bodyAt, buf.length - TAG_BYTES),
    tag: buf.subarray(buf.length - TAG_BYTES),
  };
};
