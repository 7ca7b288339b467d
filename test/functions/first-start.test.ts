import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue 9, items 14 to 16: `npm start` as a newcomer runs it, as a real process (tsx
 * functions/local/main.ts, which is what `npm start` runs), on a fresh data directory.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface Started {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'coffer-start-'));
  dirs.push(d);
  return d;
};

const start = (env: Record<string, string>): Started => {
  const child = spawn(TSX, ['functions/local/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, COFFER_SYNC_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, out: () => out, err: () => err, exited };
};

/** Waits for the "listening" line and returns the URL, or fails with what the process printed. */
const listening = async (s: Started): Promise<string> => {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const m = /Coffer listening on (http:\/\/\S+)/.exec(s.out());
    if (m?.[1]) return m[1];
    if (s.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`no listening line; stdout:\n${s.out()}\nstderr:\n${s.err()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const stop = async (s: Started) => {
  s.child.kill('SIGTERM');
  return s.exited;
};

const occupiedPort = async (): Promise<{ server: Server; port: number }> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
};

/** The credentials the first start prints, as the `export` lines a user pastes into a shell. */
const exportedCredentials = (out: string) => {
  const id = /^export COFFER_CLIENT_ID=(\S+)$/m.exec(out)?.[1];
  const secret = /^export COFFER_CLIENT_SECRET=(\S+)$/m.exec(out)?.[1];
  return { id, secret };
};

/**
 * What Coffer itself wrote to stderr, which must be one line and no stack trace. (Node and the AWS
 * SDK may add their own deprecation warnings, which are not Coffer's to word.)
 */
const startupLines = (stderr: string) => {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('EADDRINUSE');
  return stderr.split('\n').filter((l) => l.startsWith('Coffer'));
};

const tokenFor = async (url: string, id: string, secret: string) =>
  fetch(`${url}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }),
  });

describe('first start', () => {
  it('on a busy port: bootstraps nothing, says so in one line, and the next start still shows the secret', async () => {
    const dataDir = await tempDir();
    const { server, port } = await occupiedPort();
    try {
      const busy = start({ PORT: String(port), COFFER_DATA_DIR: dataDir });
      expect(await busy.exited).toBe(1);
      expect(startupLines(busy.err())).toEqual([
        `Coffer failed to start: port ${port} on 127.0.0.1 is already in use; stop what holds it or set PORT to another port (PORT=0 picks a free one)`,
      ]);
      expect(busy.out()).not.toContain('COFFER_CLIENT_SECRET');
      expect(existsSync(join(dataDir, 'bootstrap.json'))).toBe(false);
      expect(existsSync(join(dataDir, 'db'))).toBe(false);
    } finally {
      server.close();
    }

    const next = start({ PORT: '0', COFFER_DATA_DIR: dataDir });
    const url = await listening(next);
    const { id, secret } = exportedCredentials(next.out());
    expect(id).toBeDefined();
    expect(secret).toBeDefined();
    expect((await tokenFor(url, id ?? '', secret ?? '')).status).toBe(200);
    expect(await stop(next)).toBe(0);
  }, 180_000);

  it('refuses a second process on the same data directory, and takes over a stale lock', async () => {
    const dataDir = await tempDir();
    const first = start({ PORT: '0', COFFER_DATA_DIR: dataDir });
    await listening(first);

    const second = start({ PORT: '0', COFFER_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    // tsx runs main.ts in a child process: the pid in the message is that process's.
    const lines = startupLines(second.err());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Coffer failed to start: data directory ${dataDir} is in use by another Coffer \\(pid \\d+\\); stop it first, or set COFFER_DATA_DIR to another directory$`,
      ),
    );
    expect(second.out()).toBe('');
    expect(await stop(first)).toBe(0);
    expect(await readdir(dataDir)).not.toContain('coffer.lock');

    // A process killed with SIGKILL leaves its lock behind; a dead pid's lock is taken over.
    const dead = spawn(process.execPath, ['-e', '']);
    await once(dead, 'exit');
    await writeFile(join(dataDir, 'coffer.lock'), `${dead.pid}\n`);
    const third = start({ PORT: '0', COFFER_DATA_DIR: dataDir });
    await listening(third);
    expect(await stop(third)).toBe(0);
  }, 180_000);
});
