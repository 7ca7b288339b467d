import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { ok } from '../api/client.js';
import { requireApp, resolveScope } from '../api/scope.js';
import { connect } from '../auth/session.js';
import { CliError } from '../errors.js';
import type { NamedValue } from '../formats/types.js';
import { readStdin } from '../input.js';
import { withSpinner } from '../spinner.js';
import { appPath, contextOf, examples } from './common.js';

/** The server takes at most this many secrets per batch write. */
const BATCH = 100;

const parseFile = async (text: string, format: string, file: string): Promise<NamedValue[]> => {
  const { parse: parseDotenv } = await import('dotenv');
  let obj: unknown;
  try {
    obj = format === 'json' ? JSON.parse(text) : format === 'yaml' ? parseYaml(text) : parseDotenv(text);
  } catch (e) {
    throw new CliError('USAGE', `${file} is not valid ${format}: ${(e as Error).message}`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    throw new CliError('USAGE', `${file} must hold a mapping of NAME to value`);
  return Object.entries(obj).map(([name, value]) => {
    if (typeof value !== 'string')
      throw new CliError(
        'USAGE',
        `${file}: ${name} is not a string`,
        'Quote it, so the file says exactly which characters you mean.',
      );
    return { name, value };
  });
};

const formatOf = (file: string, given?: string) => {
  if (given) return given;
  const ext = extname(file).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : 'dotenv';
};

export const importCommand = (secrets: Command) =>
  secrets
    .command('import')
    .description('Write every NAME=value of a file (.env, JSON or YAML) as secrets')
    .argument('<file>', 'the file; - for stdin')
    .option('--format <format>', 'dotenv, json or yaml (default: from the file extension)')
    .option('--overwrite', 'write new versions of secrets that exist (otherwise the import stops)')
    .addHelpText(
      'after',
      examples(
        'coffer secrets import .env --app web',
        'coffer secrets import secrets.json --app web --overwrite',
      ),
    )
    .action(async (file: string, f: { format?: string; overwrite?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const format = formatOf(file, f.format);
      if (!['dotenv', 'json', 'yaml'].includes(format))
        throw new CliError('USAGE', `cannot import format "${format}"`, 'Use dotenv, json or yaml.');
      const text = await (file === '-' ? readStdin() : readFile(file, 'utf8')).catch((e: Error) => {
        throw new CliError('USAGE', `cannot read ${file}: ${e.message}`);
      });
      const entries = await parseFile(text, format, file);
      if (entries.length === 0) throw new CliError('USAGE', `${file} holds no secrets`);
      const app = requireApp(ctx);
      const { api } = await connect(ctx);
      const path = appPath(await resolveScope(ctx, api), app);
      await withSpinner(ctx, `Importing ${entries.length} secrets`, async (update) => {
        for (let i = 0; i < entries.length; i += BATCH) {
          update(`Importing secrets ${i + 1}-${Math.min(i + BATCH, entries.length)} of ${entries.length}`);
          await ok(
            api.POST(
              '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}/secret/kv:batch',
              {
                params: { path },
                body: { secrets: entries.slice(i, i + BATCH), conflicts: f.overwrite ? 'UPDATE' : 'FAIL' },
              },
            ),
            `importing secrets ${i + 1}-${Math.min(i + BATCH, entries.length)}`,
          );
        }
      });
      ctx.notice(`Imported ${entries.length} secrets into ${app}.`);
    });
