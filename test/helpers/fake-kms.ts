import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import {
  DecryptCommand,
  GenerateDataKeyCommand,
  GetPublicKeyCommand,
  InvalidCiphertextException,
  KMSClient,
  SignCommand,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * KMS through aws-sdk-client-mock (KMS has no local stand-in), with KMS's semantics where Coffer
 * relies on them: a data key only decrypts under the encryption context it was generated with, and
 * Sign returns a DER ECDSA signature from a P-256 key whose SPKI GetPublicKey returns.
 */
export const fakeKms = () => {
  const mock = mockClient(KMSClient);
  const issued = new Map<string, { plaintext: Buffer; context: string }>();
  const signer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const calls = { generate: 0, decrypt: 0, sign: 0 };

  mock.on(GenerateDataKeyCommand).callsFake(async (input: { EncryptionContext?: Record<string, string> }) => {
    calls.generate++;
    const plaintext = randomBytes(32);
    const blob = randomBytes(184); // the size of a real KMS CiphertextBlob for a 256-bit key
    issued.set(blob.toString('base64'), {
      plaintext,
      context: JSON.stringify(input.EncryptionContext ?? {}),
    });
    return {
      Plaintext: new Uint8Array(plaintext),
      CiphertextBlob: new Uint8Array(blob),
      KeyId: 'arn:aws:kms:eu-west-1:111122223333:key/test',
    };
  });
  mock
    .on(DecryptCommand)
    .callsFake(async (input: { CiphertextBlob?: Uint8Array; EncryptionContext?: Record<string, string> }) => {
      calls.decrypt++;
      const hit = issued.get(Buffer.from(input.CiphertextBlob ?? []).toString('base64'));
      if (!hit || hit.context !== JSON.stringify(input.EncryptionContext ?? {})) {
        throw new InvalidCiphertextException({ message: 'invalid ciphertext', $metadata: {} });
      }
      return { Plaintext: new Uint8Array(hit.plaintext) };
    });
  mock.on(SignCommand).callsFake(async (input: { Message?: Uint8Array }) => {
    calls.sign++;
    return { Signature: new Uint8Array(sign('sha256', Buffer.from(input.Message ?? []), signer.privateKey)) };
  });
  mock.on(GetPublicKeyCommand).resolves({
    PublicKey: new Uint8Array(signer.publicKey.export({ format: 'der', type: 'spki' })),
  });
  return { mock, calls, issued };
};
