import { CliError } from '../errors.js';

export interface NamedValue {
  name: string;
  value: string;
}

/** A serializer turns secrets into one file's text, or refuses: it never returns a lossy file. */
export type Serializer = (secrets: readonly NamedValue[]) => string;

export const cannotHold = (format: string, name: string, why: string): CliError =>
  new CliError(
    'FORMAT_CANNOT_HOLD',
    `format "${format}" cannot hold secret ${name}: ${why}; nothing was written`,
    'Choose a format that can (json, yaml and dotenv-export hold any value), or leave the secret out with --only.',
  );

/** Names every format here can carry as an environment variable. */
export const checkEnvName = (format: string, name: string): void => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw cannotHold(format, name, 'the name is not a valid environment variable name');
};
