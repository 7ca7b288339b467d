// `npm start` runs this first: build the portal when portal/dist is missing or older than its sources,
// so a fresh clone works with `npm ci && npm start` and a `git pull` never serves a stale portal.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'index.html');

const newest = (path: string): number => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
};

const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(root, p));
const stale =
  !existsSync(built) ||
  Math.max(...sources.filter((p) => existsSync(p)).map(newest)) > statSync(built).mtimeMs;

if (stale) {
  console.log('Building the portal (portal/dist)…');
  try {
    await build({ root, logLevel: 'warn' });
  } catch (e) {
    console.error(`The portal did not build (${e instanceof Error ? e.message : String(e)}).`);
    console.error('`npm run start:api` starts the API without it.');
    process.exitCode = 1;
  }
}
