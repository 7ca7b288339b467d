/**
 * Vercel project environment variables stand-in, per shared/DESTINATIONS.md, with response shapes
 * checked against the zod schemas in `@vercel/sdk` (which rejects anything else).
 *
 * - `POST /v10/projects/{idOrName}/env[?upsert=true]` takes one object or an array and answers **201**
 *   `{created, failed}` (never 200). With `upsert=true` an existing variable with the same key,
 *   git branch and an overlapping target is overwritten, whoever created it: that is Vercel's
 *   behaviour, and the reason a sync must list before it writes.
 * - `GET /v10/projects/{idOrName}/env` lists `{envs, pagination}`; values come back encrypted
 *   (opaque) unless `decrypt=true`, and `sensitive` values never come back.
 * - `GET /v1/projects/{idOrName}/env/{id}` returns one variable decrypted (not `sensitive` ones).
 * - `PATCH /v9/...`, `DELETE /v9/...`, and batch `DELETE /v1/projects/{idOrName}/env` `{ids}`.
 * - `teamId` (or `slug`) is required on every call; `Authorization: Bearer` too (403 otherwise).
 */
import { randomBytes } from 'node:crypto';
import type { Call, FaultMatch, Reply } from './base.js';
import { Clock, StandIn, bearerToken, isRecord, parseJson, randomId, str } from './base.js';

export type VercelTarget = 'production' | 'preview' | 'development';
export type VercelEnvType = 'encrypted' | 'sensitive' | 'plain';

export interface VercelEnv {
  id: string;
  key: string;
  /** Plaintext as the stand-in stores it (tests only; the API never returns it for `sensitive`). */
  value: string;
  type: VercelEnvType;
  target: VercelTarget[];
  gitBranch?: string;
  comment?: string;
  customEnvironmentIds: string[];
  createdAt: number;
  updatedAt: number;
  origin: 'api' | 'seed';
}

interface StoredEnv extends VercelEnv {
  /** What the list endpoint shows instead of the value; changes on every write. */
  ciphertext: string;
}

interface Project {
  id: string;
  name: string;
  envs: Map<string, StoredEnv>;
}

export interface VercelStandInOptions {
  token?: string;
  teamId?: string;
  teamSlug?: string;
  /**
   * Page size the list endpoint uses when the client sends no `limit`. Default: everything in one
   * page, as the Vercel CLI and SDK (which have no paging parameters for this endpoint) assume.
   */
  listPageSize?: number;
}

const TARGETS: readonly VercelTarget[] = ['production', 'preview', 'development'];
const TYPES: readonly VercelEnvType[] = ['encrypted', 'sensitive', 'plain'];
const KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Names Vercel reserves for its runtime (docs: "Reserved Environment Variables"). The same page
 * lists AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION and
 * AWS_DEFAULT_REGION as allowed.
 */
