import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'index.html');
/** What the build reads; the shared API client is part of the bundle too. */
const SOURCES = [
  join(root, 'src'),
  join(root, 'public'),
  join(root, 'index.html'),
  join(root, 'vite.config.ts'),
  join(root, 'package.json'),
  join(root, '..', 'api-client', 'src'),
];

const newest = (path: string): number => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
};

/** Builds portal/dist when it is missing or older than any source; says whether it built. */
export const buildPortalIfStale = async (): Promise<boolean> => {
  const fresh =
    existsSync(built) &&
    Math.max(...SOURCES.filter((p) => existsSync(p)).map(newest)) <= statSync(built).mtimeMs;
  if (fresh) return false;
  await build({ root, logLevel: 'warn' });
  return true;
};
