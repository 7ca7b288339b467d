import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { FORMAT_NAMES, serializerFor } from '../formats/index.js';
import { contextOf, examples } from './common.js';
import { secretsFor, valueOptions, type ValueFlags } from './run.js';

interface ExportFlags extends ValueFlags {
  format: string;
  file?: string;
}

/**
 * Serializes first and writes after, so a value the format cannot hold leaves no file (or a
 * truncated stdout) behind; a --file is written aside and renamed into place, mode 0600.
 */
const exportSecrets = async (f: ExportFlags, cmd: Command) => {
  const ctx = contextOf(cmd);
  const serialize = serializerFor(f.format);
  const secrets = await secretsFor(ctx, f);
  const text = serialize(secrets);
  if (!f.file) return void process.stdout.write(text);
  const target = resolve(f.file);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new CliError('USAGE', `cannot write ${target}: ${(e as Error).message}`);
  }
  ctx.notice(`Wrote ${secrets.length} secrets to ${target} (${f.format}).`);
};

export const exportCommand = (secrets: Command) =>
  valueOptions(
    secrets
      .command('export')
      .description('Print (or write) all secrets of an app in a file format')
      .requiredOption('--format <format>', `one of ${FORMAT_NAMES.join(', ')}`)
      .option('--file <path>', 'write to this file (0600) instead of stdout'),
  )
    .addHelpText(
      'after',
      '\nFormats: dotenv (the dotenv package), dotenv-export (`source` in bash/zsh/sh), json, yaml,\n' +
        'docker (--env-file; single-line values only), github-env (append to $GITHUB_ENV).\n' +
        'A value a format cannot hold is refused with the secret named, and nothing is written.\n' +
        examples(
          'coffer secrets export --app web --format dotenv --file .env',
          'source <(coffer secrets export --app web --format dotenv-export)',
          'coffer secrets export --app web --format github-env >> "$GITHUB_ENV"',
          'coffer secrets export --app web --format json | jq -r .API_KEY',
        ),
    )
    .action(exportSecrets);
