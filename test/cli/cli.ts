import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI_DIR = fileURLToPath(new URL('../../cli/', import.meta.url));
export const BUNDLE = join(CLI_DIR, 'dist', 'coffer.js');

/** Builds the one-file bundle the package ships, as `npm ci` / `npm run build -w @coffer/cli` do. */
export const buildCli = (): void => {
  execFileSync(process.execPath, [join(CLI_DIR, 'build.mjs')], { stdio: 'inherit' });
};

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  done: Promise<CliResult>;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string): Promise<void>;
  /** Resolves with the first match of `pattern` in stderr (rejects if the CLI exits first). */
  waitForStderr(pattern: RegExp): Promise<RegExpExecArray>;
}

/** A user's machine for the CLI: its own config and cache directories, no COFFER_* or CI leaking in. */
export const newUser = async (addr: string): Promise<Record<string, string>> => {
  const home = await mkdtemp(join(tmpdir(), 'coffer-cli-home-'));
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) => v !== undefined && !k.startsWith('COFFER_') && !k.startsWith('GITHUB_') && k !== 'CI',
    ),
  ) as Record<string, string>;
  return {
    ...base,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    COFFER_ADDR: addr,
    COFFER_NO_KEYCHAIN: '1',
  };
};

/** Spawns the built CLI (`node dist/coffer.js ...`), feeding `input` on stdin. */
export const start = (
  args: string[],
  opts: { env: Record<string, string>; input?: string; cwd?: string },
): CliRun => {
  const child = spawn(process.execPath, [BUNDLE, ...args], {
    env: opts.env,
    cwd: opts.cwd ?? tmpdir(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const w of waiters.filter((w) => stdout.includes(w.text))) w.resolve();
  });
  const stderrWaiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const w of stderrWaiters.splice(0)) {
      const m = w.pattern.exec(stderr);
      if (m) w.resolve(m);
      else stderrWaiters.push(w);
    }
  });
  child.stdin?.end(opts.input ?? '');
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    done,
    waitFor: (text) =>
      stdout.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve })),
    waitForStderr: (pattern) => {
      const m = pattern.exec(stderr);
      if (m) return Promise.resolve(m);
      return Promise.race([
        new Promise<RegExpExecArray>((resolve) => stderrWaiters.push({ pattern, resolve })),
        done.then((r) => Promise.reject(new Error(`coffer exited ${r.code} before ${pattern}: ${r.stderr}`))),
      ]);
    },
  };
};

export const coffer = (args: string[], opts: { env: Record<string, string>; input?: string; cwd?: string }) =>
  start(args, opts).done;

/** A child command that prints the named environment variables as JSON, then exits with `code`. */
export const printEnv = (names: string[], code = 0): string[] => [
  process.execPath,
  '-e',
  'const o={};for(const n of JSON.parse(process.argv[1]))o[n]=process.env[n]??null;' +
    'process.stdout.write(JSON.stringify(o));process.exitCode=Number(process.argv[2])',
  JSON.stringify(names),
  String(code),
];
