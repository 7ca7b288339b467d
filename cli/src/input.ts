import type { Context } from './context.js';
import { CliError } from './errors.js';

const readAll = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A secret value: piped on stdin (taken exactly, except one trailing newline that `echo` or a here
 * string adds, unless --raw), or typed at a hidden prompt. Never from argv, which shell history and
 * `ps` would show.
 */
export const readSecretValue = async (
  ctx: Context,
  what: string,
  opts: { raw?: boolean } = {},
): Promise<string> => {
  if (!process.stdin.isTTY) {
    const text = await readAll(process.stdin);
    return opts.raw ? text : text.replace(/\r?\n$/, '');
  }
  if (!ctx.interactive)
    throw new CliError(
      'INPUT_REQUIRED',
      `${what} must come from stdin here (no prompts with --no-input or in CI)`,
      `Pipe it in: \`printf %s "$VALUE" | coffer ...\`.`,
    );
  // Loaded only when a prompt is shown: it pulls in readline and terminal styling.
  const { default: password } = await import('@inquirer/password');
  return password({ message: `${what}:`, mask: false }, { output: process.stderr });
};

export const readStdin = () => readAll(process.stdin);
