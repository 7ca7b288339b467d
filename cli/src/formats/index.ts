import { CliError } from '../errors.js';
import { docker } from './docker.js';
import { dotenvExport } from './dotenv-export.js';
import { dotenv } from './dotenv.js';
import { githubEnv } from './github-env.js';
import { json } from './json.js';
import type { Serializer } from './types.js';
import { yaml } from './yaml.js';

export const FORMATS = {
  dotenv,
  'dotenv-export': dotenvExport,
  json,
  yaml,
  docker,
  'github-env': githubEnv,
} as const satisfies Record<string, Serializer>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

export const serializerFor = (name: string): Serializer => {
  if (!(name in FORMATS))
    throw new CliError('USAGE', `unknown format "${name}"`, `Use one of: ${FORMAT_NAMES.join(', ')}.`);
  return FORMATS[name as FormatName];
};
