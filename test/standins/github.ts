/**
 * GitHub Actions secrets stand-in (REST API 2022-11-28 shapes), per shared/DESTINATIONS.md.
 *
 * Serves repository, environment (both `/repos/{o}/{r}/environments/{env}/...` and the older
 * `/repositories/{id}/environments/{env}/...`) and organization secrets. Each scope has its own
 * libsodium X25519 key pair; a PUT's `encrypted_value` is opened with `crypto_box_seal_open`, so a
 * test can read the plaintext that really arrived via `secrets()`, `environmentSecrets()` and
 * `orgSecrets()`. Values are never returned over HTTP.
 */
import sodium from 'libsodium-wrappers';
import type { Call, FaultMatch, Reply } from './base.js';
import { Clock, StandIn, isRecord, parseJson, randomId, str } from './base.js';

export type GitHubScope = { repo: string } | { repo: string; environment: string } | { org: string };

export interface GitHubSecret {
  plaintext: string;
  created_at: string;
  updated_at: string;
  /** `seed` for entries created "by someone else" through `seedSecret`, `api` for PUTs. */
  origin: 'api' | 'seed';
  /** Organization secrets only. */
  visibility?: 'all' | 'private' | 'selected';
  selected_repository_ids?: number[];
}

export interface GitHubStandInOptions {
  /** Accepted token (as `Bearer x` or `token x`). Default `ghs_standin`. */
  token?: string;
  /** Secret count limits; defaults 100 / 100 / 1000 as documented. */
  maxRepoSecrets?: number;
  maxEnvironmentSecrets?: number;
  maxOrgSecrets?: number;
  /** Bytes of plaintext per secret; default 48 KB. */
  maxValueBytes?: number;
  /**
   * Emulate the secondary limit of content-creating requests per minute (80 on github.com).
   * Off unless set: tests that do not care should not be slowed down.
   */
  writesPerMinute?: number;
}

