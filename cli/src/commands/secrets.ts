import type { Command } from 'commander';
import { allPages, ok } from '../api/client.js';
import { requireApp, resolveScope } from '../api/scope.js';
import { connect } from '../auth/session.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { readSecretValue } from '../input.js';
import { maskForActions } from '../mask.js';
import { render } from '../output.js';
import { appPath, confirmDestructive, contextOf, examples } from './common.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';

const P =
  '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}' as const;

const session = async (cmd: Command) => {
  const ctx = contextOf(cmd);
  const app = requireApp(ctx);
  const { api } = await connect(ctx);
  const scope = await resolveScope(ctx, api);
  return { ctx, api, app, path: appPath(scope, app) };
};

const versionNumber = (v: string) => {
  if (!/^[1-9][0-9]*$/.test(v))
    throw new CliError(
      'USAGE',
      `version "${v}" is not a version number`,
      'See `coffer secrets versions NAME`.',
    );
  return v;
};

/** The versions list, whichever of the two wire shapes the server speaks (flat list or nested). */
const versionsOf = (
  body: unknown,
): { version: string | number; created_at: string; created_by?: { name: string } }[] => {
  const sv = (body as { static_versions?: unknown }).static_versions;
  if (Array.isArray(sv)) return sv as never;
  return ((sv as { versions?: unknown[] } | undefined)?.versions ?? []) as never;
};

const write = async (ctx: Context, cmd: Command, name: string, value: string, expected?: string) => {
  const { api, path, app } = await session(cmd);
  const res = await ok(
    api.POST(`${P}/secret/kv`, {
      params: { path },
      body: { name, value, ...(expected ? { expected_version: Number(expected) } : {}) },
    }),
    `writing ${name}`,
  );
  ctx.notice(`Set ${name} in ${app} (version ${String(res.secret.static_version.version)}).`);
  return res;
};

