import { stringify } from 'yaml';
import type { Serializer } from './types.js';

/**
 * A YAML mapping of name to string. The `yaml` library picks a quoting style per value; every value
 * is forced to a string scalar so "true", "0755" or "~" never come back as another type.
 */
export const yaml: Serializer = (secrets) => {
  const doc = Object.fromEntries(secrets.map((s) => [s.name, s.value]));
  return stringify(doc, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
};