interface KeyPair {
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

interface SecretStore {
  keys: KeyPair;
  secrets: Map<string, GitHubSecret>;
}

interface Repo {
  id: number;
  owner: string;
  name: string;
  store: SecretStore;
  environments: Map<string, SecretStore>;
}

export interface RateLimitOptions {
  count?: number;
  /** 403 (default) or 429; GitHub sends either. */
  status?: 403 | 429;
  /** Secondary only: `retry-after` seconds (default 1); `null` omits the header (clients then wait ≥ 60 s). */
  retryAfter?: number | null;
  /** Primary only: seconds from now until `x-ratelimit-reset` (default 0: the window resets now). */
  resetInSeconds?: number;
  match?: FaultMatch;
}

const DOCS = 'https://docs.github.com/rest';
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class GitHubStandIn extends StandIn {
  private readonly token: string;
  private readonly opts: Required<Omit<GitHubStandInOptions, 'writesPerMinute' | 'token'>> & {
    writesPerMinute?: number;
  };
  private readonly repos = new Map<string, Repo>();
  private readonly orgs = new Map<string, SecretStore>();
  private readonly clock = new Clock();
  private nextRepoId = 100_001;
  private recentWrites: number[] = [];
  private sodiumReady = false;

  constructor(options: GitHubStandInOptions = {}) {
    super();
    this.token = options.token ?? 'ghs_standin';
    this.opts = {
      maxRepoSecrets: options.maxRepoSecrets ?? 100,
      maxEnvironmentSecrets: options.maxEnvironmentSecrets ?? 100,
      maxOrgSecrets: options.maxOrgSecrets ?? 1000,
      maxValueBytes: options.maxValueBytes ?? 48 * 1024,
      writesPerMinute: options.writesPerMinute,
    };
  }

  /** The token a client must send. */
  get authToken(): string {
    return this.token;
  }

  protected override async prepare(): Promise<void> {
    await this.ensureSodium();
  }

  private async ensureSodium(): Promise<void> {
    if (!this.sodiumReady) {
      await sodium.ready;
      this.sodiumReady = true;
    }
  }

  // ---------- setup and inspection ----------

  /** Adds a repository (`owner/name`); call after `start()` or await it (key generation needs libsodium). */
  async addRepo(
    fullName: string,
    options: { id?: number; environments?: string[] } = {},
  ): Promise<{ id: number }> {
    await this.ensureSodium();
    const [owner, name] = splitRepo(fullName);
    const key = repoKey(owner, name);
    let repo = this.repos.get(key);
    if (!repo) {
      repo = {
        id: options.id ?? this.nextRepoId++,
        owner,
        name,
        store: this.newStore(),
        environments: new Map(),
      };
      this.repos.set(key, repo);
    }
    for (const env of options.environments ?? []) {
      if (!repo.environments.has(env)) repo.environments.set(env, this.newStore());
    }
    return { id: repo.id };
  }

  async addEnvironment(fullName: string, environment: string): Promise<void> {
    await this.addRepo(fullName, { environments: [environment] });
  }

  async addOrg(org: string): Promise<void> {
    await this.ensureSodium();
    if (!this.orgs.has(org.toLowerCase())) this.orgs.set(org.toLowerCase(), this.newStore());
  }

  /** Repository secrets: upper-case name → opened plaintext and timestamps. */
  secrets(fullName: string): Record<string, GitHubSecret> {
    return snapshot(this.storeFor({ repo: fullName }).secrets);
  }

  environmentSecrets(fullName: string, environment: string): Record<string, GitHubSecret> {
    return snapshot(this.storeFor({ repo: fullName, environment }).secrets);
  }

  orgSecrets(org: string): Record<string, GitHubSecret> {
    return snapshot(this.storeFor({ org }).secrets);
  }

  /** An entry created at GitHub by someone else (not through a sealed-box PUT). */
  seedSecret(
    scope: GitHubScope,
    name: string,
    plaintext: string,
    extra: Pick<GitHubSecret, 'visibility' | 'selected_repository_ids'> = {},
  ): void {
    const now = isoSeconds(this.clock.now());
    this.storeFor(scope).secrets.set(name.toUpperCase(), {
      plaintext,
      created_at: now,
      updated_at: now,
      origin: 'seed',
      ...('org' in scope ? { visibility: extra.visibility ?? 'private' } : {}),
      ...(extra.selected_repository_ids ? { selected_repository_ids: extra.selected_repository_ids } : {}),
    });
  }

  /** The public key a client would fetch for a scope. */
  publicKey(scope: GitHubScope): { key_id: string; key: string } {
    const keys = this.storeFor(scope).keys;
    return { key_id: keys.keyId, key: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL) };
  }

  /** GitHub rotates keys; submissions sealed to the old key (old `key_id`) are then rejected with 422. */
  rotateKey(scope: GitHubScope): void {
    this.storeFor(scope).keys = newKeyPair();
  }

  /**
   * Primary: 403/429 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset`.
   * Secondary: 403/429 whose message contains "secondary rate limit", with `retry-after`.
   */
  rateLimitNext(kind: 'primary' | 'secondary' = 'primary', options: RateLimitOptions = {}): void {
    const status = options.status ?? 403;
    if (kind === 'primary') {
      this.addFault(
        options.count ?? 1,
        () => {
          const reset = Math.floor(Date.now() / 1000) + (options.resetInSeconds ?? 0);
          return {
            status,
            headers: {
              'x-ratelimit-limit': '5000',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-used': '5000',
              'x-ratelimit-reset': String(reset),
              'x-ratelimit-resource': 'core',
            },
            body: {
              message: 'API rate limit exceeded for installation ID 1.',
              documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
              status: String(status),
            },
          };
        },
        options.match,
      );
    } else {
      this.addFault(options.count ?? 1, () => this.secondaryLimit(status, options.retryAfter), options.match);
    }
  }

  // ---------- HTTP ----------

  protected override serverError(status: number): Reply {
    return { status, body: { message: 'Server Error', documentation_url: DOCS, status: String(status) } };
  }

