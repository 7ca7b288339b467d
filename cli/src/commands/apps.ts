import type { Command } from 'commander';
import { allPages, ok } from '../api/client.js';
import { resolveScope } from '../api/scope.js';
import { connect } from '../auth/session.js';
import { render } from '../output.js';
import { confirmDestructive, contextOf, examples } from './common.js';

const P = '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}' as const;

const session = async (cmd: Command) => {
  const ctx = contextOf(cmd);
  const { api } = await connect(ctx);
  const s = await resolveScope(ctx, api);
  return { ctx, api, path: { organization_id: s.org, project_id: s.project } };
};

export const registerApps = (program: Command) => {
  const apps = program
    .command('apps')
    .description('List, create and delete apps in a project')
    .addHelpText('after', examples('coffer apps list', 'coffer apps create web --description storefront'));

  apps
    .command('list')
    .description('List the apps of the project')
    .addHelpText('after', examples('coffer apps list', 'coffer apps list -o json --project default'))
    .action(async (_f: unknown, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const all = await allPages(
        (query) => ok(api.GET(`${P}/apps`, { params: { path, query } }), 'listing apps'),
        (page) => page.apps,
      );
      render(
        ctx,
        { apps: all },
        all.map((a) => ({
          name: a.name,
          secrets: String(a.secret_count),
          description: a.description,
          updated_at: a.updated_at,
        })),
        ['name', 'secrets', 'description', 'updated_at'],
      );
    });

  apps
    .command('create')
    .description('Create an app')
    .argument('<name>', '3-36 characters of a-z, 0-9 and -')
    .option('--description <text>', 'what the app is', '')
    .addHelpText(
      'after',
      examples('coffer apps create web', 'coffer apps create billing-api --description "invoices"'),
    )
    .action(async (name: string, f: { description: string }, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const res = await ok(
        api.POST(`${P}/apps`, { params: { path }, body: { name, description: f.description } }),
        `creating app ${name}`,
      );
      if (ctx.output !== 'table') render(ctx, res, [], []);
      else ctx.notice(`Created app ${name}.`);
    });

  apps
    .command('delete')
    .description('Delete an app (--purge: with all its secrets)')
    .argument('<name>', 'app name')
    .option('--purge', 'also delete every secret in it')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText(
      'after',
      examples('coffer apps delete old-app --yes', 'coffer apps delete old-app --purge --yes'),
    )
    .action(async (name: string, f: { purge?: boolean; yes?: boolean }, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      await confirmDestructive(
        ctx,
        `delete app ${name}${f.purge ? ' and all its secrets' : ''}`,
        name,
        f.yes,
      );
      const p = { params: { path: { ...path, app_name: name } } };
      await ok(
        f.purge ? api.DELETE(`${P}/apps/{app_name}:purge`, p) : api.DELETE(`${P}/apps/{app_name}`, p),
        `deleting app ${name}`,
      );
      ctx.notice(`Deleted app ${name}.`);
    });
};
