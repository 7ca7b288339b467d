import { stringify } from 'yaml';
import type { Context } from './context.js';

export type Row = Record<string, string | number | boolean | undefined>;

/**
 * Prints a result: `-o json` and `-o yaml` print `data` (the API's shape, for scripts); the default
 * table prints the chosen columns of `rows` for people.
 */
export const render = (ctx: Context, data: unknown, rows: Row[], columns: string[]): void => {
  if (ctx.output === 'json') return ctx.out(JSON.stringify(data, null, 2));
  if (ctx.output === 'yaml') return ctx.out(stringify(data, { lineWidth: 0 }));
  if (rows.length === 0) return ctx.notice('(none)');
  const cell = (v: Row[string]) => (v === undefined ? '' : String(v).replace(/\s+/g, ' '));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  ctx.out(
    [
      line(columns.map((c) => c.toUpperCase())),
      ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
    ].join('\n'),
  );
};