const RESERVED = new Set([
  'AWS_SECRET_KEY',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'NOW_REGION',
  'TZ',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

interface EnvInput {
  key: string;
  value: string;
  type: VercelEnvType;
  target: VercelTarget[];
  gitBranch?: string;
  comment?: string;
  customEnvironmentIds: string[];
}

interface Failure {
  code: string;
  message: string;
  key?: string;
  envVarId?: string;
  envVarKey?: string;
  target?: VercelTarget[];
  gitBranch?: string;
}

export class VercelStandIn extends StandIn {
  readonly token: string;
  readonly teamId: string;
  readonly teamSlug: string;
  private readonly listPageSize: number | undefined;
  private readonly projects = new Map<string, Project>();
  private readonly clock = new Clock();

  constructor(options: VercelStandInOptions = {}) {
    super();
    this.token = options.token ?? 'vercel_standin_token';
    this.teamId = options.teamId ?? 'team_standin';
    this.teamSlug = options.teamSlug ?? 'standin-team';
    this.listPageSize = options.listPageSize;
  }

  // ---------- setup and inspection ----------

  addProject(
    name: string,
    id = `prj_${randomId(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`,
  ): {
    id: string;
    name: string;
  } {
    this.projects.set(id, { id, name, envs: new Map() });
    return { id, name };
  }

  /** All variables of a project, newest first, with plaintext values. */
  envs(idOrName: string): VercelEnv[] {
    return this.sorted(this.mustProject(idOrName)).map(publicCopy);
  }

  /** A variable created in the Vercel dashboard by someone else. */
  seedEnv(
    idOrName: string,
    env: {
      key: string;
      value: string;
      type?: VercelEnvType;
      target?: VercelTarget[];
      gitBranch?: string;
      comment?: string;
    },
  ): VercelEnv {
    const project = this.mustProject(idOrName);
    const stored = this.store(project, {
      key: env.key,
      value: env.value,
      type: env.type ?? 'encrypted',
      target: env.target ?? [...TARGETS],
      gitBranch: env.gitBranch,
      comment: env.comment,
      customEnvironmentIds: [],
    });
    stored.origin = 'seed';
    return publicCopy(stored);
  }

  /** 429 with `Retry-After` (default 1 s) and `X-RateLimit-*`. */
  rateLimitNext(
    _kind: '429' = '429',
    options: { count?: number; retryAfter?: number; match?: FaultMatch } = {},
  ): void {
    const retryAfter = options.retryAfter ?? 1;
    this.addFault(
      options.count ?? 1,
      () => {
        const resetMs = Date.now() + retryAfter * 1000;
        const reset = Math.ceil(resetMs / 1000);
        return {
          status: 429,
          headers: {
            'retry-after': String(retryAfter),
            'x-ratelimit-limit': '120',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(reset),
          },
          body: {
            error: {
              code: 'rate_limited',
              message: `Rate limit exceeded. Try again in ${retryAfter} seconds.`,
              limit: { remaining: 0, reset, resetMs, total: 120 },
            },
          },
        };
      },
      options.match,
    );
  }

  // ---------- HTTP ----------

  protected override serverError(status: number): Reply {
    return {
      status,
      body: { error: { code: 'internal_server_error', message: 'An unexpected internal error occurred.' } },
    };
  }

  protected override handle(call: Call): Reply {
    const token = bearerToken(call.headers);
    if (!token)
      return err(403, 'forbidden', 'The request is missing an authentication token', { missingToken: true });
    if (token !== this.token) return err(403, 'forbidden', 'Not authorized', { invalidToken: true });

    const s = call.segments;
    if (s[1] !== 'projects' || s[3] !== 'env' || s.length < 4 || s.length > 5) {
      return err(404, 'not_found', 'The requested endpoint was not found.');
    }
    const teamId = call.query.get('teamId');
    const slug = call.query.get('slug');
    if ((teamId !== null && teamId !== this.teamId) || (slug !== null && slug !== this.teamSlug)) {
      return err(
        403,
        'forbidden',
        `Not authorized: Trying to access resource under scope "${teamId ?? slug}".`,
      );
    }
    const project = this.findProject(s[2] ?? '');
    // Without teamId the call is scoped to the token owner's personal account, where the team's
    // projects do not exist.
    if (!project || (teamId === null && slug === null)) return err(404, 'not_found', 'Project not found.');

    const version = s[0];
    const id = s[4];
    if (id === undefined) {
      if (version === 'v10' && call.method === 'POST') return this.create(call, project);
      if (version === 'v10' && call.method === 'GET') return this.list(call, project);
      if (version === 'v1' && call.method === 'DELETE') return this.batchRemove(call, project);
    } else {
      if (version === 'v1' && call.method === 'GET') return this.getOne(project, id);
      if (version === 'v9' && call.method === 'PATCH') return this.edit(call, project, id);
      if (version === 'v9' && call.method === 'DELETE') return this.remove(project, id);
    }
    return err(404, 'not_found', 'The requested endpoint was not found.');
  }

  private create(call: Call, project: Project): Reply {
    const body = parseJson(call.text);
    const upsert = call.query.get('upsert') === 'true';
    if (Array.isArray(body)) {
      const created: Record<string, unknown>[] = [];
      const failed: { error: Failure }[] = [];
      for (const item of body) {
        const result = this.createOne(project, item, upsert);
        if ('error' in result) failed.push({ error: result.error });
        else created.push(result.env);
      }
      return { status: 201, body: { created, failed } };
    }
    if (!isRecord(body))
      return err(400, 'bad_request', 'Invalid request: body must be an object or an array.');
    const result = this.createOne(project, body, upsert);
    // A single variable that cannot be created is a request error, not a `failed` entry.
    if ('error' in result) {
      const { code, message, ...rest } = result.error;
      return err(400, code, message, rest);
    }
    return { status: 201, body: { created: result.env, failed: [] } };
  }

  private createOne(
    project: Project,
    raw: unknown,
    upsert: boolean,
  ): { env: Record<string, unknown> } | { error: Failure } {
    const parsed = parseEnvInput(raw);
    if ('error' in parsed) return parsed;
    const input = parsed.input;
    const overlapping = [...project.envs.values()].filter(
      (e) =>
        e.key === input.key &&
        e.gitBranch === input.gitBranch &&
        e.target.some((t) => input.target.includes(t)),
    );
    if (overlapping.length > 0) {
      const first = overlapping[0] as StoredEnv;
      if (!upsert || overlapping.length > 1) {
        return {
          error: {
            code: 'ENV_ALREADY_EXISTS',
            message: `A variable with the name \`${input.key}\` already exists for the target ${first.target.join(',')} on branch ${String(input.gitBranch)}`,
            key: input.key,
            envVarKey: input.key,
            envVarId: first.id,
            target: input.target,
            ...(input.gitBranch ? { gitBranch: input.gitBranch } : {}),
          },
        };
      }
      if (first.type === 'sensitive' && input.type !== 'sensitive') {
        return {
          error: {
            code: 'bad_request',
            message: 'A sensitive variable cannot be made readable.',
            key: input.key,
          },
        };
      }
      Object.assign(first, {
        value: input.value,
        type: input.type,
        target: input.target,
        comment: input.comment ?? first.comment,
        customEnvironmentIds: input.customEnvironmentIds,
        updatedAt: this.clock.now(),
        ciphertext: cipher(),
      });
      return { env: envJson(first, false) };
    }
    return { env: envJson(this.store(project, input), false) };
  }

  private list(call: Call, project: Project): Reply {
    const decrypt = call.query.get('decrypt') === 'true';
    const gitBranch = call.query.get('gitBranch');
    let envs = this.sorted(project);
    if (gitBranch !== null) envs = envs.filter((e) => e.gitBranch === gitBranch);
    const limitRaw = call.query.get('limit');
    const untilRaw = call.query.get('until');
    if (untilRaw !== null) {
      const until = Number(untilRaw);
      if (!Number.isFinite(until))
        return err(400, 'bad_request', 'Invalid request: `until` should be a number.');
      envs = envs.filter((e) => e.createdAt < until);
    }
    let limit = this.listPageSize ?? envs.length;
    if (limitRaw !== null) {
      limit = Number(limitRaw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        return err(400, 'bad_request', 'Invalid request: `limit` should be between 1 and 100.');
      }
    }
    const page = envs.slice(0, limit);
    const more = envs.length > page.length;
    return {
      status: 200,
      body: {
        envs: page.map((e) => ({ ...envJson(e, decrypt), securityIssues: [] })),
        pagination: {
          count: page.length,
          next: more ? (page.at(-1)?.createdAt ?? null) : null,
          prev: untilRaw !== null && page.length > 0 ? (page[0]?.createdAt ?? null) : null,
        },
      },
    };
  }

  private getOne(project: Project, id: string): Reply {
    const env = project.envs.get(id);
    if (!env) return err(404, 'not_found', 'Environment Variable not found.');
    if (env.type === 'sensitive') {
      // No `value` at all: the SDK's schema for this case has none.
      const { value: _value, ...rest } = envJson(env, false);
      return { status: 200, body: { ...rest, decrypted: false } };
    }
    return { status: 200, body: { ...envJson(env, true), decrypted: true } };
  }

  private edit(call: Call, project: Project, id: string): Reply {
    const env = project.envs.get(id);
    if (!env) return err(404, 'not_found', 'Environment Variable not found.');
    const body = parseJson(call.text);
    if (!isRecord(body)) return err(400, 'bad_request', 'Invalid request: body must be an object.');
    const merged = parseEnvInput({
      key: body.key ?? env.key,
      value: body.value ?? env.value,
      type: body.type ?? env.type,
      target: body.target ?? env.target,
      gitBranch: body.gitBranch === null ? undefined : (body.gitBranch ?? env.gitBranch),
      comment: body.comment ?? env.comment,
      customEnvironmentIds: body.customEnvironmentIds ?? env.customEnvironmentIds,
    });
    if ('error' in merged) {
      const { code, message, ...rest } = merged.error;
      return err(400, code, message, rest);
    }
    const next = merged.input;
    if (env.type === 'sensitive' && next.type !== 'sensitive') {
      return err(400, 'bad_request', 'A sensitive variable cannot be made readable.');
    }
    const clash = [...project.envs.values()].find(
      (e) =>
        e.id !== env.id &&
        e.key === next.key &&
        e.gitBranch === next.gitBranch &&
        e.target.some((t) => next.target.includes(t)),
    );
    if (clash) {
      return err(400, 'ENV_ALREADY_EXISTS', `A variable with the name \`${next.key}\` already exists.`, {
        envVarId: clash.id,
      });
    }
    const valueChanged = body.value !== undefined;
    Object.assign(env, next, {
      updatedAt: this.clock.now(),
      ...(valueChanged ? { ciphertext: cipher() } : {}),
    });
    if (next.gitBranch === undefined) delete env.gitBranch;
    return { status: 200, body: envJson(env, false) };
  }

  private remove(project: Project, id: string): Reply {
    const env = project.envs.get(id);
    if (!env) return err(404, 'not_found', 'Environment Variable not found.');
    project.envs.delete(id);
    return { status: 200, body: envJson(env, false) };
  }

  private batchRemove(call: Call, project: Project): Reply {
    const body = parseJson(call.text);
    const ids = isRecord(body) ? body.ids : undefined;
    if (!Array.isArray(ids) || !ids.every((x): x is string => typeof x === 'string')) {
      return err(400, 'bad_request', 'Invalid request: `ids` should be an array of strings.');
    }
    const deleted = ids.filter((id) => project.envs.delete(id));
    return { status: 200, body: { deleted: deleted.length, ids: deleted } };
  }

  private store(project: Project, input: EnvInput): StoredEnv {
    const now = this.clock.now();
    const env: StoredEnv = {
      id: randomId(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
      key: input.key,
      value: input.value,
      type: input.type,
      target: input.target,
      customEnvironmentIds: input.customEnvironmentIds,
      createdAt: now,
      updatedAt: now,
      origin: 'api',
      ciphertext: cipher(),
      ...(input.gitBranch !== undefined ? { gitBranch: input.gitBranch } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
    };
    project.envs.set(env.id, env);
    return env;
  }

  private sorted(project: Project): StoredEnv[] {
    return [...project.envs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  private findProject(idOrName: string): Project | undefined {
    return this.projects.get(idOrName) ?? [...this.projects.values()].find((p) => p.name === idOrName);
  }

  private mustProject(idOrName: string): Project {
    const p = this.findProject(idOrName);
    if (!p) throw new Error(`unknown project ${idOrName}`);
    return p;
  }
}

function parseEnvInput(raw: unknown): { input: EnvInput } | { error: Failure } {
  const bad = (message: string, key?: string): { error: Failure } => ({
    error: { code: 'bad_request', message: `Invalid request: ${message}`, ...(key ? { key } : {}) },
  });
  if (!isRecord(raw)) return bad('each environment variable should be an object.');
  const key = str(raw.key);
  const value = str(raw.value);
  const type = raw.type;
  const target = raw.target;
  if (key === undefined) return bad('missing required property `key`.');
  if (value === undefined) return bad('`value` should be a string.', key);
  if (!KEY_RE.test(key)) {
    return bad(
      'the name may only contain letters, digits and underscores and must not start with a digit.',
      key,
    );
  }
  if (RESERVED.has(key.toUpperCase())) {
    return { error: { code: 'env_key_reserved', message: `The name \`${key}\` is reserved.`, key } };
  }
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    return bad('`type` should be one of encrypted, sensitive, plain.', key);
  }
  if (
    !Array.isArray(target) ||
    target.length === 0 ||
    !target.every(
      (t): t is VercelTarget => typeof t === 'string' && (TARGETS as readonly string[]).includes(t),
    )
  ) {
    return bad('`target` should be a non-empty array of production, preview, development.', key);
  }
  const envType = type as VercelEnvType;
  if (envType === 'sensitive' && target.includes('development')) {
    return bad('sensitive variables can only target production and preview.', key);
  }
  const gitBranch = raw.gitBranch === null ? undefined : str(raw.gitBranch);
  if (gitBranch !== undefined && (target.length !== 1 || target[0] !== 'preview')) {
    return bad('`gitBranch` requires target to be exactly ["preview"].', key);
  }
  const comment = str(raw.comment);
  const ids = raw.customEnvironmentIds;
  const customEnvironmentIds = Array.isArray(ids)
    ? ids.filter((x): x is string => typeof x === 'string')
    : [];
  return {
    input: {
      key,
      value,
      type: envType,
      target: [...new Set(target)],
      customEnvironmentIds,
      ...(gitBranch !== undefined ? { gitBranch } : {}),
      ...(comment !== undefined ? { comment } : {}),
    },
  };
}

function envJson(env: StoredEnv, decrypt: boolean): Record<string, unknown> {
  const readable = env.type === 'plain' || (decrypt && env.type === 'encrypted');
  return {
    type: env.type,
    value: readable ? env.value : env.ciphertext,
    target: env.target,
    configurationId: null,
    id: env.id,
    key: env.key,
    createdAt: env.createdAt,
    updatedAt: env.updatedAt,
    createdBy: 'user_standin',
    updatedBy: null,
    customEnvironmentIds: env.customEnvironmentIds,
    decrypted: decrypt && env.type === 'encrypted',
    ...(env.gitBranch !== undefined ? { gitBranch: env.gitBranch } : {}),
    ...(env.comment !== undefined ? { comment: env.comment } : {}),
  };
}

function publicCopy(env: StoredEnv): VercelEnv {
  const { ciphertext: _c, ...rest } = env;
  return { ...rest, target: [...rest.target], customEnvironmentIds: [...rest.customEnvironmentIds] };
}

function cipher(): string {
  return `eyJ2IjoidjIiLCJjIjoi${randomBytes(24).toString('base64url')}`;
}

function err(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { error: { code, message, ...extra } } };
}