export const registerSecrets = (program: Command) => {
  const secrets = program
    .command('secrets')
    .description("Read and change an app's secrets")
    .addHelpText(
      'after',
      examples('coffer secrets list --app web', 'printf %s "$PW" | coffer secrets set DB_PASSWORD --app web'),
    );

  secrets
    .command('list')
    .description('List secret names and versions (never values)')
    .addHelpText('after', examples('coffer secrets list --app web', 'coffer secrets list --app web -o json'))
    .action(async (_f: unknown, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const all = await allPages(
        (query) => ok(api.GET(`${P}/secrets`, { params: { path, query } }), 'listing secrets'),
        (page) => page.secrets,
      );
      render(
        ctx,
        { secrets: all },
        all.map((s) => ({
          name: s.name,
          version: String(s.latest_version),
          created_at: s.created_at,
          created_by: s.created_by.name,
        })),
        ['name', 'version', 'created_at', 'created_by'],
      );
    });

  secrets
    .command('get')
    .description('Print one value (exactly, with no newline added unless stdout is a terminal)')
    .argument('<name>', 'secret name')
    .option('--version <n>', 'an older version')
    .addHelpText(
      'after',
      examples(
        'coffer secrets get DB_PASSWORD --app web',
        'coffer secrets get DB_PASSWORD --app web --version 3 -o json',
      ),
    )
    .action(async (name: string, f: { version?: string }, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const res = f.version
        ? await ok(
            api.GET(`${P}/secrets/{secret_name}/versions/{version}:open`, {
              params: { path: { ...path, secret_name: name, version: Number(versionNumber(f.version)) } },
            }),
            `opening ${name}`,
          )
        : await ok(
            api.GET(`${P}/secrets/{secret_name}:open`, { params: { path: { ...path, secret_name: name } } }),
            `opening ${name}`,
          );
      const value =
        'secret' in res
          ? res.secret.static_version.value
          : (res as { static_version: { value: string } }).static_version.value;
      maskForActions(ctx, [value]);
      if (ctx.output !== 'table') return render(ctx, res, [], []);
      process.stdout.write(process.stdout.isTTY ? `${value}\n` : value);
    });

  secrets
    .command('set')
    .description('Write a new version; the value comes from stdin or a hidden prompt, never the command line')
    .argument('<name>', 'secret name')
    .option('--expected-version <n>', 'only if the latest version is n ("0": only if it does not exist)')
    .option('--raw', 'keep a trailing newline from stdin (by default one is dropped)')
    .addHelpText(
      'after',
      examples(
        'coffer secrets set API_KEY --app web          # prompts, hidden',
        'printf %s "$KEY" | coffer secrets set API_KEY --app web',
        'coffer secrets set TLS_CERT --app web --raw < cert.pem',
      ),
    )
    // A value typed after the name is refused with a reason, not commander's "too many arguments".
    .allowExcessArguments()
    .action(async (name: string, f: { expectedVersion?: string; raw?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (cmd.args.length > 1)
        throw new CliError(
          'USAGE',
          'secrets set takes no value on the command line (shell history and the process list would keep it)',
          `Pipe it in (printf %s "$VALUE" | coffer secrets set ${name}) or leave it out to be asked; if it was a real secret, it is in your shell history now.`,
        );
      const value = await readSecretValue(ctx, `Value for ${name}`, { raw: !!f.raw });
      if (value === '')
        throw new CliError(
          'USAGE',
          `no value for ${name} (stdin was empty)`,
          'Pipe the value in, or type it at the prompt.',
        );
      const res = await write(ctx, cmd, name, value, f.expectedVersion);
      if (ctx.output !== 'table') render(ctx, res, [], []);
    });

  secrets
    .command('delete')
    .description('Delete a secret with all its versions')
    .argument('<name>', 'secret name')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText('after', examples('coffer secrets delete OLD_KEY --app web --yes'))
    .action(async (name: string, f: { yes?: boolean }, cmd: Command) => {
      const { ctx, api, path, app } = await session(cmd);
      await confirmDestructive(ctx, `delete secret ${name} and all its versions`, name, f.yes);
      await ok(
        api.DELETE(`${P}/secrets/{secret_name}`, { params: { path: { ...path, secret_name: name } } }),
        `deleting ${name}`,
      );
      ctx.notice(`Deleted ${name} from ${app}.`);
    });

  secrets
    .command('versions')
    .description("List a secret's versions (never values)")
    .argument('<name>', 'secret name')
    .addHelpText('after', examples('coffer secrets versions DB_PASSWORD --app web'))
    .action(async (name: string, _f: unknown, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const res = await ok(
        api.GET(`${P}/secrets/{secret_name}/versions`, { params: { path: { ...path, secret_name: name } } }),
        `listing versions of ${name}`,
      );
      const versions = versionsOf(res);
      render(
        ctx,
        res,
        versions.map((v) => ({
          version: String(v.version),
          created_at: v.created_at,
          created_by: v.created_by?.name,
        })),
        ['version', 'created_at', 'created_by'],
      );
    });

  secrets
    .command('restore')
    .description('Make an older version the latest again (writes it as a new version)')
    .argument('<name>', 'secret name')
    .argument('<version>', 'the version to bring back')
    .addHelpText(
      'after',
      examples(
        'coffer secrets versions DB_PASSWORD --app web',
        'coffer secrets restore DB_PASSWORD 3 --app web',
      ),
    )
    .action(async (name: string, version: string, _f: unknown, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const old = await ok(
        api.GET(`${P}/secrets/{secret_name}/versions/{version}:open`, {
          params: { path: { ...path, secret_name: name, version: Number(versionNumber(version)) } },
        }),
        `opening ${name} version ${version}`,
      );
      const latest = await ok(
        api.GET(`${P}/secrets/{secret_name}`, { params: { path: { ...path, secret_name: name } } }),
        `reading ${name}`,
      );
      // Check-and-set against the latest version seen, so a concurrent write is not overwritten.
      await write(ctx, cmd, name, old.static_version.value, String(latest.secret.latest_version));
    });

  importCommand(secrets);
  exportCommand(secrets);
};
