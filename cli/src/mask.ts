import type { Context } from './context.js';

/** Workflow-command data escaping (the runner's own rules: %, CR and LF). */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * In GitHub Actions, registers every value as a secret with `::add-mask::` before anything else is
 * printed, so no later log line (the child's included) can show it. Multi-line values are masked
 * line by line too, because the runner masks each log line on its own. Written to stderr so that
 * `coffer secrets export > file` keeps the file clean; the runner reads commands on both streams.
 */
export const maskForActions = (ctx: Context, values: Iterable<string>): void => {
  if (!ctx.inGitHubActions) return;
  const lines = new Set<string>();
  for (const v of values) {
    if (v.trim() === '') continue;
    lines.add(escapeData(v));
    for (const line of v.split(/\r?\n/)) if (line.trim() !== '') lines.add(escapeData(line));
  }
  if (lines.size > 0) process.stderr.write([...lines].map((l) => `::add-mask::${l}\n`).join(''));
};
