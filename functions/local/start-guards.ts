import { open, readFile, unlink } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';

/**
 * What `npm start` checks before it touches anything: that no other Coffer uses the data directory,
 * and that the port is free. Both fail with one sentence that says what to do, never a stack.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

const LOCK_FILE = 'coffer.lock';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the data directory's lock file (`coffer.lock`, holding this process's pid), so a second
 * process on the same directory stops with a clear message instead of failing deep inside the
 * embedded database. A lock whose pid is no longer running was left by a process that was killed
 * and is taken over. (The embedded database keeps its own LevelDB lock as a second line of defence.)
 * Returns the function that releases the lock.
 */
export const lockDataDir = async (dataDir: string): Promise<() => Promise<void>> => {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => {
        const holder = await readFile(path, 'utf8').catch(() => '');
        if (Number(holder.trim()) === process.pid) await unlink(path).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new StartupError(
        `data directory ${dataDir} is in use by another Coffer (pid ${holder}); stop it first, or set COFFER_DATA_DIR to another directory`,
      );
    }
    await unlink(path).catch(() => undefined); // stale: its process is gone
  }
  throw new StartupError(`could not take the lock file ${path}; remove it if no Coffer is running`);
};

/** A request handler as @hono/node-server calls it (`env` carries the Node request, for the peer address). */
export type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/**
 * Binds the HTTP server before anything is created, so a busy port leaves no half-done first start
 * behind (the bootstrap admin's secret is shown only once). Until the service is ready, `fetch`
 * decides what a request gets.
 */
export const bindPort = async (options: {
  port: number;
  hostname: string;
  fetch: Fetch;
}): Promise<Server> => {
  const server = serve({ fetch: options.fetch, port: options.port, hostname: options.hostname }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return server;
  } catch (e) {
    server.close();
    const where = `port ${options.port} on ${options.hostname}`;
    switch ((e as NodeJS.ErrnoException).code) {
      case 'EADDRINUSE':
        throw new StartupError(
          `${where} is already in use; stop what holds it or set PORT to another port (PORT=0 picks a free one)`,
        );
      case 'EACCES':
        throw new StartupError(`not allowed to listen on ${where}; set PORT to a port above 1023`);
      case 'EADDRNOTAVAIL':
      case 'ENOTFOUND':
        throw new StartupError(`COFFER_HOST ${options.hostname} is not an address of this machine`);
      default:
        throw e;
    }
  }
};

/** What a request gets while the service is still starting. */
export const notReady = () =>
  new Response(
    JSON.stringify({ code: 14, message: 'Coffer is starting', details: [{ reason: 'STARTING' }] }),
    {
      status: 503,
      headers: { 'content-type': 'application/json', 'retry-after': '1', 'cache-control': 'no-store' },
    },
  );
