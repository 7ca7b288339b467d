import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { unmarshallItem } from '../../shared/adapters/dynamodb/unmarshall.js';

type Av = Record<string, AttributeValue>;

// Items in DynamoDB's wire form, read back by the official converter and by ours.
const items: { name: string; item: Av }[] = [
  {
    name: 'a secret head as the table stores it',
    item: {
      pk: { S: 'O#o#P#p#A#app' },
      sk: { S: 'S#DB_PASSWORD' },
      version: { N: '7' },
      blob: { B: new Uint8Array([1, 2, 3, 255]) },
      created_by: { M: { id: { S: 'u1' }, type: { S: 'USER' }, name: { S: 'Ada' } } },
      sync_status: { M: { gh: { M: { status: { S: 'SYNCED' }, updated_at: { S: 't' } } } } },
      deleted: { BOOL: false },
      note: { NULL: true },
    },
  },
  {
    name: 'numbers: integers, decimals, negative, exponent, past the safe range',
    item: {
      a: { N: '0' },
      b: { N: '-12.5' },
      c: { N: '1e3' },
      d: { N: '9007199254740991' },
      e: { N: '9007199254740993' },
      f: { N: '-9007199254740993' },
    },
  },
  {
    name: 'lists and sets',
    item: {
      l: { L: [{ S: 'x' }, { N: '2' }, { L: [{ BOOL: true }] }, { M: { k: { S: 'v' } } }] },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2.5'] },
      bs: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
      empty: { M: {} },
    },
  },
];

describe('unmarshallItem', () => {
  it.each(items)('reads $name exactly as util-dynamodb does', ({ item }) => {
    expect(unmarshallItem(item)).toStrictEqual(unmarshall(item));
  });

  it('returns BigInt past the safe range, as util-dynamodb does', () => {
    expect(unmarshallItem({ n: { N: '12345678901234567890' } }).n).toBe(12345678901234567890n);
  });

  it('refuses a number neither form can hold, with util-dynamodb’s message', () => {
    const item = { n: { N: '1.5e300' } };
    expect(() => unmarshall(item)).toThrow(/can't be converted to BigInt/);
    expect(() => unmarshallItem(item)).toThrow(/can't be converted to BigInt/);
  });

  it('keeps a key named __proto__ as data, never as the prototype', () => {
    // JSON.parse, as the client reads an answer, makes __proto__ an ordinary key.
    const item = JSON.parse('{"m":{"M":{"__proto__":{"M":{"polluted":{"BOOL":true}}}}}}') as Av;
    const m = unmarshallItem(item).m as Record<string, unknown>;
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    expect(Object.keys(m)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(m, '__proto__')?.value).toEqual({ polluted: true });
    expect((m as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses an attribute value with no known type', () => {
    expect(() => unmarshallItem({ x: {} as AttributeValue })).toThrow(/unsupported DynamoDB attribute value/);
  });
});
