import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.js';
import { CSRF, signIn } from './flow.js';

/** Runs `npm start`'s entry point as a child process and collects its output until it listens. */
const startProcess = async (dataDir: string, env: Record<string, string> = {}) => {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    env: { ...process.env, PORT: '0', COFFER_DATA_DIR: dataDir, COFFER_SYNC_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /Coffer listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, output: () => out, stop };
};

describe('npm start', () => {
  const dirs: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('prints the development user once; the printed credentials sign in; only a hash is stored', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'coffer-start-'));
    dirs.push(dataDir);
    const first = await startProcess(dataDir);
    stops.push(first.stop);

    const email = /COFFER_DEV_USER_EMAIL=(\S+)/.exec(first.output())?.[1];
    const password = /COFFER_DEV_USER_PASSWORD=(\S+)/.exec(first.output())?.[1];
    expect(first.output()).toContain('local development identity provider');
    expect(email).toBe('admin@coffer.local');
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const b = new Browser();
    await signIn(b, first.url, email as string, password as string);
    const session = await b.fetch(`${first.url}/auth/session`, { headers: CSRF });
    expect(session.status).toBe(200);
    expect(JSON.parse(session.text)).toMatchObject({
      user: { email: 'admin@coffer.local' },
      organizations: [{ name: 'default', roles: ['admin'] }],
    });
    const stored = await readFile(join(dataDir, 'dev-user.json'), 'utf8');
    expect(stored).not.toContain(password);
    expect(JSON.parse(stored).passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    await first.stop();

    const second = await startProcess(dataDir);
    stops.push(second.stop);
    expect(second.output()).toContain('COFFER_DEV_USER_EMAIL=admin@coffer.local');
    expect(second.output()).not.toContain('COFFER_DEV_USER_PASSWORD=');
  }, 180_000);

  it('takes the e-mail and password from COFFER_DEV_USER_EMAIL / COFFER_DEV_USER_PASSWORD', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'coffer-start-'));
    dirs.push(dataDir);
    const p = await startProcess(dataDir, {
      COFFER_DEV_USER_EMAIL: 'Me@Example.test',
      COFFER_DEV_USER_PASSWORD: 'my own dev password',
    });
    stops.push(p.stop);

    expect(p.output()).toContain('COFFER_DEV_USER_EMAIL=me@example.test');
    expect(p.output()).not.toContain('my own dev password');
    await signIn(new Browser(), p.url, 'me@example.test', 'my own dev password');
  }, 180_000);
});
