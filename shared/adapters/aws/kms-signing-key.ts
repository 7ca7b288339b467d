import { createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { JWK } from 'jose';
import type { TokenSigningKey } from '../../domain/identity/access-tokens.js';
import { CofferError } from '../../domain/errors.js';

/**
 * Signs access tokens with an asymmetric KMS key (ECC_NIST_P256), so the private key never leaves
 * KMS: it is not in the table, the environment or the bundle.
 */
export class KmsSigningKey implements TokenSigningKey {
  #jwk: Promise<JWK> | undefined;

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
    readonly kid: string,
  ) {}

  async sign(signingInput: Buffer): Promise<Buffer> {
    const out = await this.kms
      .send(
        new SignCommand({
          KeyId: this.keyId,
          Message: signingInput,
          MessageType: 'RAW',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      )
      .catch((e: unknown) => {
        throw new CofferError('KEY_UNAVAILABLE', 'the token signing key is unavailable', { cause: e });
      });
    if (!out.Signature)
      throw new CofferError('KEY_UNAVAILABLE', 'the token signing key returned no signature');
    return derToJose(Buffer.from(out.Signature));
  }

  publicJwk(): Promise<JWK> {
    this.#jwk ??= this.kms.send(new GetPublicKeyCommand({ KeyId: this.keyId })).then((out) => {
      const { kty, crv, x, y } = createPublicKey({
        key: Buffer.from(out.PublicKey ?? []),
        format: 'der',
        type: 'spki',
      }).export({
        format: 'jwk',
      });
      return { kty, crv, x, y };
    });
    return this.#jwk;
  }
}

/** KMS returns an ASN.1 DER ECDSA signature; JWS wants the fixed-size R||S form (RFC 7518 §3.4). */
export const derToJose = (der: Buffer): Buffer => {
  let i = 0;
  const expect = (byte: number) => {
    if (der[i++] !== byte) throw new CofferError('INTERNAL', 'malformed ECDSA signature');
  };
  const readLen = () => {
    let len = der[i++] ?? 0;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let j = 0; j < n; j++) len = (len << 8) | (der[i++] ?? 0);
    }
    return len;
  };
  const readInt = () => {
    expect(0x02);
    const len = readLen();
    let int = der.subarray(i, i + len);
    i += len;
    while (int.length > 32 && int[0] === 0) int = int.subarray(1);
    if (int.length > 32) throw new CofferError('INTERNAL', 'malformed ECDSA signature');
    return Buffer.concat([Buffer.alloc(32 - int.length), int]);
  };
  expect(0x30);
  readLen();
  return Buffer.concat([readInt(), readInt()]);
};
