/**
 * An in-memory cache's key built from text fields and bytes: each field as `length:text`, then the
 * bytes as Latin-1 (one character a byte) behind their length. The length prefixes keep different
 * tuples apart (`p`,`ab` against `pa`,`b`). A string, not a hash: building it costs less than the
 * work a hit saves (a KMS call, an AES-GCM open), and equality is exact.
 */
export const cacheKey = (fields: readonly string[], bytes: Uint8Array): string => {
  let key = '';
  for (const f of fields) key += `${f.length}:${f}`;
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return `${key}${latin1.length}:${latin1}`;
};
