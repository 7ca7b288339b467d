import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { load as parseYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { buildCli, coffer, newUser, printEnv, start } from './cli.js';
import { HARD_VALUES } from './hard-values.js';

const CLIENT_ID = 'test-bootstrap-client';
const CLIENT_SECRET = `cli-test-secret-${randomUUID()}`;
const APP = 'cli-hard';
const ODD_VALUES = { ALL_QUOTES: `'"\``, CARRIAGE: 'a\r\nb', CR_AND_QUOTE: 'say "a"\r\n' };

let server: TestCoffer;
let env: Record<string, string>;

beforeAll(async () => {
  buildCli();
  server = await startTestCoffer({ env: { COFFER_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET } });
  env = await newUser(server.coffer.url);
  const login = await coffer(['login', '--client-id', CLIENT_ID], { env, input: CLIENT_SECRET });
  expect(login.code, login.stderr).toBe(0);
  const created = await coffer(['apps', 'create', APP], { env });
  expect(created.code, created.stderr).toBe(0);
  // Two values from stdin, as a person would set them; the rest through `secrets import` of JSON.
  for (const name of ['MULTI_LINE', 'LONGEST']) {
    const set = await coffer(['secrets', 'set', name, '--app', APP, '--raw'], {
      env,
      input: HARD_VALUES[name],
    });
    expect(set.code, set.stderr).toBe(0);
  }
  const dir = await mkdtemp(join(tmpdir(), 'coffer-seed-'));
  const rest = Object.fromEntries(
    Object.entries(HARD_VALUES).filter(([n]) => n !== 'MULTI_LINE' && n !== 'LONGEST'),
  );
  await writeFile(join(dir, 'seed.json'), JSON.stringify(rest));
  const imported = await coffer(['secrets', 'import', join(dir, 'seed.json'), '--app', APP], { env });
  expect(imported.code, imported.stderr).toBe(0);
  // Values some formats cannot hold.
  await writeFile(join(dir, 'odd.json'), JSON.stringify(ODD_VALUES));
  expect((await coffer(['secrets', 'import', join(dir, 'odd.json'), '--app', APP], { env })).code).toBe(0);
});
afterAll(async () => {
  await server?.close();
});

describe('signing in', () => {
  it('keeps a service principal in a 0600 file with a notice when there is no keychain', async () => {
    // prepare
    const user = await newUser(server.coffer.url);
    // act
    const login = await coffer(['login', '--client-id', CLIENT_ID], {
      env: user,
      input: `${CLIENT_SECRET}\n`,
    });
    const who = await coffer(['whoami', '-o', 'json'], { env: user });
    // assess
    expect(login.code, login.stderr).toBe(0);
    const file = join(user.HOME as string, '.config', 'coffer', 'credentials.json');
    expect(login.stderr).toContain(`credentials kept in ${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(who.stdout).principal).toMatchObject({ type: 'SERVICE', name: 'bootstrap-admin' });
  });

  it('forgets them at logout, then says how to sign in', async () => {
    const user = await newUser(server.coffer.url);
    await coffer(['login', '--client-id', CLIENT_ID], { env: user, input: CLIENT_SECRET });
    const out = await coffer(['logout'], { env: user });
    const who = await coffer(['whoami'], { env: user });
    expect(out.code).toBe(0);
    expect(who.code).toBe(77);
    expect(who.stderr).toContain('not signed in');
    expect(who.stderr).toContain('coffer login');
  });

  it.each([
    [
      'COFFER_CLIENT_ID + COFFER_CLIENT_SECRET',
      () => ({ COFFER_CLIENT_ID: CLIENT_ID, COFFER_CLIENT_SECRET: CLIENT_SECRET }),
    ],
    ['COFFER_TOKEN', () => ({ COFFER_TOKEN: server.token })],
  ])('lets scripts authenticate with %s and no login', async (_name, vars) => {
    const user = { ...(await newUser(server.coffer.url)), ...vars() };
    const who = await coffer(['whoami', '-o', 'json'], { env: user });
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout).principal.name).toBe('bootstrap-admin');
  });

  it('refuses a wrong client secret, saying what to do', async () => {
    const user = await newUser(server.coffer.url);
    const r = await coffer(['login', '--client-id', CLIENT_ID], { env: user, input: 'wrong-secret' });
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('refused the client id or secret');
  });
});

describe('secrets', () => {
  it('stores exactly what came on stdin (one trailing newline dropped unless --raw)', async () => {
    await coffer(['secrets', 'set', 'PLAIN', '--app', APP], { env, input: 'value with newline\n' });
    await coffer(['secrets', 'set', 'KEEP_NL', '--app', APP, '--raw'], { env, input: 'kept\n' });
    const plain = await coffer(['secrets', 'get', 'PLAIN', '--app', APP], { env });
    const kept = await coffer(['secrets', 'get', 'KEEP_NL', '--app', APP], { env });
    expect(plain.stdout).toBe('value with newline');
    expect(kept.stdout).toBe('kept\n');
    await coffer(['secrets', 'delete', 'PLAIN', '--app', APP, '--yes'], { env });
    await coffer(['secrets', 'delete', 'KEEP_NL', '--app', APP, '--yes'], { env });
  });

  it('lists versions and restores an old one as a new version', async () => {
    await coffer(['secrets', 'set', 'ROTATED', '--app', APP], { env, input: 'first' });
    await coffer(['secrets', 'set', 'ROTATED', '--app', APP], { env, input: 'second' });
    const restore = await coffer(['secrets', 'restore', 'ROTATED', '1', '--app', APP], { env });
    const versions = await coffer(['secrets', 'versions', 'ROTATED', '--app', APP], { env });
    const now = await coffer(['secrets', 'get', 'ROTATED', '--app', APP], { env });
    expect(restore.code, restore.stderr).toBe(0);
    expect(
      versions.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['1', '2', '3']);
    expect(now.stdout).toBe('first');
    await coffer(['secrets', 'delete', 'ROTATED', '--app', APP, '--yes'], { env });
  });

  it('refuses to delete without --yes when it cannot ask', async () => {
    const r = await coffer(['secrets', 'delete', 'HASH', '--app', APP], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
  });

  it('imports a .env file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coffer-import-'));
    await writeFile(join(dir, 'in.env'), 'ONE=1\nTWO="two words"\n');
    await coffer(['apps', 'create', 'cli-import'], { env });
    const r = await coffer(['secrets', 'import', join(dir, 'in.env'), '--app', 'cli-import'], { env });
    const out = await coffer(['secrets', 'export', '--app', 'cli-import', '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ ONE: '1', TWO: 'two words' });
  });
});

describe('export round-trips the hard values through real parsers', () => {
  const exportAs = async (format: string, app = APP, only: string[] = []) => {
    const r = await coffer(
      ['secrets', 'export', '--app', app, '--format', format, ...only.flatMap((n) => ['--only', n])],
      {
        env,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const ALL = Object.keys(HARD_VALUES);
  const SINGLE_LINE = ALL.filter((n) => !(HARD_VALUES[n] as string).includes('\n'));

  it.each([
    ['json', ALL, (t: string) => JSON.parse(t) as Record<string, string>],
    ['yaml (read by js-yaml)', ALL, (t: string) => parseYaml(t) as Record<string, string>],
    ['dotenv (read by the dotenv package)', ALL, (t: string) => parseDotenv(t)],
  ])('%s', async (label, names, parse) => {
    const text = await exportAs(label.split(' ')[0] as string, APP, names);
    expect(parse(text)).toEqual(Object.fromEntries(names.map((n) => [n, HARD_VALUES[n]])));
  });

  it('dotenv-export, sourced by bash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coffer-export-'));
    const file = join(dir, 'env.sh');
    await writeFile(file, await exportAs('dotenv-export'));
    const out = execFileSync(
      'bash',
      [
        '-c',
        'source "$1" && exec "$2" -e "process.stdout.write(JSON.stringify(process.env))"',
        'bash',
        file,
        process.execPath,
      ],
      { env: { PATH: process.env.PATH ?? '' }, maxBuffer: 16 * 1024 * 1024 },
    ).toString();
    const seen = JSON.parse(out) as Record<string, string>;
    for (const [name, value] of Object.entries(HARD_VALUES)) expect(seen[name], name).toBe(value);
    expect(existsSync('/tmp/coffer-pwned')).toBe(false);
  });

  it('docker env file: single-line values verbatim, as docker reads them (first = splits)', async () => {
    const text = await exportAs('docker', APP, SINGLE_LINE);
    const parsed = Object.fromEntries(
      text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(parsed).toEqual(Object.fromEntries(SINGLE_LINE.map((n) => [n, HARD_VALUES[n]])));
  });

  it('dotenv keeps a carriage return (inside double quotes, as \\r)', async () => {
    expect(parseDotenv(await exportAs('dotenv', APP, ['CARRIAGE']))).toEqual({ CARRIAGE: 'a\r\nb' });
  });

  it('github-env: heredoc blocks with a delimiter no value contains', async () => {
    const text = await exportAs('github-env', APP, ALL);
    // The runner's reading: NAME<<DELIM, then lines up to DELIM, joined with \n.
    const seen: Record<string, string> = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length - 1;) {
      const [name, delim] = (lines[i] as string).split('<<') as [string, string];
      const end = lines.indexOf(delim, i + 1);
      seen[name] = lines.slice(i + 1, end).join('\n');
      i = end + 1;
    }
    expect(seen).toEqual(HARD_VALUES);
  });

  it.each([
    ['docker', ['MULTI_LINE'], 'MULTI_LINE'],
    ['dotenv', ['ALL_QUOTES'], 'ALL_QUOTES'],
    ['dotenv', ['CR_AND_QUOTE'], 'CR_AND_QUOTE'],
    ['github-env', ['CARRIAGE'], 'CARRIAGE'],
  ])('%s refuses %s, naming it, and writes no file', async (format, only, named) => {
    const dir = await mkdtemp(join(tmpdir(), 'coffer-refuse-'));
    const file = join(dir, 'out');
    const r = await coffer(
      [
        'secrets',
        'export',
        '--app',
        APP,
        '--format',
        format,
        '--file',
        file,
        ...only.flatMap((n) => ['--only', n]),
      ],
      { env },
    );
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`cannot hold secret ${named}`);
    expect(existsSync(file)).toBe(false);
  });
});

describe('run', () => {
  it('gives the child the secrets and passes its exit code through', async () => {
    const r = await coffer(['run', '--app', APP, '--', ...printEnv(['HASH', 'MULTI_LINE', 'LONGEST'], 7)], {
      env,
    });
    expect(r.code, r.stderr).toBe(7);
    expect(JSON.parse(r.stdout)).toEqual({
      HASH: HARD_VALUES.HASH,
      MULTI_LINE: HARD_VALUES.MULTI_LINE,
      LONGEST: HARD_VALUES.LONGEST,
    });
  });

  it('uses no shell: arguments arrive exactly as given', async () => {
    const arg = '$HOME; echo `id` $(id) "quoted" *';
    const r = await coffer(
      ['run', '--app', APP, '--', process.execPath, '-e', 'process.stdout.write(process.argv[1])', arg],
      {
        env,
      },
    );
    expect(r.stdout).toBe(arg);
  });

  it('reports death by a signal as 128 + n', async () => {
    const r = await coffer(
      ['run', '--app', APP, '--', process.execPath, '-e', 'process.kill(process.pid, "SIGTERM")'],
      { env },
    );
    expect(r.code).toBe(128 + 15);
  });

  it.each(['SIGTERM', 'SIGHUP', 'SIGUSR2'] as const)(
    'forwards %s to the child and waits for it',
    async (sig) => {
      const run = start(
        [
          'run',
          '--app',
          APP,
          '--',
          process.execPath,
          '-e',
          `process.on(${JSON.stringify(sig)}, () => { process.stdout.write(' got it'); process.exit(42); });` +
            "process.stdout.write('ready'); setInterval(() => {}, 1000);",
        ],
        { env },
      );
      await run.waitFor('ready');
      run.child.kill(sig);
      const r = await run.done;
      expect(r.stdout).toBe('ready got it');
      expect(r.code).toBe(42);
    },
  );

  it('refuses a name two apps share unless an order is given', async () => {
    await coffer(['apps', 'create', 'cli-other'], { env });
    await coffer(['secrets', 'set', 'HASH', '--app', 'cli-other'], { env, input: 'from other' });
    const clash = await coffer(['run', '--app', APP, '--app', 'cli-other', '--', ...printEnv(['HASH'])], {
      env,
    });
    const ordered = await coffer(
      ['run', '--app', APP, '--app', 'cli-other', '--ordered', '--', ...printEnv(['HASH', 'DOLLAR'])],
      {
        env,
      },
    );
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('HASH (in cli-hard and cli-other)');
    expect(clash.stdout).toBe('');
    expect(JSON.parse(ordered.stdout)).toEqual({ HASH: 'from other', DOLLAR: HARD_VALUES.DOLLAR });
  });

  it('--only keeps just the named secrets', async () => {
    const r = await coffer(['run', '--app', APP, '--only', 'DOLLAR', '--', ...printEnv(['DOLLAR', 'HASH'])], {
      env,
    });
    expect(JSON.parse(r.stdout)).toEqual({ DOLLAR: HARD_VALUES.DOLLAR, HASH: null });
  });

  it('--mount writes a 0600 file for the child and removes it after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coffer-mount-'));
    const file = join(dir, 'secrets.json');
    const r = await coffer(
      [
        'run',
        '--app',
        APP,
        '--only',
        'UNICODE',
        '--mount',
        file,
        '--format',
        'json',
        '--',
        process.execPath,
        '-e',
        'const fs=require("fs");const f=process.env.COFFER_SECRETS_FILE;' +
          'process.stdout.write(JSON.stringify({mode:(fs.statSync(f).mode&0o777).toString(8),body:JSON.parse(fs.readFileSync(f,"utf8"))}))',
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ mode: '600', body: { UNICODE: HARD_VALUES.UNICODE } });
    expect(existsSync(file)).toBe(false);
  });

  it('in GitHub Actions masks every value before printing anything', async () => {
    const r = await coffer(
      [
        'run',
        '--app',
        APP,
        '--only',
        'MULTI_LINE',
        '--only',
        'SPACES',
        '--',
        process.execPath,
        '-e',
        'console.error("child")',
      ],
      {
        env: { ...env, GITHUB_ACTIONS: 'true' },
      },
    );
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '::add-mask::-----BEGIN KEY-----%0Aline two%0A  indented three%0A-----END KEY-----%0A',
      '::add-mask::-----BEGIN KEY-----',
      '::add-mask::line two',
      '::add-mask::  indented three',
      '::add-mask::-----END KEY-----',
      '::add-mask::  leading and trailing  ',
    ]);
    expect(lines[6]).toBe('child');
  });
});

describe('coffer.yaml', () => {
  it('init writes organization, project and app, never credentials; commands then need no flags', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coffer-init-'));
    const init = await coffer(['init', '--app', APP], { env, cwd: dir });
    const text = await readFile(join(dir, 'coffer.yaml'), 'utf8');
    const run = await coffer(['run', '--only', 'EQUALS', '--', ...printEnv(['EQUALS'])], { env, cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(parseYaml(text)).toEqual({ organization: server.org, project: server.project, app: APP });
    expect(text).not.toContain(CLIENT_SECRET);
    expect(JSON.parse(run.stdout)).toEqual({ EQUALS: HARD_VALUES.EQUALS });
  });

  it('monorepo: the deepest entry containing the working directory picks the app', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coffer-mono-'));
    await coffer(['init', '--path', 'services/web', '--app', 'cli-other'], { env, cwd: dir });
    await coffer(['init', '--path', 'services', '--app', APP], { env, cwd: dir });
    const sub = join(dir, 'services', 'web', 'src');
    execFileSync('mkdir', ['-p', sub]);
    const r = await coffer(['run', '--only', 'HASH', '--', ...printEnv(['HASH'])], { env, cwd: sub });
    expect(JSON.parse(r.stdout)).toEqual({ HASH: 'from other' });
  });
});

describe.concurrent('help', () => {
  it.each([
    [[]],
    [['login']],
    [['logout']],
    [['whoami']],
    [['init']],
    [['run']],
    [['secrets']],
    [['secrets', 'list']],
    [['secrets', 'get']],
    [['secrets', 'set']],
    [['secrets', 'delete']],
    [['secrets', 'versions']],
    [['secrets', 'restore']],
    [['secrets', 'import']],
    [['secrets', 'export']],
    [['apps']],
    [['apps', 'list']],
    [['apps', 'create']],
    [['apps', 'delete']],
    [['syncs']],
    [['syncs', 'list']],
    [['syncs', 'plan']],
    [['syncs', 'run']],
    [['audit', 'list']],
  ])('coffer %s --help shows examples', async (words) => {
    const r = await coffer([...words, '--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ coffer /);
  });

  it('an unknown command says where to look', async () => {
    const r = await coffer(['secretz'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('coffer --help');
  });
});
