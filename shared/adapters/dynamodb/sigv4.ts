import { createHash, createHmac } from 'node:crypto';

/** AWS credentials as the standard provider chain returns them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * Signature Version 4 for a POST to `/` with a JSON body: the one shape the DynamoDB JSON protocol
 * uses, so the canonical request needs no query string or path encoding. The derived signing key
 * (four HMACs) is kept for its day, as the SDK's signer does; per request that leaves two hashes and
 * one HMAC. Cross-checked against the SDK's own signer in test/adapters/dynamodb-http.test.ts.
 */
export class SigV4 {
  private cached: { scope: string; secret: string; key: Buffer } | undefined;

  constructor(
    private readonly region: string,
    private readonly service: string,
  ) {}

  /** The headers to add: x-amz-date, x-amz-security-token (with a session) and authorization. */
  sign(
    credentials: AwsCredentials,
    host: string,
    headers: Readonly<Record<string, string>>,
    body: string,
    now: Date,
  ): Record<string, string> {
    const amzDate = now.toISOString().replace(/[:-]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${this.region}/${this.service}/aws4_request`;
    const all: Record<string, string> = {
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()])),
      host,
      'x-amz-date': amzDate,
      ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
    };
    const names = Object.keys(all).sort();
    const signedHeaders = names.join(';');
    const canonical = [
      'POST',
      '/',
      '',
      ...names.map((n) => `${n}:${all[n]}`),
      '',
      signedHeaders,
      sha256Hex(body),
    ].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
    const signature = createHmac('sha256', this.signingKey(credentials.secretAccessKey, scope, day))
      .update(toSign)
      .digest('hex');
    return {
      'x-amz-date': amzDate,
      ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
      authorization:
        `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
        `SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
  }

  private signingKey(secret: string, scope: string, day: string): Buffer {
    const c = this.cached;
    if (c && c.scope === scope && c.secret === secret) return c.key;
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), this.region), this.service), 'aws4_request');
    this.cached = { scope, secret, key };
    return key;
  }
}
