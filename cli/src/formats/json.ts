import type { Serializer } from './types.js';

/** A JSON object of name to value; JSON escapes every character it must. */
export const json: Serializer = (secrets) =>
  `${JSON.stringify(Object.fromEntries(secrets.map((s) => [s.name, s.value])), null, 2)}\n`;
