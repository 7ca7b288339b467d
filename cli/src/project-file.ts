import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { CliError } from './errors.js';

export const PROJECT_FILE = 'coffer.yaml';

/** What coffer.yaml may say. It never holds credentials; `coffer init` writes it. */
export interface ProjectEntry {
  organization?: string;
  project?: string;
  app?: string;
  addr?: string;
}
export interface ProjectFile extends ProjectEntry {
  /** Monorepo: one entry per directory; the deepest entry containing the working directory wins. */
  apps?: (ProjectEntry & { path: string })[];
}

const KEYS = ['organization', 'project', 'app', 'addr'] as const;

const entryOf = (raw: unknown, where: string): ProjectEntry => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new CliError('CONFIG', `${where} must be a mapping`, 'See `coffer init --help` for the layout.');
  const out: ProjectEntry = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'path' || k === 'apps') continue;
    if (!(KEYS as readonly string[]).includes(k))
      throw new CliError(
        'CONFIG',
        `${where}: unknown key "${k}"`,
        `Allowed keys: ${KEYS.join(', ')}, apps, path.`,
      );
    if (typeof v !== 'string' || v === '') throw new CliError('CONFIG', `${where}: "${k}" must be a string`);
    out[k as (typeof KEYS)[number]] = v;
  }
  return out;
};

export const parseProjectFile = (text: string, file: string): ProjectFile => {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (e) {
    throw new CliError(
      'CONFIG',
      `${file} is not valid YAML: ${(e as Error).message}`,
      'Fix it, or run `coffer init --force`.',
    );
  }
  const top: ProjectFile = entryOf(raw, file);
  const apps = (raw as { apps?: unknown }).apps;
  if (apps !== undefined) {
    if (!Array.isArray(apps)) throw new CliError('CONFIG', `${file}: "apps" must be a list`);
    top.apps = apps.map((a, i) => {
      const path = (a as { path?: unknown })?.path;
      if (typeof path !== 'string' || path === '')
        throw new CliError('CONFIG', `${file}: apps[${i}] needs a "path" (a directory relative to the file)`);
      return { ...entryOf(a, `${file}: apps[${i}]`), path };
    });
  }
  return top;
};

/** Finds coffer.yaml in `cwd` or a parent, and picks the entry for `cwd`. */
export const loadProjectSettings = (cwd: string): { file?: string; settings: ProjectEntry } => {
  let dir = resolve(cwd);
  for (;;) {
    const file = join(dir, PROJECT_FILE);
    if (existsSync(file)) {
      const pf = parseProjectFile(readFileSync(file, 'utf8'), file);
      const { apps, ...top } = pf;
      const inside = (p: string) => {
        const rel = relative(resolve(dir, p), resolve(cwd));
        return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
      };
      const best = (apps ?? [])
        .filter((a) => inside(a.path))
        .sort((a, b) => resolve(dir, b.path).length - resolve(dir, a.path).length)[0];
      const { path: _p, ...entry } = best ?? { path: '' };
      return { file, settings: { ...top, ...entry } };
    }
    const up = dirname(dir);
    if (up === dir) return { settings: {} };
    dir = up;
  }
};
