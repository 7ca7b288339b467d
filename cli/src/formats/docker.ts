import { cannotHold, checkEnvName, type Serializer } from './types.js';

/**
 * Docker's `--env-file`: `NAME=value` per line, the value taken literally to the end of the line
 * (no quotes, no escapes). It cannot hold a line break, so such a value is refused.
 */
export const docker: Serializer = (secrets) =>
  secrets
    .map(({ name, value }) => {
      checkEnvName('docker', name);
      if (/[\r\n]/.test(value))
        throw cannotHold('docker', name, 'docker env files cannot hold a multi-line value');
      return `${name}=${value}\n`;
    })
    .join('');
