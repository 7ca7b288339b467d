import yoctoSpinner from 'yocto-spinner';
import type { Context } from './context.js';

/**
 * Runs `work` with a spinner on stderr while it takes longer than a moment, only when stderr is a
 * terminal and not --quiet; the text can be updated for progress.
 */
export const withSpinner = async <T>(
  ctx: Context,
  text: string,
  work: (update: (t: string) => void) => Promise<T>,
): Promise<T> => {
  if (!ctx.stderrIsTTY || ctx.quiet) return work(() => undefined);
  const s = yoctoSpinner({ text, stream: process.stderr });
  const timer = setTimeout(() => s.start(), 150);
  try {
    const r = await work((t) => {
      s.text = t;
    });
    clearTimeout(timer);
    if (s.isSpinning) s.success();
    return r;
  } catch (e) {
    clearTimeout(timer);
    if (s.isSpinning) s.error();
    throw e;
  }
};
