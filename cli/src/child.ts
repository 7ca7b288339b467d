import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { CliError } from './errors.js';

/** Signals passed on to the child; the CLI itself stays alive until the child has exited. */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'] as const;
const TERMINAL_GENERATED = new Set<string>(['SIGINT', 'SIGQUIT']);

/**
 * Runs `argv` with `env`, stdio inherited, no shell (argv[0] is looked up on PATH). Resolves to the
 * exit status a shell would report: the child's exit code, or 128 + n when signal n killed it.
 */
export const runChild = (argv: string[], env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    if (!cmd)
      return reject(
        new CliError('USAGE', 'no command to run', 'Put it after --, e.g. `coffer run -- node server.js`.'),
      );
    const child = spawn(cmd, args, { env, stdio: 'inherit' });
    const handlers = FORWARDED.map((sig) => {
      const h = () => {
        // Ctrl-C or Ctrl-\ at a terminal already reached the child (same process group); sending
        // it again would make it see two. Everything else (kill, a supervisor) is forwarded.
        if (TERMINAL_GENERATED.has(sig) && process.stdin.isTTY) return;
        if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      };
      process.on(sig, h);
      return [sig, h] as const;
    });
    const cleanup = () => handlers.forEach(([s, h]) => process.off(s, h));
    child.once('error', (e: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        new CliError(
          'SPAWN_FAILED',
          e.code === 'ENOENT' ? `command not found: ${cmd}` : `cannot start ${cmd}: ${e.message}`,
          e.code === 'ENOENT' ? 'Check the name and PATH; for shell syntax add --shell.' : undefined,
          { cause: e },
        ),
      );
    });
    child.once('exit', (code, signal) => {
      cleanup();
      if (signal) resolve(128 + (constants.signals[signal] ?? 0));
      else resolve(code ?? 0);
    });
  });
