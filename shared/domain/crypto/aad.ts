/**
 * Canonical encodings of what a ciphertext is bound to. Each field is written as a 4-byte
 * big-endian length followed by its UTF-8 bytes, after a fixed label, so no two different
 * field tuples can encode to the same bytes (unlike naive joining with a separator).
 */
export interface ValueBinding {
  readonly orgId: string;
  readonly projectId: string;
  readonly app: string;
  readonly secret: string;
  readonly version: number;
}

const encodeFields = (label: string, fields: readonly string[]): Buffer => {
  const parts: Buffer[] = [Buffer.from(label, 'utf8')];
  for (const field of fields) {
    const bytes = Buffer.from(field, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    parts.push(len, bytes);
  }
  return Buffer.concat(parts);
};

/** Additional authenticated data for one secret value. */
export const valueAad = (b: ValueBinding, keyId: string): Buffer =>
  encodeFields('coffer/value/v1', [b.orgId, b.projectId, b.app, b.secret, String(b.version), keyId]);

/**
 * Encryption context for an app's data key. With KMS it is passed as `EncryptionContext` (and the
 * key policy can require its keys); with the local keyring it is the AAD of the wrapping.
 */
export type KeyContext = Readonly<Record<'coffer:org' | 'coffer:project' | 'coffer:app', string>>;

export const keyContextFor = (orgId: string, projectId: string, app: string): KeyContext => ({
  'coffer:org': orgId,
  'coffer:project': projectId,
  'coffer:app': app,
});

/** Canonical bytes of a key context, in a fixed key order. */
export const keyContextBytes = (ctx: KeyContext): Buffer =>
  encodeFields('coffer/key-context/v1', [ctx['coffer:org'], ctx['coffer:project'], ctx['coffer:app']]);
