/**
 * A .env parser with dotenv's rules: `KEY=value` lines, optional `export`, `#` comments (inline only
 * after whitespace in unquoted values), single quotes literal, double quotes with \n \r \t \" \\
 * escapes, either quote spanning lines. `$` is never expanded: a secret is stored exactly as written.
 */
export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}
export interface EnvProblem {
  readonly line: number;
  readonly message: string;
}

const KEY = /^\s*(?:export\s+)?([^\s=#]+)\s*=\s*/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export const parseEnv = (text: string): { entries: EnvEntry[]; problems: EnvProblem[] } => {
  const entries: EnvEntry[] = [];
  const problems: EnvProblem[] = [];
  const src = text.replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    if (/^\s*(#|$)/.test(raw)) continue;
    const m = KEY.exec(raw);
    if (!m) {
      problems.push({ line: lineNo, message: 'not a NAME=value line' });
      continue;
    }
    const name = m[1]!;
    let rest = raw.slice(m[0].length);
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // Gather lines until the closing quote (not escaped, for double quotes).
      let body = rest.slice(1);
      let end = closing(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i]!;
        end = closing(body, quote);
      }
      if (end < 0) {
        problems.push({ line: lineNo, message: `${name}: the ${quote} quote is never closed` });
        continue;
      }
      const after = body.slice(end + 1);
      if (!/^\s*(#.*)?$/.test(after)) {
        problems.push({ line: lineNo, message: `${name}: unexpected text after the closing quote` });
        continue;
      }
      body = body.slice(0, end);
      const value = quote === '"' ? body.replace(/\\(.)/g, (s, c: string) => ESCAPES[c] ?? s) : body;
      entries.push({ name, value, line: lineNo });
      continue;
    }
    // Unquoted: an inline comment starts at whitespace followed by #.
    const hash = rest.search(/\s#/);
    if (hash >= 0) rest = rest.slice(0, hash);
    entries.push({ name, value: rest.trim(), line: lineNo });
  }
  return { entries, problems };
};

const closing = (body: string, quote: string): number => {
  for (let j = 0; j < body.length; j++) {
    if (quote === '"' && body[j] === '\\') {
      j++;
      continue;
    }
    if (body[j] === quote) return j;
  }
  return -1;
};

/** Writes values back as a .env file that parseEnv reads to the same values. */
export const formatEnv = (secrets: readonly { name: string; value: string }[]): string =>
  secrets
    .map(({ name, value }) =>
      /^[A-Za-z0-9_./:@+-]*$/.test(value)
        ? `${name}=${value}`
        : `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`,
    )
    .join('\n') + '\n';

export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** 64 KiB of UTF-8, Coffer's largest value (API.md). */
export const MAX_VALUE_BYTES = 64 * 1024;

export type Change = 'create' | 'change' | 'unchanged' | 'refused';
export interface Review {
  readonly name: string;
  readonly change: Change;
  readonly reason?: string;
  readonly value: string;
  readonly line: number;
}

/**
 * What importing `entries` into an app holding `current` (name → value) would do. A later line for
 * the same name replaces an earlier one, like dotenv; the earlier is listed as refused.
 */
export const reviewImport = (
  entries: readonly EnvEntry[],
  current: ReadonlyMap<string, string>,
): Review[] => {
  const last = new Map<string, number>();
  entries.forEach((e, i) => last.set(e.name, i));
  return entries.map((e, i): Review => {
    const base = { name: e.name, value: e.value, line: e.line };
    if (last.get(e.name) !== i) return { ...base, change: 'refused', reason: `set again on a later line` };
    if (!SECRET_NAME.test(e.name))
      return {
        ...base,
        change: 'refused',
        reason: 'invalid name (A-Z, a-z, 0-9, _; not starting with a digit)',
      };
    if (e.value === '') return { ...base, change: 'refused', reason: 'empty value' };
    if (new TextEncoder().encode(e.value).length > MAX_VALUE_BYTES)
      return { ...base, change: 'refused', reason: 'value larger than 64 KiB' };
    const now = current.get(e.name);
    if (now === undefined) return { ...base, change: 'create' };
    return { ...base, change: now === e.value ? 'unchanged' : 'change' };
  });
};
