import { cannotHold, checkEnvName, type Serializer } from './types.js';

/**
 * `.env` as the `dotenv` npm package (and most ports of it) reads it. That parser has no escape
 * sequences except \n and \r inside double quotes, and turns every CR into LF before parsing, so the
 * only lossless spellings are a quote character the value does not contain:
 *   '...'  raw, may span lines      (value has no ')
 *   `...`  raw, may span lines      (value has ', but no `)
 *   "..."  \n and \r are expanded   (value has ' and `, no ", and no backslash before n or r)
 * A value that fits none of them is refused rather than written wrongly.
 */
export const dotenv: Serializer = (secrets) =>
  secrets
    .map(({ name, value }) => {
      checkEnvName('dotenv', name);
      const hasCR = value.includes('\r');
      if (!hasCR && !value.includes("'")) return `${name}='${value}'`;
      if (!hasCR && !value.includes('`')) return `${name}=\`${value}\``;
      if (!value.includes('"') && !/\\[nr]/.test(value))
        return `${name}="${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
      throw cannotHold(
        'dotenv',
        name,
        hasCR
          ? 'the value has a carriage return that dotenv only keeps inside double quotes, and cannot go there'
          : 'the value holds all three quote characters (\', ", `), which dotenv cannot escape',
      );
    })
    .map((l) => `${l}\n`)
    .join('');
