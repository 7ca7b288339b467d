import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { isId, resolveScope } from '../api/scope.js';
import { connect } from '../auth/session.js';
import { CliError } from '../errors.js';
import { PROJECT_FILE, parseProjectFile } from '../project-file.js';
import { contextOf, examples } from './common.js';

const HEADER =
  '# Coffer settings for this directory, written by `coffer init`. Commit it: it holds no credentials\n' +
  '# (`coffer login` keeps those in the OS keychain). Flags and COFFER_* variables override it.\n';

interface InitFlags {
  path?: string;
  force?: boolean;
}

export const registerInit = (program: Command) =>
  program
    .command('init')
    .description(
      'Write coffer.yaml here: organization, project and app (or one entry per directory of a monorepo)',
    )
    .option(
      '--path <dir>',
      'monorepo: add (or replace) the entry for this directory, relative to coffer.yaml',
    )
    .option('--force', 'overwrite an existing coffer.yaml')
    .addHelpText(
      'after',
      examples(
        'coffer init --app web                       # the only org/project you can see',
        'coffer init --org acme --project payments --app api',
        '# a monorepo: one entry per directory; commands pick the deepest entry containing the cwd',
        'coffer init --path services/api --app api',
        'coffer init --path services/web --app web',
      ),
    )
    .action(async (f: InitFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      // Ids are written as given; names (or nothing) are looked up, which needs a sign-in.
      const { org, project } =
        isId(ctx.org) && isId(ctx.project)
          ? { org: ctx.org as string, project: ctx.project as string }
          : await resolveScope(ctx, (await connect(ctx)).api);
      const file = join(ctx.cwd, PROJECT_FILE);
      const exists = existsSync(file);
      if (f.path) {
        if (!ctx.app)
          throw new CliError(
            'USAGE',
            '--path needs --app',
            'E.g. `coffer init --path services/api --app api`.',
          );
        const doc = exists
          ? parseDocument(await readFile(file, 'utf8'))
          : parseDocument(`${HEADER}organization: ${org}\nproject: ${project}\n`);
        if (exists) parseProjectFile(String(doc), file); // refuse to edit a file that is already wrong
        const apps = ((doc.toJS() as { apps?: { path: string }[] }).apps ?? []).filter(
          (a) => a.path !== f.path,
        );
        doc.set('apps', [...apps, { path: f.path, app: ctx.app }]);
        await writeFile(file, String(doc));
        ctx.notice(`${exists ? 'Updated' : 'Wrote'} ${file}: ${f.path} uses app ${ctx.app}.`);
        return;
      }
      if (exists && !f.force)
        throw new CliError(
          'USAGE',
          `${file} already exists`,
          'Use --force to replace it, or --path DIR --app NAME to add a monorepo entry.',
        );
      const lines = [`organization: ${org}`, `project: ${project}`, ...(ctx.app ? [`app: ${ctx.app}`] : [])];
      await writeFile(file, `${HEADER}${lines.join('\n')}\n`);
      ctx.notice(`Wrote ${file}.`);
    });
