import { DecryptCommand, GenerateDataKeyCommand, KMSClient, KMSServiceException } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { KmsKeyProvider } from '../../shared/adapters/aws/kms-key-provider.js';
import { keyContextFor } from '../../shared/domain/crypto/aad.js';
import { CofferError } from '../../shared/domain/errors.js';

const kmsError = (name: string) =>
  new KMSServiceException({ name, $fault: 'client', $metadata: {}, message: `${name} from KMS` });
const ctx = keyContextFor('org', 'proj', 'app');
const mock = mockClient(KMSClient);
afterEach(() => mock.reset());

describe('KMS key provider', () => {
  it('asks KMS for an AES-256 data key under Coffer’s encryption context', async () => {
    mock
      .on(GenerateDataKeyCommand)
      .resolves({ Plaintext: new Uint8Array(32).fill(7), CiphertextBlob: new Uint8Array([1, 2, 3]) });
    const provider = new KmsKeyProvider(new KMSClient({ region: 'eu-west-1' }), 'alias/coffer');
    const key = await provider.generateDataKey(ctx);
    expect(key.plaintext).toEqual(Buffer.alloc(32, 7));
    expect(key.wrapped).toEqual(Buffer.from([1, 2, 3]));
    expect(mock.commandCalls(GenerateDataKeyCommand)[0]?.args[0].input).toEqual({
      KeyId: 'alias/coffer',
      KeySpec: 'AES_256',
      EncryptionContext: { 'coffer:org': 'org', 'coffer:project': 'proj', 'coffer:app': 'app' },
    });
  });

  it('decrypts with the same encryption context and key id', async () => {
    mock.on(DecryptCommand).resolves({ Plaintext: new Uint8Array(32).fill(9) });
    const provider = new KmsKeyProvider(new KMSClient({ region: 'eu-west-1' }), 'alias/coffer');
    expect(await provider.decryptDataKey(new Uint8Array([5]), ctx)).toEqual(Buffer.alloc(32, 9));
    expect(mock.commandCalls(DecryptCommand)[0]?.args[0].input).toMatchObject({
      KeyId: 'alias/coffer',
      EncryptionContext: { ...ctx },
    });
  });

  it.each([
    ['ThrottlingException', 'KEY_SERVICE_THROTTLED', 'UNAVAILABLE', /throttling/],
    ['LimitExceededException', 'KEY_SERVICE_THROTTLED', 'UNAVAILABLE', /throttling/],
    ['DisabledException', 'KEY_UNAVAILABLE', 'UNAVAILABLE', /disabled, pending deletion or unavailable/],
    [
      'KMSInvalidStateException',
      'KEY_UNAVAILABLE',
      'UNAVAILABLE',
      /disabled, pending deletion or unavailable/,
    ],
    ['KeyUnavailableException', 'KEY_UNAVAILABLE', 'UNAVAILABLE', /unavailable/],
    ['AccessDeniedException', 'KEY_UNAVAILABLE', 'UNAVAILABLE', /key policy/],
    ['InvalidCiphertextException', 'INTEGRITY_CHECK_FAILED', 'DATA_LOSS', /altered/],
    ['IncorrectKeyException', 'INTEGRITY_CHECK_FAILED', 'DATA_LOSS', /altered/],
  ])('turns %s into %s', async (kmsName, code, category, message) => {
    mock.on(DecryptCommand).rejects(kmsError(kmsName));
    const provider = new KmsKeyProvider(
      new KMSClient({ region: 'eu-west-1', maxAttempts: 1 }),
      'alias/coffer',
    );
    const err = await provider.decryptDataKey(new Uint8Array([1]), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CofferError);
    expect(err).toMatchObject({ code, category });
    expect((err as Error).message).toMatch(message);
    expect((err as Error & { cause: { name: string } }).cause.name).toBe(kmsName);
  });

  it('refuses a data key of the wrong size', async () => {
    mock
      .on(GenerateDataKeyCommand)
      .resolves({ Plaintext: new Uint8Array(16), CiphertextBlob: new Uint8Array([1]) });
    const provider = new KmsKeyProvider(new KMSClient({ region: 'eu-west-1' }), 'k');
    await expect(provider.generateDataKey(ctx)).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE' });
  });
});
