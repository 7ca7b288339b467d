import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Item sizes and capacity units by DynamoDB's published rules, to check the units the embedded
 * server reports through ReturnConsumedCapacity:
 * - strings: UTF-8 bytes; binary: raw bytes; numbers: 1 byte per two significant digits + 1;
 *   booleans and null: 1 byte; every attribute name counts its UTF-8 bytes;
 * - lists and maps: 3 bytes plus 1 byte per element (plus each map key's bytes).
 * Reads cost 1 unit per 4 KB (strongly consistent; half that eventually consistent), a Query
 * rounds the sum of the items it reads; writes cost 1 unit per 1 KB of the larger of old and new item.
 */
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

const numberSize = (n: string): number => {
  const digits = n
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '');
  const significant = digits.replace(/0+$/, '').length || 1;
  return Math.ceil(significant / 2) + 1;
};

export const valueSize = (v: AttributeValue): number => {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) return v.SS.reduce((a, s) => a + utf8(s), 0);
  if (v.NS !== undefined) return v.NS.reduce((a, n) => a + numberSize(n), 0);
  if (v.BS !== undefined) return v.BS.reduce((a, b) => a + b.byteLength, 0);
  if (v.L !== undefined) return 3 + v.L.reduce((a, e) => a + 1 + valueSize(e), 0);
  if (v.M !== undefined)
    return 3 + Object.entries(v.M).reduce((a, [k, e]) => a + 1 + utf8(k) + valueSize(e), 0);
  return 0;
};

export const itemSize = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((a, [k, v]) => a + utf8(k) + valueSize(v), 0);

export const readUnits = (totalBytes: number, consistent: boolean): number => {
  const units = Math.max(1, Math.ceil(totalBytes / 4096));
  return consistent ? units : units / 2;
};

export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
