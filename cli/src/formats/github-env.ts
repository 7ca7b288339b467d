import { randomBytes } from 'node:crypto';
import { cannotHold, checkEnvName, type Serializer } from './types.js';

/**
 * Lines to append to $GITHUB_ENV. Every value uses the heredoc form `NAME<<DELIM` with a random
 * delimiter, as GitHub advises, so no value can end the block early or inject another variable.
 * The runner splits lines on CR as well as LF, so a carriage return cannot survive and is refused.
 */
export const githubEnv: Serializer = (secrets) =>
  secrets
    .map(({ name, value }) => {
      checkEnvName('github-env', name);
      if (value.includes('\r'))
        throw cannotHold('github-env', name, 'GITHUB_ENV cannot hold a carriage return');
      let delim: string;
      do delim = `ghadelimiter_${randomBytes(12).toString('hex')}`;
      while (value.includes(delim));
      return `${name}<<${delim}\n${value}\n${delim}\n`;
    })
    .join('');
