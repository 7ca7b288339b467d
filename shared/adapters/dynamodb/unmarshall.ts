import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB attribute values to plain JavaScript, with the same answers as `@aws-sdk/util-dynamodb`'s
 * `unmarshall` under its default options (numbers as numbers, or BigInt past the safe range; sets as
 * Sets), except that a key named `__proto__` is kept as data (util-dynamodb assigns it, which
 * replaces the object's prototype). Ours because an open-all turns a page of 100 items into objects
 * on the read's critical path, and util-dynamodb's general converter (an entries array, a type
 * switch over a list of tags and a closure per attribute) costs several microseconds an item. The
 * test checks both agree.
 */
export const unmarshallItem = (item: Record<string, AttributeValue>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const k in item) {
    const value = toNative(item[k] as AttributeValue);
    // An attribute or map key named __proto__ stays data: assigning it would replace the prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    else out[k] = value;
  }
  return out;
};

const toNative = (av: AttributeValue): unknown => {
  if (av.S !== undefined) return av.S;
  if (av.N !== undefined) return toNumber(av.N);
  if (av.B !== undefined) return av.B;
  if (av.M !== undefined) return unmarshallItem(av.M);
  if (av.BOOL !== undefined) return av.BOOL;
  if (av.NULL !== undefined) return null;
  if (av.L !== undefined) return av.L.map(toNative);
  if (av.SS !== undefined) return new Set(av.SS);
  if (av.NS !== undefined) return new Set(av.NS.map(toNumber));
  if (av.BS !== undefined) return new Set(av.BS);
  throw new Error(`unsupported DynamoDB attribute value: ${Object.keys(av).join(', ') || 'empty'}`);
};

const toNumber = (n: string): number | bigint => {
  const num = Number(n);
  if (num <= Number.MAX_SAFE_INTEGER && num >= Number.MIN_SAFE_INTEGER) return num;
  if (num === Infinity || num === -Infinity || Number.isNaN(num)) return num;
  try {
    return BigInt(n);
  } catch {
    throw new Error(`${n} can't be converted to BigInt. Set options.wrapNumbers to get string value.`);
  }
};
