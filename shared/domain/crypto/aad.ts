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

/** Any UTF-16 code unit past ASCII (surrogates included). */
const NON_ASCII = /[\u0080-\uffff]/;

/** A field's 4-byte big-endian length as four Latin-1 characters. */
const lengthChars = (n: number): string =>
  String.fromCharCode((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/**
 * `label`, then each field as a 4-byte big-endian length and its UTF-8 bytes. An open-all computes
 * this for every secret it returns, so the common case (every field ASCII, where UTF-8 and Latin-1
 * bytes agree and lengths are string lengths) is one string and one native encode.
 */
const encodeFields = (label: string, fields: readonly string[]): Buffer => {
  if (!NON_ASCII.test(label) && !fields.some((f) => NON_ASCII.test(f))) {
    let out = label;
    for (const f of fields) out += lengthChars(f.length) + f;
    return Buffer.from(out, 'latin1');
  }
  let size = Buffer.byteLength(label, 'utf8');
  for (const field of fields) size += 4 + Buffer.byteLength(field, 'utf8');
  const out = Buffer.allocUnsafe(size);
  let at = out.write(label, 0, 'utf8');
  for (const field of fields) {
    at = out.writeUInt32BE(Buffer.byteLength(field, 'utf8'), at);
    at += out.write(field, at, 'utf8');
  }
  return out;
};

const VALUE_LABEL = 'coffer/value/v1';

/**
 * The AAD encoder for the values of one app: its label and three scope fields are encoded once, so
 * each of an open-all's values costs only its own three fields (name, version, key id).
 */
export const valueAadFor = (orgId: string, projectId: string, app: string) => {
  const prefix = encodeFields(VALUE_LABEL, [orgId, projectId, app]);
  return (secret: string, version: number, keyId: string): Buffer => {
    const v = String(version);
    if (NON_ASCII.test(secret) || NON_ASCII.test(keyId)) {
      return Buffer.concat([prefix, encodeFields('', [secret, v, keyId])]);
    }
    const tail =
      lengthChars(secret.length) + secret + lengthChars(v.length) + v + lengthChars(keyId.length) + keyId;
    const out = Buffer.allocUnsafe(prefix.length + tail.length);
    prefix.copy(out, 0);
    out.write(tail, prefix.length, 'latin1');
    return out;
  };
};

/** Additional authenticated data for one secret value. */
export const valueAad = (b: ValueBinding, keyId: string): Buffer =>
  valueAadFor(b.orgId, b.projectId, b.app)(b.secret, b.version, keyId);

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
