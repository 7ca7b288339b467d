import { checkEnvName, type Serializer } from './types.js';

/**
 * `export NAME='value'` lines for `source file` in bash, zsh or any POSIX shell. Inside single quotes
 * nothing is special, so $, backticks, $(cmd), \ and newlines stay literal; a ' closes the quote,
 * adds an escaped quote and reopens: '\''.
 */
export const dotenvExport: Serializer = (secrets) =>
  secrets
    .map(({ name, value }) => {
      checkEnvName('dotenv-export', name);
      return `export ${name}='${value.replace(/'/g, `'\\''`)}'\n`;
    })
    .join('');
