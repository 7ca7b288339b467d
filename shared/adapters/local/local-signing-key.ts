import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { JWK } from 'jose';
import type { TokenSigningKey } from '../../domain/identity/access-tokens.js';

/** An ES256 (P-256) token-signing key kept as a private JWK in a file (mode 0600). */
export class LocalSigningKey implements TokenSigningKey {
  readonly kid: string;

  private constructor(private readonly key: KeyObject) {
    const pub = createPublicKey(key).export({ format: 'jwk' });
    // RFC 7638 thumbprint: a stable kid derived from the public key.
    this.kid = createHash('sha256')
      .update(JSON.stringify({ crv: pub.crv, kty: pub.kty, x: pub.x, y: pub.y }))
      .digest('base64url');
  }

  static fromJwk(jwk: JWK): LocalSigningKey {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d)
      throw new Error('token signing key must be a private P-256 JWK');
    return new LocalSigningKey(createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }));
  }

  static generate(): LocalSigningKey {
    return new LocalSigningKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  }

  async sign(signingInput: Buffer): Promise<Buffer> {
    return sign('sha256', signingInput, { key: this.key, dsaEncoding: 'ieee-p1363' });
  }

  async privateJwk(): Promise<JWK> {
    return this.key.export({ format: 'jwk' }) as JWK;
  }

  async publicJwk(): Promise<JWK> {
    const { kty, crv, x, y } = createPublicKey(this.key).export({ format: 'jwk' });
    return { kty, crv, x, y };
  }
}
