import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KeyContext } from '../../domain/crypto/aad.js';
import { CofferError } from '../../domain/errors.js';
import type { KeyProvider } from '../../domain/ports.js';

const THROTTLED = new Set([
  'ThrottlingException',
  'LimitExceededException',
  'KMSInternalException',
  'DependencyTimeoutException',
]);
const KEY_UNUSABLE = new Set([
  'DisabledException',
  'KMSInvalidStateException',
  'KeyUnavailableException',
  'NotFoundException',
]);
const INTEGRITY = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);

/** Translates KMS failures into domain errors; the KMS error travels on as `cause`. */
const translate = (e: unknown): never => {
  const name = (e as { name?: string })?.name ?? '';
  if (THROTTLED.has(name)) {
    throw new CofferError('KEY_SERVICE_THROTTLED', 'the key service is throttling requests; retry shortly', {
      cause: e,
    });
  }
  if (KEY_UNUSABLE.has(name)) {
    throw new CofferError(
      'KEY_UNAVAILABLE',
      'the KMS key that protects these secrets is disabled, pending deletion or unavailable; an administrator must re-enable it',
      { cause: e },
    );
  }
  if (INTEGRITY.has(name)) {
    throw new CofferError(
      'INTEGRITY_CHECK_FAILED',
      'the data key does not belong to this app or was altered',
      { cause: e },
    );
  }
  if (name === 'AccessDeniedException') {
    throw new CofferError(
      'KEY_UNAVAILABLE',
      'Coffer is not allowed to use its KMS key; check the key policy',
      { cause: e },
    );
  }
  throw new CofferError('KEY_UNAVAILABLE', 'the key service failed', { cause: e });
};

/** Data keys from AWS KMS, bound to Coffer's encryption context. */
export class KmsKeyProvider implements KeyProvider {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async generateDataKey(context: KeyContext) {
    const out = await this.kms
      .send(
        new GenerateDataKeyCommand({
          KeyId: this.keyId,
          KeySpec: 'AES_256',
          EncryptionContext: { ...context },
        }),
      )
      .catch(translate);
    if (!out.Plaintext || out.Plaintext.length !== 32 || !out.CiphertextBlob) {
      throw new CofferError('KEY_UNAVAILABLE', 'the key service returned an unusable data key');
    }
    return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) };
  }

  async decryptDataKey(wrapped: Uint8Array, context: KeyContext): Promise<Buffer> {
    const out = await this.kms
      .send(
        new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: wrapped, EncryptionContext: { ...context } }),
      )
      .catch(translate);
    if (!out.Plaintext || out.Plaintext.length !== 32) {
      throw new CofferError(
        'INTEGRITY_CHECK_FAILED',
        'the key service returned a data key of the wrong size',
      );
    }
    return Buffer.from(out.Plaintext);
  }
}
