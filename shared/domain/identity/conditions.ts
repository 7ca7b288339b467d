import { CofferError } from '../errors.js';

/**
 * Conditional-access expressions for workload identity federation, evaluated over the claims of
 * the external token. Grammar (keywords are lower case):
 *
 *   expr       := or
 *   or         := and ( "or" and )*
 *   and        := unary ( "and" unary )*
 *   unary      := "not" unary | "(" expr ")" | comparison
 *   comparison := path ( "==" | "!=" ) literal
 *               | path "in" "[" literal ( "," literal )* "]"
 *               | path "startswith" string
 *   path       := "jwt_claims" ( "." identifier | "[" string "]" )*
 *   literal    := string | number | "true" | "false"
 *   string     := '"' characters with \" and \\ escapes '"'
 *
 * Example: jwt_claims.repository == "acme/api" and jwt_claims.ref == "refs/heads/main"
 * A path that does not exist, or compares against a value of another type, is simply not equal
 * (so `!=` on a missing claim is true; combine it with a positive test). An empty expression is
 * refused: a provider must say what it accepts.
 */
type Literal = string | number | boolean;
type Node =
  | { kind: 'or' | 'and'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'cmp'; op: '==' | '!=' | 'in' | 'startswith'; path: string[]; values: Literal[] };

export const MAX_EXPRESSION_LENGTH = 2048;

const TOKEN =
  /\s*(?:(==|!=|\(|\)|\[|\]|,|\.)|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_-]*))/y;

const tokenize = (src: string): string[] => {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) throw invalid(`unexpected character at position ${at}`);
    out.push(m[0].trim());
  }
  return out;
};

const invalid = (why: string) => new CofferError('INVALID_ARGUMENT', `conditional_access: ${why}`);

const parseString = (tok: string | undefined): string => {
  if (!tok?.startsWith('"')) throw invalid(`expected a string, found ${tok ?? 'the end'}`);
  return JSON.parse(tok) as string;
};

/** Parses an expression; throws INVALID_ARGUMENT with the reason when it is not well-formed. */
export const parseCondition = (src: string): Node => {
  if (src.length > MAX_EXPRESSION_LENGTH) throw invalid(`longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const toks = tokenize(src);
  if (toks.length === 0) throw invalid('must not be empty');
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];
  const expect = (t: string) => {
    if (next() !== t) throw invalid(`expected ${t} near token ${i}`);
  };

  const literal = (): Literal => {
    const t = next();
    if (t === undefined) throw invalid('unexpected end');
    if (t.startsWith('"')) return parseString(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^-?\d/.test(t)) return Number(t);
    throw invalid(`expected a literal, found ${t}`);
  };
  const path = (): string[] => {
    if (next() !== 'jwt_claims') throw invalid('a comparison must start with jwt_claims');
    const parts: string[] = [];
    for (;;) {
      if (peek() === '.') {
        next();
        const id = next();
        if (!id || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)) throw invalid('expected a claim name after "."');
        parts.push(id);
      } else if (peek() === '[') {
        next();
        parts.push(parseString(next()));
        expect(']');
      } else break;
    }
    if (parts.length === 0) throw invalid('name a claim, e.g. jwt_claims.sub');
    return parts;
  };
  const comparison = (): Node => {
    const p = path();
    const op = next();
    if (op === '==' || op === '!=') return { kind: 'cmp', op, path: p, values: [literal()] };
    if (op === 'startswith') return { kind: 'cmp', op, path: p, values: [parseString(next())] };
    if (op === 'in') {
      expect('[');
      const values = [literal()];
      while (peek() === ',') {
        next();
        values.push(literal());
      }
      expect(']');
      return { kind: 'cmp', op, path: p, values };
    }
    throw invalid(`expected ==, !=, in or startswith, found ${op ?? 'the end'}`);
  };
  const unary = (): Node => {
    if (peek() === 'not') {
      next();
      return { kind: 'not', operand: unary() };
    }
    if (peek() === '(') {
      next();
      const inner = or();
      expect(')');
      return inner;
    }
    return comparison();
  };
  const and = (): Node => {
    let left = unary();
    while (peek() === 'and') {
      next();
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek() === 'or') {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (i !== toks.length) throw invalid(`unexpected ${toks[i]}`);
  return tree;
};

const lookup = (claims: unknown, path: string[]): unknown => {
  let v: unknown = claims;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
};

const evaluate = (n: Node, claims: Record<string, unknown>): boolean => {
  switch (n.kind) {
    case 'or':
      return evaluate(n.left, claims) || evaluate(n.right, claims);
    case 'and':
      return evaluate(n.left, claims) && evaluate(n.right, claims);
    case 'not':
      return !evaluate(n.operand, claims);
    case 'cmp': {
      const v = lookup(claims, n.path);
      if (n.op === 'startswith') return typeof v === 'string' && v.startsWith(n.values[0] as string);
      const hit = n.values.some((x) => x === v);
      return n.op === '!=' ? !hit : hit;
    }
  }
};

/** True when the claims satisfy the expression. */
export const conditionHolds = (expression: string, claims: Record<string, unknown>): boolean =>
  evaluate(parseCondition(expression), claims);
