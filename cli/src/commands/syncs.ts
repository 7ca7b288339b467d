import type { Command } from 'commander';
import { ok } from '../api/client.js';
import { requireApp, resolveScope } from '../api/scope.js';
import { connect } from '../auth/session.js';
import { render } from '../output.js';
import { withSpinner } from '../spinner.js';
import { appPath, contextOf, examples } from './common.js';

const A =
  '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}' as const;

const session = async (cmd: Command) => {
  const ctx = contextOf(cmd);
  const app = requireApp(ctx);
  const { api } = await connect(ctx);
  return { ctx, api, app, path: appPath(await resolveScope(ctx, api), app) };
};

export const registerSyncs = (program: Command) => {
  const syncs = program
    .command('syncs')
    .description("See and trigger an app's syncs to GitHub, Vercel, AWS, GCP and Azure")
    .addHelpText('after', examples('coffer syncs list --app web', 'coffer syncs plan acme-api --app web'));

  syncs
    .command('list')
    .description("The app's syncs with their last run")
    .addHelpText('after', examples('coffer syncs list --app web'))
    .action(async (_f: unknown, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const res = await ok(api.GET(`${A}/syncs`, { params: { path } }), 'listing syncs');
      render(
        ctx,
        res,
        res.syncs.map((s) => ({
          name: s.name,
          status: s.status,
          last_sync_at: s.last_sync_at,
          last_error: s.last_error_code,
        })),
        ['name', 'status', 'last_sync_at', 'last_error'],
      );
    });

  syncs
    .command('plan')
    .description('Dry run: what a sync would create, update or delete (names only, never values)')
    .argument('<sync>', 'sync name')
    .addHelpText('after', examples('coffer syncs plan acme-api --app web'))
    .action(async (sync: string, _f: unknown, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const res = await withSpinner(ctx, `Planning ${sync}`, () =>
        ok(
          api.GET(`${A}/syncs/{sync_name}:plan`, { params: { path: { ...path, sync_name: sync } } }),
          `planning ${sync}`,
        ),
      );
      render(
        ctx,
        res,
        res.actions.map((a) => ({ ...a })),
        ['secret_name', 'destination_name', 'action', 'reason'],
      );
    });

  syncs
    .command('run')
    .description('Run a sync now')
    .argument('<sync>', 'sync name')
    .addHelpText('after', examples('coffer syncs run acme-api --app web'))
    .action(async (sync: string, _f: unknown, cmd: Command) => {
      const { ctx, api, path } = await session(cmd);
      const res = await withSpinner(ctx, `Syncing ${sync}`, () =>
        ok(
          api.POST(`${A}/syncs/{sync_name}:sync`, { params: { path: { ...path, sync_name: sync } } }),
          `running ${sync}`,
        ),
      );
      if (ctx.output !== 'table') render(ctx, res, [], []);
      else ctx.notice(`Sync ${sync} started; see \`coffer syncs list\` for its result.`);
    });
};
