import { CliError } from './errors.js';
import type { NamedValue } from './formats/types.js';

/**
 * One set of variables from several apps, in the order the apps were named. Without `ordered`, a
 * name held by two apps is an error (silently picking one is how the wrong database URL ships);
 * with it, the later app wins. `only` keeps the named secrets and insists each exists.
 */
export const mergeApps = (
  apps: string[],
  values: Map<string, NamedValue[]>,
  opts: { ordered: boolean; only: string[] },
): NamedValue[] => {
  const merged = new Map<string, { value: string; app: string }>();
  const clashes: string[] = [];
  for (const app of apps) {
    for (const s of values.get(app) ?? []) {
      const prev = merged.get(s.name);
      if (prev && !opts.ordered && prev.app !== app) clashes.push(`${s.name} (in ${prev.app} and ${app})`);
      merged.set(s.name, { value: s.value, app });
    }
  }
  if (clashes.length > 0)
    throw new CliError(
      'NAME_CLASH',
      `secret names clash between apps: ${clashes.join(', ')}`,
      'Pass --ordered to let a later --app win over an earlier one, or pick names with --only.',
    );
  if (opts.only.length > 0) {
    const missing = opts.only.filter((n) => !merged.has(n));
    if (missing.length > 0)
      throw new CliError(
        'NOT_FOUND',
        `no secret ${missing.join(', ')} in app${apps.length > 1 ? 's' : ''} ${apps.join(', ')}`,
        'See `coffer secrets list`.',
      );
  }
  const keep = opts.only.length > 0 ? new Set(opts.only) : undefined;
  return [...merged]
    .filter(([name]) => !keep || keep.has(name))
    .map(([name, { value }]) => ({ name, value }));
};
