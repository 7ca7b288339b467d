import { describe, expect, it } from 'vitest';
import { formatEnv, parseEnv, reviewImport } from '../../portal/src/env-file.js';

describe('parseEnv reads .env files the way dotenv does, without expanding $', () => {
  it.each([
    ['plain', 'A=1', { A: '1' }],
    ['export prefix and spaces', 'export  B = two ', { B: 'two' }],
    ['inline comment after whitespace', 'C=abc # note', { C: 'abc' }],
    ['# inside an unquoted value', 'D=abc#def', { D: 'abc#def' }],
    ['single quotes are literal', "E='a $HOME \\n # b'", { E: 'a $HOME \\n # b' }],
    ['double quotes take escapes', 'F="line1\\nline2 \\"q\\" $X"', { F: 'line1\nline2 "q" $X' }],
    [
      'multi-line double quotes',
      'G="-----BEGIN KEY-----\nabc\n-----END KEY-----"',
      { G: '-----BEGIN KEY-----\nabc\n-----END KEY-----' },
    ],
    [
      'multi-line single quotes with #',
      "H='a\n# not a comment\nb' # comment",
      { H: 'a\n# not a comment\nb' },
    ],
    ['comments and blank lines', '# top\n\nI=1\r\n  # indented\nJ=2', { I: '1', J: '2' }],
    ['dollar kept', 'K=$OTHER${X}', { K: '$OTHER${X}' }],
  ])('%s', (_name, text, expected) => {
    const { entries, problems } = parseEnv(text);
    expect(problems).toEqual([]);
    expect(Object.fromEntries(entries.map((e) => [e.name, e.value]))).toEqual(expected);
  });

  it.each([
    ['no equals sign', 'JUSTAWORD', 1, 'not a NAME=value line'],
    ['unclosed quote', 'A="open\nB=2', 1, 'A: the " quote is never closed'],
    ['text after the quote', "A='x' y", 1, 'A: unexpected text after the closing quote'],
  ])('reports %s with its line', (_name, text, line, message) => {
    expect(parseEnv(text).problems).toEqual([{ line, message }]);
  });

  it('formatEnv writes what parseEnv reads back unchanged', () => {
    const secrets = [
      { name: 'A', value: 'simple' },
      { name: 'B', value: 'with "quotes" and \\ and $X # hash' },
      { name: 'C', value: 'multi\nline\r\nvalue' },
    ];
    expect(parseEnv(formatEnv(secrets)).entries.map(({ name, value }) => ({ name, value }))).toEqual(secrets);
  });
});

describe('reviewImport says what an import would do before anything is written', () => {
  it('classifies every line', () => {
    const { entries } = parseEnv(
      [
        'NEW=1',
        'SAME=x',
        'DIFF=new',
        '1BAD=x',
        'EMPTY=',
        `BIG=${'x'.repeat(64 * 1024 + 1)}`,
        'TWICE=a',
        'TWICE=b',
      ].join('\n'),
    );
    const current = new Map([
      ['SAME', 'x'],
      ['DIFF', 'old'],
      ['TWICE', 'b'],
    ]);
    expect(reviewImport(entries, current).map((r) => [r.name, r.change, r.reason])).toEqual([
      ['NEW', 'create', undefined],
      ['SAME', 'unchanged', undefined],
      ['DIFF', 'change', undefined],
      ['1BAD', 'refused', 'invalid name (A-Z, a-z, 0-9, _; not starting with a digit)'],
      ['EMPTY', 'refused', 'empty value'],
      ['BIG', 'refused', 'value larger than 64 KiB'],
      ['TWICE', 'refused', 'set again on a later line'],
      ['TWICE', 'unchanged', undefined],
    ]);
  });
});