  protected override handle(call: Call): Reply {
    const auth = call.headers.authorization ?? '';
    const m = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(auth);
    if (!auth) return this.error(401, 'Requires authentication');
    if (!m || m[1] !== this.token) return this.error(401, 'Bad credentials');

    if (this.isWrite(call) && this.opts.writesPerMinute !== undefined) {
      const now = Date.now();
      this.recentWrites = this.recentWrites.filter((t) => now - t < 60_000);
      if (this.recentWrites.length >= this.opts.writesPerMinute) return this.secondaryLimit(403, 1);
      this.recentWrites.push(now);
    }

    const reply = this.route(call);
    return {
      ...reply,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
        'x-github-api-version-selected': '2022-11-28',
        ...(reply.headers ?? {}),
      },
    };
  }

  private route(call: Call): Reply {
    const s = call.segments;
    // GET /repos/{o}/{r}
    if (s[0] === 'repos' && s.length === 3) {
      if (call.method !== 'GET') return this.notFound();
      const repo = this.repos.get(repoKey(s[1] ?? '', s[2] ?? ''));
      if (!repo) return this.notFound();
      return { status: 200, body: repoJson(repo) };
    }
    // /repos/{o}/{r}/actions/secrets[...]
    if (s[0] === 'repos' && s[3] === 'actions' && s[4] === 'secrets') {
      const repo = this.repos.get(repoKey(s[1] ?? '', s[2] ?? ''));
      if (!repo) return this.notFound();
      return this.secretsApi(call, repo.store, s.slice(5), 'repo');
    }
    // /repos/{o}/{r}/environments/{env}/secrets[...]
    if (s[0] === 'repos' && s[3] === 'environments' && s[5] === 'secrets') {
      const repo = this.repos.get(repoKey(s[1] ?? '', s[2] ?? ''));
      const env = repo?.environments.get(s[4] ?? '');
      if (!env) return this.notFound();
      return this.secretsApi(call, env, s.slice(6), 'environment');
    }
    // /repositories/{id}/environments/{env}/secrets[...] (older Octokit)
    if (s[0] === 'repositories' && s[2] === 'environments' && s[4] === 'secrets') {
      const id = Number(s[1]);
      const repo = [...this.repos.values()].find((r) => r.id === id);
      const env = repo?.environments.get(s[3] ?? '');
      if (!env) return this.notFound();
      return this.secretsApi(call, env, s.slice(5), 'environment');
    }
    // /orgs/{org}/actions/secrets[...]
    if (s[0] === 'orgs' && s[2] === 'actions' && s[3] === 'secrets') {
      const org = this.orgs.get((s[1] ?? '').toLowerCase());
      if (!org) return this.notFound();
      return this.secretsApi(call, org, s.slice(4), 'org', s[1] ?? '');
    }
    return this.notFound();
  }

  private secretsApi(
    call: Call,
    store: SecretStore,
    rest: string[],
    kind: 'repo' | 'environment' | 'org',
    orgName = '',
  ): Reply {
    if (rest.length === 0) {
      if (call.method !== 'GET') return this.notFound();
      return this.list(call, store, kind, orgName);
    }
    if (rest.length === 1 && rest[0] === 'public-key') {
      if (call.method !== 'GET') return this.notFound();
      return {
        status: 200,
        body: {
          key_id: store.keys.keyId,
          key: sodium.to_base64(store.keys.publicKey, sodium.base64_variants.ORIGINAL),
        },
      };
    }
    if (rest.length !== 1) return this.notFound();
    const rawName = rest[0] ?? '';
    const name = rawName.toUpperCase();
    switch (call.method) {
      case 'GET': {
        const secret = store.secrets.get(name);
        if (!secret) return this.notFound();
        return { status: 200, body: secretJson(name, secret, kind, orgName, this.url) };
      }
      case 'DELETE': {
        if (!store.secrets.delete(name)) return this.notFound();
        return { status: 204 };
      }
      case 'PUT':
        return this.put(call, store, rawName, kind);
      default:
        return this.notFound();
    }
  }

  private put(call: Call, store: SecretStore, rawName: string, kind: 'repo' | 'environment' | 'org'): Reply {
    if (!NAME_RE.test(rawName)) {
      return this.error(
        422,
        'Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_), and must not start with a number.',
      );
    }
    if (/^GITHUB_/i.test(rawName)) return this.error(422, 'Secret names must not start with GITHUB_.');
    const body = parseJson(call.text);
    if (!isRecord(body)) return this.error(400, 'Problems parsing JSON');
    const encrypted = str(body.encrypted_value);
    const keyId = str(body.key_id);
    if (encrypted === undefined || keyId === undefined) {
      return this.error(422, 'Invalid request.\n\n"encrypted_value" and "key_id" are required.');
    }
    if (keyId !== store.keys.keyId)
      return this.error(422, 'Bad request: key_id does not match the current public key.');
    let plaintext: string;
    try {
      const sealed = sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL);
      const opened = sodium.crypto_box_seal_open(sealed, store.keys.publicKey, store.keys.privateKey);
      plaintext = Buffer.from(opened).toString('utf8');
      if (opened.length > this.opts.maxValueBytes) {
        return this.error(422, `Secret value exceeds the ${this.opts.maxValueBytes} byte limit.`);
      }
    } catch {
      return this.error(422, 'Bad request: encrypted_value could not be decrypted with the key for key_id.');
    }
    let visibility: GitHubSecret['visibility'];
    let selected: number[] | undefined;
    if (kind === 'org') {
      const v = body.visibility;
      if (v !== 'all' && v !== 'private' && v !== 'selected') {
        return this.error(422, 'Invalid request.\n\n"visibility" must be one of all, private, selected.');
      }
      visibility = v;
      const ids = body.selected_repository_ids;
      if (ids !== undefined) {
        // The OpenAPI description types the items as integer | string (numeric ids).
        const parsed = Array.isArray(ids)
          ? ids.map((x: unknown) => (typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x))
          : undefined;
        if (!parsed || !parsed.every((x): x is number => Number.isInteger(x))) {
          return this.error(
            422,
            'Invalid request.\n\n"selected_repository_ids" must be an array of repository ids.',
          );
        }
        selected = parsed;
      }
    }
    const name = rawName.toUpperCase();
    const existing = store.secrets.get(name);
    const now = isoSeconds(this.clock.now());
    if (existing) {
      existing.plaintext = plaintext;
      existing.updated_at = now;
      if (visibility) existing.visibility = visibility;
      if (selected) existing.selected_repository_ids = selected;
      return { status: 204 };
    }
    const limit =
      kind === 'repo'
        ? this.opts.maxRepoSecrets
        : kind === 'environment'
          ? this.opts.maxEnvironmentSecrets
          : this.opts.maxOrgSecrets;
    if (store.secrets.size >= limit) return this.error(422, `Secrets limit of ${limit} reached.`);
    store.secrets.set(name, {
      plaintext,
      created_at: now,
      updated_at: now,
      origin: 'api',
      ...(visibility ? { visibility } : {}),
      ...(selected ? { selected_repository_ids: selected } : {}),
    });
    return { status: 201, body: {} };
  }

  private list(call: Call, store: SecretStore, kind: 'repo' | 'environment' | 'org', orgName: string): Reply {
    const perPageRaw = Number(call.query.get('per_page') ?? '30');
    const pageRaw = Number(call.query.get('page') ?? '1');
    const perPage = Math.min(100, Math.max(1, Number.isFinite(perPageRaw) ? Math.floor(perPageRaw) : 30));
    const page = Math.max(1, Number.isFinite(pageRaw) ? Math.floor(pageRaw) : 1);
    const names = [...store.secrets.keys()].sort();
    const slice = names.slice((page - 1) * perPage, page * perPage);
    const lastPage = Math.max(1, Math.ceil(names.length / perPage));
    const headers: Record<string, string> = {};
    const link = linkHeader(`${this.url}${call.path}`, call.query, page, lastPage, perPage);
    if (link) headers.link = link;
    return {
      status: 200,
      headers,
      body: {
        total_count: names.length,
        secrets: slice.map((n) =>
          secretJson(n, store.secrets.get(n) as GitHubSecret, kind, orgName, this.url),
        ),
      },
    };
  }

  private secondaryLimit(status: number, retryAfter: number | null | undefined): Reply {
    const headers: Record<string, string> = {};
    const ra = retryAfter === undefined ? 1 : retryAfter;
    if (ra !== null) headers['retry-after'] = String(ra);
    return {
      status,
      headers,
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID STANDIN.',
        documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
        status: String(status),
      },
    };
  }

  private notFound(): Reply {
    return this.error(404, 'Not Found');
  }

  private error(status: number, message: string): Reply {
    return { status, body: { message, documentation_url: DOCS, status: String(status) } };
  }

  private newStore(): SecretStore {
    return { keys: newKeyPair(), secrets: new Map() };
  }

  private storeFor(scope: GitHubScope): SecretStore {
    if ('org' in scope) {
      const org = this.orgs.get(scope.org.toLowerCase());
      if (!org) throw new Error(`unknown org ${scope.org}`);
      return org;
    }
    const [owner, name] = splitRepo(scope.repo);
    const repo = this.repos.get(repoKey(owner, name));
    if (!repo) throw new Error(`unknown repo ${scope.repo}`);
    if ('environment' in scope) {
      const env = repo.environments.get(scope.environment);
      if (!env) throw new Error(`unknown environment ${scope.environment}`);
      return env;
    }
    return repo.store;
  }

  /** Content-creating requests count against the secondary limit; reads do not. */
  protected override isWrite(call: Call): boolean {
    return (
      call.method === 'PUT' || call.method === 'DELETE' || call.method === 'POST' || call.method === 'PATCH'
    );
  }
}

