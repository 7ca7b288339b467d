import { rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { runChild } from '../child.js';
import type { Context } from '../context.js';
import { parseDuration } from '../duration.js';
import { CliError } from '../errors.js';
import { FORMAT_NAMES, serializerFor } from '../formats/index.js';
import { maskForActions } from '../mask.js';
import { mergeApps } from '../merge.js';
import { fetchAppValues } from '../values.js';
import { collect, contextOf, examples } from './common.js';

export interface ValueFlags {
  only?: string[];
  ordered?: boolean;
  offline?: boolean;
  maxStale: string;
}

/** The merged secrets of the apps named with --app (or the context's app), from Coffer or the cache. */
export const secretsFor = async (ctx: Context, f: ValueFlags) => {
  const apps = ctx.apps;
  if (apps.length === 0)
    throw new CliError(
      'USAGE',
      'which app?',
      'Pass --app NAME (repeat for several), set COFFER_APP, or run `coffer init`.',
    );
  const values = await fetchAppValues(ctx, apps, {
    offline: !!f.offline,
    maxStaleMs: parseDuration(f.maxStale, '--max-stale'),
  });
  const secrets = mergeApps(apps, values, { ordered: !!f.ordered, only: f.only ?? [] });
  maskForActions(
    ctx,
    secrets.map((s) => s.value),
  );
  return secrets;
};

export const valueOptions = (cmd: Command): Command =>
  cmd
    .option('--only <name>', 'only this secret (repeatable)', collect)
    .option('--ordered', 'when apps share a name, the later --app wins (otherwise a clash is an error)')
    .option('--offline', 'use the offline copy without contacting Coffer')
    .option('--max-stale <duration>', 'oldest offline copy to accept when Coffer is unreachable', '24h');

interface RunFlags extends ValueFlags {
  shell?: boolean;
  mount?: string;
  format?: string;
}

const run = async (argv: string[], f: RunFlags, cmd: Command) => {
  const ctx = contextOf(cmd);
  if (f.mount && !f.format)
    throw new CliError('USAGE', '--mount needs --format', `One of: ${FORMAT_NAMES.join(', ')}.`);
  if (f.format && !f.mount) throw new CliError('USAGE', '--format goes with --mount FILE');
  const serialize = f.format ? serializerFor(f.format) : undefined;
  const secrets = await secretsFor(ctx, f);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const s of secrets) env[s.name] = s.value;
  let mounted: string | undefined;
  if (f.mount && serialize) {
    const text = serialize(secrets); // refuses before any file exists
    mounted = resolve(f.mount);
    // wx: never overwrite (or follow a planted symlink to) an existing file.
    await writeFile(mounted, text, { mode: 0o600, flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      throw new CliError(
        'USAGE',
        `cannot create ${mounted}: ${e.code === 'EEXIST' ? 'it already exists' : e.message}`,
        'Give --mount a path that does not exist yet.',
      );
    });
    env.COFFER_SECRETS_FILE = mounted;
  }
  const command = f.shell ? [process.env.SHELL || '/bin/sh', '-c', argv.join(' ')] : argv;
  try {
    process.exitCode = await runChild(command, env);
  } finally {
    if (mounted) await rm(mounted, { force: true });
  }
};

export const registerRun = (program: Command) => {
  valueOptions(
    program
      .command('run')
      .description("Run a command with an app's secrets in its environment")
      .argument('<command...>', 'the command and its arguments, after --'),
  )
    .option('--shell', 'run the command through $SHELL -c (for pipes, &&, $VARS); off by default')
    .option('--mount <file>', 'also write the secrets to this file (0600), removed when the command exits')
    .option('--format <format>', `file format for --mount: ${FORMAT_NAMES.join(', ')}`)
    .addHelpText(
      'after',
      `\nThe command's exit code is passed through (128+n when signal n ended it); signals sent to coffer are\n` +
        `forwarded. Without --shell no shell is involved, so arguments reach the command exactly as given.\n` +
        examples(
          'coffer run --app web -- node server.js',
          'coffer run --app shared --app web --ordered -- npm start',
          'coffer run --app web --only DATABASE_URL -- psql "$DATABASE_URL"   # the shell expands too early!',
          'coffer run --app web --shell -- \'psql "$DATABASE_URL"\'',
          'coffer run --app web --mount .env --format dotenv -- docker compose up',
          'coffer run --app web --offline -- ./deploy.sh',
        ),
    )
    .action(run);
};
