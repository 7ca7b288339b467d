import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { ok, type Api } from './client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (v?: string): boolean => !!v && UUID.test(v);

export interface Scope {
  org: string;
  project: string;
}

const choose = <T extends { id: string; name: string }>(
  items: T[],
  wanted: string | undefined,
  kind: 'organization' | 'project',
  flag: string,
): T => {
  if (wanted) {
    const hits = items.filter((i) => i.name === wanted || i.id === wanted);
    if (hits.length === 1) return hits[0] as T;
    if (hits.length > 1)
      throw new CliError(
        'CONFIG',
        `${hits.length} ${kind}s are named "${wanted}"`,
        `Give its id with ${flag}.`,
      );
    throw new CliError(
      'NOT_FOUND',
      `no ${kind} "${wanted}" that you can see`,
      `You can see: ${items.map((i) => `${i.name} (${i.id})`).join(', ') || 'none'}.`,
    );
  }
  if (items.length === 1) return items[0] as T;
  throw new CliError(
    'CONFIG',
    items.length === 0 ? `you can see no ${kind}` : `you can see ${items.length} ${kind}s; which one?`,
    items.length === 0
      ? 'Ask an admin for access.'
      : `Pass ${flag}, set ${flag === '--org' ? 'COFFER_ORG' : 'COFFER_PROJECT'}, or run \`coffer init\`. ` +
          `Choices: ${items.map((i) => `${i.name} (${i.id})`).join(', ')}.`,
  );
};

/**
 * The organization and project ids for this command. Ids are used as given (no request); a name, or
 * nothing when the caller sees exactly one, is looked up.
 */
export const resolveScope = async (ctx: Context, api: Api): Promise<Scope> => {
  let org = ctx.org;
  if (!org || !isId(org)) {
    const res = await ok(api.GET('/resource-manager/2019-12-10/organizations'), 'listing organizations');
    org = choose(res.organizations, org, 'organization', '--org').id;
  }
  let project = ctx.project;
  if (!project || !isId(project)) {
    const res = await ok(
      api.GET('/resource-manager/2019-12-10/projects', {
        params: { query: { 'scope.type': 'ORGANIZATION', 'scope.id': org } },
      }),
      'listing projects',
    );
    project = choose(res.projects, project, 'project', '--project').id;
  }
  return { org, project };
};

export const requireApp = (ctx: Context): string => {
  if (ctx.apps.length > 1)
    throw new CliError('USAGE', `this command works on one app; got --app ${ctx.apps.join(', --app ')}`);
  if (!ctx.app)
    throw new CliError('USAGE', 'which app?', 'Pass --app NAME, set COFFER_APP, or run `coffer init`.');
  return ctx.app;
};