function newKeyPair(): KeyPair {
  const kp = sodium.crypto_box_keypair();
  return {
    keyId: randomId(18, '0123456789').replace(/^0/, '1'),
    publicKey: kp.publicKey,
    privateKey: kp.privateKey,
  };
}

function splitRepo(fullName: string): [string, string] {
  const [owner, name, ...rest] = fullName.split('/');
  if (!owner || !name || rest.length > 0) throw new Error(`repository must be owner/name, got ${fullName}`);
  return [owner, name];
}

function repoKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

function repoJson(repo: Repo): Record<string, unknown> {
  return {
    id: repo.id,
    node_id: `R_standin${repo.id}`,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: true,
    owner: { login: repo.owner, id: 1, type: 'Organization' },
    visibility: 'private',
    default_branch: 'main',
  };
}

function secretJson(
  name: string,
  secret: GitHubSecret,
  kind: 'repo' | 'environment' | 'org',
  org: string,
  base: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { name, created_at: secret.created_at, updated_at: secret.updated_at };
  if (kind === 'org') {
    out.visibility = secret.visibility ?? 'private';
    if (secret.visibility === 'selected') {
      out.selected_repositories_url = `${base}/orgs/${org}/actions/secrets/${name}/repositories`;
    }
  }
  return out;
}

function linkHeader(
  base: string,
  query: URLSearchParams,
  page: number,
  last: number,
  perPage: number,
): string {
  const at = (p: number): string => {
    const q = new URLSearchParams(query);
    q.set('per_page', String(perPage));
    q.set('page', String(p));
    return `<${base}?${q.toString()}>`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(`${at(page - 1)}; rel="prev"`);
  if (page < last) parts.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (page > 1) parts.push(`${at(1)}; rel="first"`);
  return parts.join(', ');
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function snapshot(map: Map<string, GitHubSecret>): Record<string, GitHubSecret> {
  const out: Record<string, GitHubSecret> = {};
  for (const [k, v] of map) out[k] = { ...v };
  return out;
}
