import type { Command } from 'commander';
import type { Scope } from '../api/scope.js';
import { resolveContext, type Context, type GlobalFlags } from '../context.js';
import { CliError } from '../errors.js';

export const contextOf = (cmd: Command): Context => resolveContext(cmd.optsWithGlobals<GlobalFlags>());

/** The "Examples:" block every command's --help ends with. */
export const examples = (...lines: string[]): string =>
  `\nExamples:\n${lines.map((l) => (l.startsWith('#') ? `  ${l}` : `  $ ${l}`)).join('\n')}\n`;

export const appPath = (s: Scope, app: string) => ({
  organization_id: s.org,
  project_id: s.project,
  app_name: app,
});

/** A destructive step needs --yes, or a typed confirmation at a terminal. */
export const confirmDestructive = async (
  ctx: Context,
  what: string,
  name: string,
  yes?: boolean,
): Promise<void> => {
  if (yes) return;
  if (!ctx.interactive)
    throw new CliError('INPUT_REQUIRED', `refusing to ${what} without confirmation`, 'Add --yes to confirm.');
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`To ${what}, type its name (${name}): `);
    if (answer.trim() !== name) throw new CliError('USAGE', 'not confirmed; nothing changed');
  } finally {
    rl.close();
  }
};

export const collect = (v: string, prev: string[] = []) => [...prev, v];
