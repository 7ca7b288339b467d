import { CliError } from './errors.js';
import { loadProjectSettings } from './project-file.js';

export const DEFAULT_ADDR = 'http://127.0.0.1:8787';
export type OutputFormat = 'table' | 'json' | 'yaml';

/** The global flags, as commander hands them over. */
export interface GlobalFlags {
  org?: string;
  project?: string;
  app?: string[];
  addr?: string;
  output?: string;
  input?: boolean;
  quiet?: boolean;
}

/** Everything a command needs to know about where and how it runs, resolved once. */
export interface Context {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly addr: string;
  /** As the user named them (id or name); undefined means "the only one I can see". */
  readonly org?: string;
  readonly project?: string;
  readonly app?: string;
  /** Every --app given, in order (run and export merge several); else the one app from env or file. */
  readonly apps: string[];
  readonly projectFile?: string;
  readonly output: OutputFormat;
  /** False when stdin is not a terminal, in CI, or with --no-input: never prompt then. */
  readonly interactive: boolean;
  /** CI is set: nobody is at a browser or a keyboard. */
  readonly inCI: boolean;
  readonly quiet: boolean;
  /** Spinners and progress only when stderr is a terminal. */
  readonly stderrIsTTY: boolean;
  readonly inGitHubActions: boolean;
  out(text: string): void;
  /** Informational lines (stderr); silenced by --quiet. */
  notice(text: string): void;
  /** Warnings (stderr); always shown. */
  warn(text: string): void;
}

const pick = (...xs: (string | undefined)[]) => xs.find((x) => x !== undefined && x !== '');

export const resolveContext = (flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): Context => {
  const cwd = process.cwd();
  const { file, settings } = loadProjectSettings(cwd);
  const output = (flags.output ?? 'table').toLowerCase();
  if (output !== 'table' && output !== 'json' && output !== 'yaml')
    throw new CliError(
      'USAGE',
      `unknown output format "${flags.output}"`,
      'Use -o table, -o json or -o yaml.',
    );
  const addr = (pick(flags.addr, env.COFFER_ADDR, settings.addr) ?? DEFAULT_ADDR).replace(/\/+$/, '');
  try {
    new URL(addr);
  } catch {
    throw new CliError(
      'USAGE',
      `--addr "${addr}" is not a URL`,
      'Give a base URL such as http://127.0.0.1:8787.',
    );
  }
  const ci = !!env.CI && env.CI !== 'false' && env.CI !== '0';
  const quiet = !!flags.quiet;
  return {
    env,
    cwd,
    addr,
    org: pick(flags.org, env.COFFER_ORG, settings.organization),
    project: pick(flags.project, env.COFFER_PROJECT, settings.project),
    app: pick(flags.app?.at(-1), env.COFFER_APP, settings.app),
    apps: flags.app?.length
      ? flags.app
      : [pick(env.COFFER_APP, settings.app)].filter((a): a is string => !!a),
    ...(file ? { projectFile: file } : {}),
    output,
    interactive: flags.input !== false && !!process.stdin.isTTY && !ci,
    inCI: ci,
    quiet,
    stderrIsTTY: !!process.stderr.isTTY,
    inGitHubActions: env.GITHUB_ACTIONS === 'true',
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    notice: (t) => {
      if (!quiet) process.stderr.write(`${t}\n`);
    },
    warn: (t) => process.stderr.write(`warning: ${t}\n`),
  };
};
