import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { keyContextBytes, type KeyContext } from '../../domain/crypto/aad.js';
import { CofferError } from '../../domain/errors.js';
import type { KeyProvider } from '../../domain/ports.js';

const MASTER_KEY_BYTES = 32;
const WRAP_V1 = 0x4b; // 'K': distinguishes local wrappings from KMS ciphertext blobs in a dump
const NONCE = 12;
const TAG = 16;

/**
 * The local stand-in for KMS: a 256-bit master key in a file (mode 0600) wraps data keys with
 * AES-256-GCM, the encryption context as additional authenticated data. Wrapped form:
 * 0x4b | nonce(12) | encrypted key(32) | tag(16).
 */
export class LocalKeyring implements KeyProvider {
  private constructor(private readonly master: Buffer) {}

  /** Loads the master key, creating it on first start. A file of any other size is refused. */
  static async open(path: string): Promise<LocalKeyring> {
    let raw: Buffer;
    try {
      raw = await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      raw = randomBytes(MASTER_KEY_BYTES);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, raw, { mode: 0o600, flag: 'wx' });
      await chmod(path, 0o600);
    }
    return LocalKeyring.fromBytes(raw, path);
  }

  static fromBytes(raw: Buffer, source = 'master key'): LocalKeyring {
    if (raw.length !== MASTER_KEY_BYTES) {
      throw new Error(
        `${source} is ${raw.length} bytes; a Coffer master key is exactly ${MASTER_KEY_BYTES} bytes. ` +
          'Restore the original file: without it no stored secret can be decrypted.',
      );
    }
    return new LocalKeyring(Buffer.from(raw));
  }

  async generateDataKey(context: KeyContext) {
    const plaintext = randomBytes(32);
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv('aes-256-gcm', this.master, nonce);
    cipher.setAAD(keyContextBytes(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, wrapped: Buffer.concat([Buffer.from([WRAP_V1]), nonce, body, cipher.getAuthTag()]) };
  }

  async decryptDataKey(wrapped: Uint8Array, context: KeyContext): Promise<Buffer> {
    const buf = Buffer.from(wrapped);
    if (buf.length !== 1 + NONCE + 32 + TAG || buf[0] !== WRAP_V1) {
      throw new CofferError('INTEGRITY_CHECK_FAILED', 'wrapped data key is malformed');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.master, buf.subarray(1, 1 + NONCE));
      decipher.setAAD(keyContextBytes(context));
      decipher.setAuthTag(buf.subarray(buf.length - TAG));
      return Buffer.concat([decipher.update(buf.subarray(1 + NONCE, buf.length - TAG)), decipher.final()]);
    } catch (cause) {
      throw new CofferError('INTEGRITY_CHECK_FAILED', 'data key does not belong to this context', { cause });
    }
  }
}
